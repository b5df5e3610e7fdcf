// Whole-file reads and atomic writes. Writes go to a temporary file beside the
// target and are renamed into place, so a failure never leaves a half-written
// output behind.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "core/result.h"

namespace oh {

// Reads the whole file. Refuses files larger than `maxBytes` before reading.
Result<std::vector<uint8_t>> readFile(const std::filesystem::path& path,
                                      uint64_t maxBytes = uint64_t(4) << 30);

// Writes `bytes` to `path` atomically (temp file + rename). Error exit code kExitIo.
Status writeFileAtomic(const std::filesystem::path& path, std::span<const uint8_t> bytes);

// A path as UTF-8 text for messages.
std::string displayPath(const std::filesystem::path& path);

}  // namespace oh
