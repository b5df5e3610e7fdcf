#include "control/shared_secret.h"

#include <sodium.h>

#include "core/file_io.h"

namespace oh::control {

Result<SharedSecret> SharedSecret::fromBytes(std::span<const uint8_t> bytes) {
    if (bytes.size() < kMinBytes)
        return makeError("the shared secret has " + std::to_string(bytes.size()) + " bytes; it needs at least " +
                         std::to_string(kMinBytes) + " random bytes (e.g. `head -c 32 /dev/urandom | base64`)");
    if (bytes.size() > kMaxBytes)
        return makeError("the shared secret has " + std::to_string(bytes.size()) + " bytes; at most " +
                         std::to_string(kMaxBytes) + " are allowed");
    return SharedSecret(std::vector<uint8_t>(bytes.begin(), bytes.end()));
}

SharedSecret::~SharedSecret() {
    if (!m_bytes.empty()) sodium_memzero(m_bytes.data(), m_bytes.size());
}

Result<SharedSecret> loadSharedSecret(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return makeError(displayPath(path) + ": shared secret file not found");
    if (!fs::is_regular_file(status)) return makeError(displayPath(path) + ": the shared secret must be a plain file");
    // Any user of the station could otherwise read the secret (and drive the
    // headset) or replace it.
    if ((status.permissions() & (fs::perms::others_read | fs::perms::others_write)) != fs::perms::none)
        return makeError(displayPath(path) + ": the shared secret file is readable or writable by every user; "
                         "run `chmod 600 " + displayPath(path) + "`");
    auto bytes = readFile(path, SharedSecret::kMaxBytes + 64);
    if (!bytes) return bytes.error();
    std::vector<uint8_t>& data = *bytes;
    while (!data.empty() && (data.back() == '\n' || data.back() == '\r' || data.back() == ' ' || data.back() == '\t'))
        data.pop_back();
    auto secret = SharedSecret::fromBytes(data);
    sodium_memzero(data.data(), data.size());
    if (!secret) return makeError(displayPath(path) + ": " + secret.error().message);
    return secret;
}

}  // namespace oh::control
