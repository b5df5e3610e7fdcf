// Whole-file reads and atomic writes. Writes go to a temporary file beside the
// target and are renamed into place, so a failure never leaves a half-written
// output behind.
#pragma once

#include <cstdint>
#include <cstdio>
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

// A file written piece by piece that appears at `path` only when commit()
// succeeds: until then the bytes go to a temporary file beside it, which the
// destructor removes if commit() was never reached (an error, an exception,
// an interrupted run). For outputs too large to build in memory first.
class AtomicFileWriter {
public:
    static Result<AtomicFileWriter> create(const std::filesystem::path& path);
    AtomicFileWriter(AtomicFileWriter&& other) noexcept;
    AtomicFileWriter& operator=(AtomicFileWriter&&) = delete;
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    ~AtomicFileWriter();

    Status write(std::span<const uint8_t> bytes);
    Status writeAt(uint64_t offset, std::span<const uint8_t> bytes);  // rewrites earlier bytes (headers)
    uint64_t size() const { return m_size; }
    // Flushes to disk and renames into place. The writer is spent afterwards.
    Status commit();

private:
    AtomicFileWriter(std::filesystem::path path, std::filesystem::path temp, std::FILE* file)
        : m_path(std::move(path)), m_temp(std::move(temp)), m_file(file) {}
    Status fail(const char* what);

    std::filesystem::path m_path;
    std::filesystem::path m_temp;
    std::FILE* m_file = nullptr;
    uint64_t m_size = 0;
};

// A path as UTF-8 text for messages.
std::string displayPath(const std::filesystem::path& path);

}  // namespace oh
