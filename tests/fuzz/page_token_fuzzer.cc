// ReadPageRequest (services/common/listing.h) on any page size and token: a page request or
// INVALID_ARGUMENT; an accepted page is never larger than the cap, and a token made for one
// query is read back as the same position only for that query.

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "listing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  int32_t page_size = 0;
  if (size >= sizeof(page_size)) {
    std::memcpy(&page_size, data, sizeof(page_size));
    data += sizeof(page_size);
    size -= sizeof(page_size);
  }
  const std::string token(reinterpret_cast<const char*>(data), size);
  auto page = rinnalla::ReadPageRequest(page_size, token, "organizations/o|state = ACTIVE");
  if (page.ok()) {
    if (page->page_size < 1 || page->page_size > rinnalla::kMaxPageSize) std::abort();
    if (page->after.has_value()) {
      const std::string again =
          rinnalla::NextPageToken(page->after, "organizations/o|state = ACTIVE");
      if (!rinnalla::ReadPageRequest(1, again, "organizations/o|state = ACTIVE").ok()) std::abort();
      if (rinnalla::ReadPageRequest(1, again, "organizations/other").ok()) std::abort();
    }
  }
  return 0;
}
