// Request signatures for the control endpoint (docs/control.md). With a
// shared secret, every request carries
//   Authorization: OpenHouse-HMAC ts=<unix seconds>,nonce=<32 hex digits>,sig=<64 hex digits>
// where sig = HMAC-SHA256(secret, METHOD \n PATH \n ts \n nonce \n hex(SHA-256(body)))
// (ts in decimal, nonce and hashes in lowercase hex). The station refuses a
// signature that does not match, a ts more than kClockSkewSeconds from its
// own clock, and a nonce it has already accepted (a replayed request).
//
// Pure functions and a small state holder; no sockets (fuzzed directly).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "control/shared_secret.h"
#include "core/result.h"

namespace oh::control {

inline constexpr std::string_view kAuthScheme = "OpenHouse-HMAC";
inline constexpr int64_t kClockSkewSeconds = 60;
// Signed requests a station remembers at once (one every 12 ms for the two
// minutes a nonce can live); more are refused until older ones expire.
inline constexpr size_t kMaxRememberedNonces = 10000;

using Nonce = std::array<uint8_t, 16>;
using RequestSignature = std::array<uint8_t, 32>;

struct Authorization {
    int64_t timestamp = 0;  // unix seconds
    Nonce nonce{};
    RequestSignature signature{};
};

// Reads the header's value. Strict: the scheme, one space, then exactly
// ts=,nonce=,sig= in that order; errors say what is wrong in one line.
Result<Authorization> parseAuthorization(std::string_view header);

// The header value for a request (what the client sends).
std::string makeAuthorization(const SharedSecret& secret, std::string_view method, std::string_view path,
                              std::string_view body, int64_t timestamp, const Nonce& nonce);

// True when `auth` was made with `secret` for this method, path and body
// (compared in constant time).
bool verifySignature(const SharedSecret& secret, const Authorization& auth, std::string_view method,
                     std::string_view path, std::string_view body);

// A fresh random nonce (libsodium's CSPRNG).
Nonce randomNonce();
int64_t unixNow();

// The freshness half of the check, for requests whose signature verified:
// their ts within kClockSkewSeconds of `now`, their nonce not seen before. A
// nonce is remembered until its ts is too old to pass (at most two minutes),
// so memory stays bounded. Not thread-safe: the server holds a lock.
class ReplayGuard {
public:
    // Errors are the reason for the refusal ("replayed request", "clock ...").
    Status admit(const Authorization& auth, int64_t now);
    size_t remembered() const { return m_expiry.size(); }

private:
    std::map<Nonce, int64_t> m_expiry;  // nonce -> last second its ts passes the skew check
    int64_t m_prunedAt = 0;             // the `now` expired nonces were last dropped at
};

}  // namespace oh::control
