#ifndef RINNALLA_SERVICES_AUDIT_AUDIT_SERVICE_H_
#define RINNALLA_SERVICES_AUDIT_AUDIT_SERVICE_H_

#include "client_access.h"
#include "rinnalla/storage/access_log.h"
#include "rinnalla/v1/audit.grpc.pb.h"
#include "rpc.h"

namespace rinnalla::audit {

// The Audit RPCs: auditors read one client's access log.
class AuditService final : public v1::Audit::StreamedUnaryService {
 public:
  AuditService(storage::AccessLogRepository& log, const ClientAccess& access, const RpcRunner& rpc)
      : log_(log), access_(access), rpc_(rpc) {}

  RINNALLA_DECLARE_RPC(ListAccessLog, ListAccessLogRequest, v1::ListAccessLogResponse)

 private:
  absl::Status List(const Call& call, const v1::ListAccessLogRequest& request,
                    v1::ListAccessLogResponse& out);

  storage::AccessLogRepository& log_;
  const ClientAccess& access_;
  const RpcRunner& rpc_;
};

}  // namespace rinnalla::audit

#endif  // RINNALLA_SERVICES_AUDIT_AUDIT_SERVICE_H_
