// A whole file mapped read-only into memory: random access to large inputs
// (tour bundles) without reading them first, pages loaded as they are
// touched. Move-only; unmapped on destruction.
//
// Not for files that another process may shrink while mapped (touching a
// page past the new end raises SIGBUS): bundles are written atomically,
// never changed in place.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>

#include "core/result.h"

namespace oh {

class MappedFile {
public:
    // Errors: missing file, a folder, unreadable. An empty file maps to an empty span.
    static Result<MappedFile> open(const std::filesystem::path& path);

    MappedFile() = default;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    std::span<const uint8_t> bytes() const { return {m_data, m_size}; }
    uint64_t size() const { return m_size; }

private:
    const uint8_t* m_data = nullptr;
    uint64_t m_size = 0;
};

}  // namespace oh
