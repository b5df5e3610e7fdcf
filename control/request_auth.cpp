#include "control/request_auth.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <sodium.h>

#include "core/sodium_init.h"

namespace oh::control {
namespace {

std::string toHex(std::span<const uint8_t> bytes) {
    std::string hex(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    hex.pop_back();
    return hex;
}

// Exactly N bytes from 2N hex digits; anything else is refused.
template <size_t N>
bool fromHex(std::string_view hex, std::array<uint8_t, N>& out) {
    if (hex.size() != 2 * N) return false;
    size_t decoded = 0;
    // Without hex_end, libsodium fails on any character that is not a hex digit.
    return sodium_hex2bin(out.data(), N, hex.data(), hex.size(), nullptr, &decoded, nullptr) == 0 && decoded == N;
}

// "key=" then the value up to the next ',' (or the end); advances `rest`.
bool takeField(std::string_view& rest, std::string_view key, bool last, std::string_view& value) {
    if (rest.substr(0, key.size()) != key || rest.size() == key.size() || rest[key.size()] != '=') return false;
    rest.remove_prefix(key.size() + 1);
    size_t end = last ? rest.size() : rest.find(',');
    if (end == std::string_view::npos) return false;
    value = rest.substr(0, end);
    rest.remove_prefix(last ? end : end + 1);
    return true;
}

RequestSignature computeSignature(const SharedSecret& secret, std::string_view method, std::string_view path,
                                  int64_t timestamp, const Nonce& nonce, std::string_view body) {
    initSodium();
    std::array<uint8_t, crypto_hash_sha256_BYTES> bodyHash{};
    crypto_hash_sha256(bodyHash.data(), reinterpret_cast<const uint8_t*>(body.data()), body.size());
    std::string message = std::string(method) + "\n" + std::string(path) + "\n" + std::to_string(timestamp) +
                          "\n" + toHex(nonce) + "\n" + toHex(bodyHash);
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, secret.bytes().data(), secret.bytes().size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const uint8_t*>(message.data()), message.size());
    RequestSignature signature{};
    crypto_auth_hmacsha256_final(&state, signature.data());
    sodium_memzero(&state, sizeof(state));
    return signature;
}

}  // namespace

Result<Authorization> parseAuthorization(std::string_view header) {
    std::string_view rest = header;
    if (rest.substr(0, kAuthScheme.size()) != kAuthScheme || rest.size() == kAuthScheme.size() ||
        rest[kAuthScheme.size()] != ' ')
        return makeError("the Authorization header is not " + std::string(kAuthScheme));
    rest.remove_prefix(kAuthScheme.size() + 1);
    std::string_view ts, nonce, sig;
    if (!takeField(rest, "ts", false, ts) || !takeField(rest, "nonce", false, nonce) ||
        !takeField(rest, "sig", true, sig))
        return makeError("the Authorization header is garbled (expected ts=,nonce=,sig=)");
    Authorization auth;
    // At most 18 digits: always fits in int64_t, and covers every plausible clock.
    if (ts.empty() || ts.size() > 18) return makeError("the Authorization header's ts is not a unix time");
    for (char c : ts) {
        if (c < '0' || c > '9') return makeError("the Authorization header's ts is not a unix time");
        auth.timestamp = auth.timestamp * 10 + (c - '0');
    }
    if (!fromHex(nonce, auth.nonce)) return makeError("the Authorization header's nonce is not 32 hex digits");
    if (!fromHex(sig, auth.signature)) return makeError("the Authorization header's sig is not 64 hex digits");
    return auth;
}

std::string makeAuthorization(const SharedSecret& secret, std::string_view method, std::string_view path,
                              std::string_view body, int64_t timestamp, const Nonce& nonce) {
    RequestSignature signature = computeSignature(secret, method, path, timestamp, nonce, body);
    return std::string(kAuthScheme) + " ts=" + std::to_string(timestamp) + ",nonce=" + toHex(nonce) +
           ",sig=" + toHex(signature);
}

bool verifySignature(const SharedSecret& secret, const Authorization& auth, std::string_view method,
                     std::string_view path, std::string_view body) {
    RequestSignature expected = computeSignature(secret, method, path, auth.timestamp, auth.nonce, body);
    return sodium_memcmp(expected.data(), auth.signature.data(), expected.size()) == 0;
}

Nonce randomNonce() {
    initSodium();
    Nonce nonce{};
    randombytes_buf(nonce.data(), nonce.size());
    return nonce;
}

int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Status ReplayGuard::admit(const Authorization& auth, int64_t now) {
    int64_t skew = auth.timestamp - now;
    if (skew > kClockSkewSeconds || skew < -kClockSkewSeconds)
        return makeError("its clock differs from the station's by " + std::to_string(skew < 0 ? -skew : skew) +
                         " s (more than " + std::to_string(kClockSkewSeconds) + " s): set both computers' time");
    // Expiry is in whole seconds: nothing new expires until the clock moves on.
    if (now != m_prunedAt) {
        std::erase_if(m_expiry, [now](const auto& entry) { return entry.second < now; });
        m_prunedAt = now;
    }
    if (m_expiry.count(auth.nonce)) return makeError("replayed request (its nonce was used before)");
    if (m_expiry.size() >= kMaxRememberedNonces)
        return makeError("too many requests in the last two minutes");
    m_expiry.emplace(auth.nonce, auth.timestamp + kClockSkewSeconds);
    return ok();
}

}  // namespace oh::control
