#include "bundle/bundle_writer.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <set>

#include "core/file_io.h"

namespace oh::bundle {
namespace {

static_assert(std::endian::native == std::endian::little, "the bundle format is little-endian");

uint64_t alignUp(uint64_t value) { return (value + kPartAlignment - 1) / kPartAlignment * kPartAlignment; }

template <typename T>
std::span<const uint8_t> bytesOf(const T& value) {
    return {reinterpret_cast<const uint8_t*>(&value), sizeof(T)};
}

Status checkParts(const std::filesystem::path& path, const std::vector<Part>& parts) {
    if (parts.size() > kMaxParts)
        return makeError(displayPath(path) + ": " + std::to_string(parts.size()) + " parts, more than the format's " +
                         std::to_string(kMaxParts));
    std::set<std::string_view> names;
    for (const Part& part : parts) {
        if (!isValidPartName(part.name))
            return makeError(displayPath(path) + ": '" + part.name + "' is not a valid part name");
        if (!names.insert(part.name).second)
            return makeError(displayPath(path) + ": two parts named '" + part.name + "'");
    }
    return ok();
}

// The table, with each part's place and hash; parts laid out in order from
// the first aligned offset after the header.
std::vector<TocEntry> layOut(const std::vector<Part>& parts, uint64_t* tocOffset) {
    std::vector<TocEntry> toc(parts.size());
    uint64_t offset = alignUp(sizeof(FileHeader));
    for (size_t i = 0; i < parts.size(); ++i) {
        TocEntry& entry = toc[i];
        std::memset(&entry, 0, sizeof(entry));
        std::memcpy(entry.name, parts[i].name.data(), parts[i].name.size());
        entry.kind = parts[i].kind;
        entry.offset = offset;
        entry.size = parts[i].bytes.size();
        entry.hash = hashBytes(parts[i].bytes);
        offset = alignUp(offset + entry.size);
    }
    *tocOffset = offset;
    return toc;
}

FileHeader makeHeader(const std::vector<TocEntry>& toc, uint64_t tocOffset, bool isSigned) {
    FileHeader header;
    std::memset(&header, 0, sizeof(header));
    header.magic = kMagic;
    header.formatVersion = kFormatVersion;
    header.flags = isSigned ? uint32_t(kFlagSigned) : 0u;
    header.tocOffset = tocOffset;
    header.partCount = uint32_t(toc.size());
    header.tocEntrySize = sizeof(TocEntry);
    header.fileSize = tocOffset + toc.size() * sizeof(TocEntry) + (isSigned ? sizeof(SignatureBlock) : 0);
    return header;
}

SignatureBlock makeSignature(const FileHeader& header, const std::vector<TocEntry>& toc, const SecretKey& key) {
    std::vector<uint8_t> message(sizeof(header) + toc.size() * sizeof(TocEntry));
    std::memcpy(message.data(), &header, sizeof(header));
    if (!toc.empty()) std::memcpy(message.data() + sizeof(header), toc.data(), toc.size() * sizeof(TocEntry));
    SignatureBlock block;
    std::memset(&block, 0, sizeof(block));
    block.magic = kSignatureMagic;
    block.publicKey = publicKeyOf(key);
    block.signature = sign(message, key);
    return block;
}

}  // namespace

Status writeBundle(const std::filesystem::path& path, std::vector<Part> parts, const WriteOptions& options) {
    OH_TRY(checkParts(path, parts));
    std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) {
        return a.kind != b.kind ? a.kind < b.kind : a.name < b.name;
    });
    uint64_t tocOffset = 0;
    std::vector<TocEntry> toc = layOut(parts, &tocOffset);
    FileHeader header = makeHeader(toc, tocOffset, options.signingKey != nullptr);

    auto file = AtomicFileWriter::create(path);
    if (!file) return file.error();
    OH_TRY(file->write(bytesOf(header)));
    static const uint8_t kZeros[kPartAlignment] = {};
    for (size_t i = 0; i < parts.size(); ++i) {
        if (options.cancelled && options.cancelled())
            return makeError(displayPath(path) + ": interrupted; nothing was written", kExitIo);
        OH_TRY(file->write(std::span(kZeros, toc[i].offset - file->size())));
        OH_TRY(file->write(parts[i].bytes));
        if (options.progress) options.progress(file->size(), header.fileSize);
    }
    OH_TRY(file->write(std::span(kZeros, tocOffset - file->size())));
    if (!toc.empty())
        OH_TRY(file->write({reinterpret_cast<const uint8_t*>(toc.data()), toc.size() * sizeof(TocEntry)}));
    if (options.signingKey) OH_TRY(file->write(bytesOf(makeSignature(header, toc, *options.signingKey))));
    if (file->size() != header.fileSize)
        return makeError(displayPath(path) + ": internal error: wrote " + std::to_string(file->size()) +
                         " bytes, expected " + std::to_string(header.fileSize), kExitIo);
    return file->commit();
}

}  // namespace oh::bundle
