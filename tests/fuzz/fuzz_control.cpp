// libFuzzer target for the control endpoint's parsers (control/): the same
// bytes as a tour request body, a station status body and an Authorization
// header, as the station and the table receive them from the network. Any
// crash, sanitizer report or timeout is a bug; an Error is the expected
// outcome for most inputs. What parses must serialise back to the same
// message, and a header that parses goes through signature and replay checks.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "control/control_protocol.h"
#include "control/request_auth.h"
#include "control/shared_secret.h"

using namespace oh::control;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);

    if (auto request = parseTourRequest(text)) {
        auto again = parseTourRequest(serialiseTourRequest(*request));
        if (!again || again->listingId != request->listingId || again->file != request->file ||
            again->manifestHash != request->manifestHash)
            std::abort();
    }

    if (auto status = parseStationStatus(text)) {
        auto again = parseStationStatus(serialiseStationStatus(*status));
        if (!again || again->state != status->state || again->listingId != status->listingId ||
            again->listingName != status->listingName || again->message != status->message ||
            again->requestId != status->requestId)
            std::abort();
    }
    (void)parseAccepted(text);
    (void)parseError(text);

    if (auto auth = parseAuthorization(text)) {
        static const SharedSecret secret = [] {
            const std::string key = "fuzzing-secret-fuzzing-secret-fuzzing-secret";
            return SharedSecret::fromBytes({reinterpret_cast<const uint8_t*>(key.data()), key.size()}).value();
        }();
        // A random signature matching is a 2^-256 event: that it verifies means the check is broken.
        if (verifySignature(secret, *auth, "POST", kTourPath, text)) std::abort();
        ReplayGuard guard;
        (void)guard.admit(*auth, auth->timestamp);
        if (guard.admit(*auth, auth->timestamp).has_value()) std::abort();  // the same nonce twice
    }
    return 0;
}
