#include "assignment_rows.h"

#include "absl/strings/str_cat.h"
#include "codec.h"

namespace rinnalla::storage {

const std::string kAssignmentColumns = absl::StrCat(
    "org_id, CAST(id AS text), CAST(client_id AS text), CAST(guide_id AS text),"
    " CAST(referral_id AS text), state, ",
    MicrosOf("start_time"), ", ", MicrosOf("end_time"), ", end_reason, end_note, revision, ",
    MicrosOf("create_time"), ", ", MicrosOf("update_time"));

AssignmentRecord ReadAssignment(const soci::row& row) {
  AssignmentRecord a;
  a.org_id = row.get<std::string>(0);
  a.id = row.get<std::string>(1);
  a.client_id = row.get<std::string>(2);
  a.guide_id = row.get<std::string>(3);
  a.referral_id = row.get<std::string>(4);
  a.state = row.get<std::string>(5);
  a.start_time = FromMicros(row.get<long long>(6));
  if (row.get_indicator(7) != soci::i_null) a.end_time = FromMicros(row.get<long long>(7));
  a.end_reason = OptionalString(row, 8);
  a.end_note = row.get<std::string>(9);
  a.revision = row.get<long long>(10);
  a.create_time = FromMicros(row.get<long long>(11));
  a.update_time = FromMicros(row.get<long long>(12));
  return a;
}

}  // namespace rinnalla::storage
