// libFuzzer target for the listing reader: arbitrary bytes as listing.json
// text. Any crash, sanitizer report, timeout or memory blow-up is a bug; an
// Error is the expected outcome for most inputs. What parses must also write
// canonical JSON that parses back to the same listing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "listing/listing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    oh::Result<oh::listing::Listing> listing = oh::listing::parseListing(text, "fuzz.json");
    if (!listing) return 0;
    oh::Result<oh::listing::Listing> again = oh::listing::parseListing(oh::listing::toJson(*listing), "canonical.json");
    if (!again || !(*again == *listing)) std::abort();  // a round trip that loses or changes something
    return 0;
}
