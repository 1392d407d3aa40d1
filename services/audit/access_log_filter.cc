#include "access_log_filter.h"

#include <string>
#include <vector>

#include "field_rules.h"
#include "listing.h"
#include "rinnalla/v1/audit.pb.h"

namespace rinnalla::audit {

absl::StatusOr<storage::AccessLogFilter> ReadAccessLogFilter(absl::string_view text) {
  ASSIGN_OR_RETURN(
      std::vector<FilterTerm> terms,
      ParseFilterTerms(text,
                       {{"time", {">=", ">", "<", "<="}}, {"actor", {"="}}, {"outcome", {"="}}}));
  storage::AccessLogFilter filter;
  FieldViolations v;
  for (const FilterTerm& term : terms) {
    if (term.field == "time") {
      RETURN_IF_ERROR(ApplyTimeTerm(term, filter.from, filter.until));
    } else if (term.field == "actor") {
      if (std::string problem = TextProblem(term.value, kMaxActor); !problem.empty()) {
        v.Add("filter", "actor " + problem);
      }
      filter.actor = term.value;
    } else {
      v1::AccessLogEntry::Outcome outcome;
      if (!v1::AccessLogEntry::Outcome_Parse(term.value, &outcome) ||
          outcome == v1::AccessLogEntry::OUTCOME_UNSPECIFIED) {
        v.Add("filter", "outcome must be OK, DENIED or ERROR");
      }
      filter.outcome = term.value;
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  return filter;
}

}  // namespace rinnalla::audit
