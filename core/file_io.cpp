#include "core/file_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>

#include <unistd.h>

namespace oh {

std::string displayPath(const std::filesystem::path& path) {
    auto text = path.u8string();
    return std::string(text.begin(), text.end());
}

Result<std::vector<uint8_t>> readFile(const std::filesystem::path& path, uint64_t maxBytes) {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        return makeError(displayPath(path) + ": file not found");
    if (std::filesystem::is_directory(status))
        return makeError(displayPath(path) + ": is a folder, expected a file");
    uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) return makeError(displayPath(path) + ": cannot read size: " + ec.message());
    if (size > maxBytes)
        return makeError(displayPath(path) + ": file is " + std::to_string(size) +
                         " bytes, larger than the limit of " + std::to_string(maxBytes));
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return makeError(displayPath(path) + ": cannot open: " + std::strerror(errno));
    std::vector<uint8_t> bytes(size);
    size_t got = size ? std::fread(bytes.data(), 1, size, file) : 0;
    std::fclose(file);
    if (got != size) return makeError(displayPath(path) + ": read failed (file changed while reading?)");
    return bytes;
}

Status writeFileAtomic(const std::filesystem::path& path, std::span<const uint8_t> bytes) {
    std::filesystem::path temp = path;
    temp += ".tmp-" + std::to_string(::getpid());
    std::FILE* file = std::fopen(temp.c_str(), "wb");
    if (!file) return makeError(displayPath(path) + ": cannot write: " + std::strerror(errno), kExitIo);
    bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    written = (std::fflush(file) == 0) && written;
    written = (std::fclose(file) == 0) && written;
    if (!written) {
        std::remove(temp.c_str());
        return makeError(displayPath(path) + ": write failed (disk full?)", kExitIo);
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::remove(temp.c_str());
        return makeError(displayPath(path) + ": cannot move into place: " + ec.message(), kExitIo);
    }
    return ok();
}

}  // namespace oh
