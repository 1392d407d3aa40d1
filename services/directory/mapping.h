#ifndef RINNALLA_SERVICES_DIRECTORY_MAPPING_H_
#define RINNALLA_SERVICES_DIRECTORY_MAPPING_H_

// Directory protos <-> storage records.

#include <set>
#include <string>

#include "rinnalla/storage/records.h"
#include "rinnalla/v1/directory.pb.h"

namespace rinnalla::directory {

v1::Guide ToProto(const storage::GuideRecord& record);
v1::Client ToProto(const storage::ClientRecord& record);

// Copies the named fields of validated input into a record.
void ApplyFields(const v1::Guide& from, const std::set<std::string>& fields,
                 storage::GuideRecord& to);
void ApplyFields(const v1::Client& from, const std::set<std::string>& fields,
                 storage::ClientRecord& to);

}  // namespace rinnalla::directory

#endif  // RINNALLA_SERVICES_DIRECTORY_MAPPING_H_
