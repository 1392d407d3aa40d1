#ifndef RINNALLA_TOOLS_DEMO_HISTORY_H_
#define RINNALLA_TOOLS_DEMO_HISTORY_H_

#include <vector>

#include "absl/time/time.h"
#include "demo_picker.h"
#include "rinnalla/storage/directory_repository.h"
#include "rinnalla/storage/past_guidance.h"

namespace rinnalla::tools {

// A year of guidances up to `now` for the demo's guides and clients: most clients guided once,
// about half of those guidances ended (most with their goals reached, evaluated at a CLOSING
// meeting), notes that rate the goals every three weeks or so, and `visits` visits in all,
// spread over the guidances by their length. Open guidances never exceed a guide's cap and are
// only with ACTIVE or ON_BREAK guides; guides IN_TRAINING guide nobody.
std::vector<storage::PastGuidance> DemoYear(Picker& pick,
                                            const std::vector<storage::GuideRecord>& guides,
                                            const std::vector<storage::ClientRecord>& clients,
                                            int visits, absl::Time now);

}  // namespace rinnalla::tools

#endif  // RINNALLA_TOOLS_DEMO_HISTORY_H_
