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
    auto writer = AtomicFileWriter::create(path);
    if (!writer) return writer.error();
    OH_TRY(writer->write(bytes));
    return writer->commit();
}

Result<AtomicFileWriter> AtomicFileWriter::create(const std::filesystem::path& path) {
    // Beside the target, so the rename stays on one file system; named after
    // the process so two runs writing the same output do not share it.
    std::filesystem::path temp = path;
    temp += ".tmp-" + std::to_string(::getpid());
    std::FILE* file = std::fopen(temp.c_str(), "wb");
    if (!file) return makeError(displayPath(path) + ": cannot write: " + std::strerror(errno), kExitIo);
    return AtomicFileWriter(path, std::move(temp), file);
}

AtomicFileWriter::AtomicFileWriter(AtomicFileWriter&& other) noexcept
    : m_path(std::move(other.m_path)), m_temp(std::move(other.m_temp)), m_file(other.m_file), m_size(other.m_size) {
    other.m_file = nullptr;
}

AtomicFileWriter::~AtomicFileWriter() {
    if (!m_file) return;
    std::fclose(m_file);
    std::remove(m_temp.c_str());
}

Status AtomicFileWriter::fail(const char* what) {
    std::string message = displayPath(m_path) + ": " + what + ": " + std::strerror(errno);
    std::fclose(m_file);
    m_file = nullptr;
    std::remove(m_temp.c_str());
    return makeError(message, kExitIo);
}

Status AtomicFileWriter::write(std::span<const uint8_t> bytes) {
    if (!m_file) return makeError(displayPath(m_path) + ": write after the file was closed", kExitIo);
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size())
        return fail("write failed (disk full?)");
    m_size += bytes.size();
    return ok();
}

Status AtomicFileWriter::writeAt(uint64_t offset, std::span<const uint8_t> bytes) {
    if (!m_file) return makeError(displayPath(m_path) + ": write after the file was closed", kExitIo);
    if (offset + bytes.size() > m_size)
        return makeError(displayPath(m_path) + ": rewrite past what was written", kExitIo);
    if (std::fseek(m_file, long(offset), SEEK_SET) != 0) return fail("seek failed");
    if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size()) return fail("write failed (disk full?)");
    if (std::fseek(m_file, 0, SEEK_END) != 0) return fail("seek failed");
    return ok();
}

Status AtomicFileWriter::commit() {
    if (!m_file) return makeError(displayPath(m_path) + ": committed twice", kExitIo);
    if (std::fflush(m_file) != 0 || ::fsync(::fileno(m_file)) != 0) return fail("write failed (disk full?)");
    if (std::fclose(m_file) != 0) {
        m_file = nullptr;
        std::remove(m_temp.c_str());
        return makeError(displayPath(m_path) + ": write failed (disk full?)", kExitIo);
    }
    m_file = nullptr;
    std::error_code ec;
    std::filesystem::rename(m_temp, m_path, ec);
    if (ec) {
        std::remove(m_temp.c_str());
        return makeError(displayPath(m_path) + ": cannot move into place: " + ec.message(), kExitIo);
    }
    return ok();
}

}  // namespace oh
