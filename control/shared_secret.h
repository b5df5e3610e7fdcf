// The secret a headset station and a touch table share when the station's
// control endpoint listens beyond loopback (docs/control.md). It lives in a
// file given on the command line, never on the command line itself (a
// command line is visible to every user of the computer), and that file must
// not be readable by every user either.
//
// File format: the secret is the file's bytes with trailing spaces, tabs and
// line ends removed; at least 32 bytes, at most 1 KiB, made by a random
// generator (e.g. `head -c 32 /dev/urandom | base64`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "core/result.h"

namespace oh::control {

class SharedSecret {
public:
    static constexpr size_t kMinBytes = 32;
    static constexpr size_t kMaxBytes = 1024;

    // Refuses secrets shorter than kMinBytes or longer than kMaxBytes.
    static Result<SharedSecret> fromBytes(std::span<const uint8_t> bytes);

    SharedSecret(const SharedSecret&) = default;
    SharedSecret(SharedSecret&&) noexcept = default;
    SharedSecret& operator=(const SharedSecret&) = default;
    SharedSecret& operator=(SharedSecret&&) noexcept = default;
    // Wipes the bytes, so a freed secret does not linger in the heap.
    ~SharedSecret();

    std::span<const uint8_t> bytes() const { return m_bytes; }

private:
    explicit SharedSecret(std::vector<uint8_t> bytes) : m_bytes(std::move(bytes)) {}
    std::vector<uint8_t> m_bytes;
};

// Reads the secret file. Errors name the file and the fix: missing, not a
// regular file, readable or writable by every user ("chmod 600"), too short.
Result<SharedSecret> loadSharedSecret(const std::filesystem::path& path);

}  // namespace oh::control
