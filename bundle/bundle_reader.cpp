#include "bundle/bundle_reader.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "core/file_io.h"

namespace oh::bundle {
namespace {

static_assert(std::endian::native == std::endian::little, "the bundle format is little-endian");

bool allZero(const uint8_t* bytes, size_t count) {
    return std::all_of(bytes, bytes + count, [](uint8_t b) { return b == 0; });
}

std::string entryName(const TocEntry& entry) {
    const char* end = static_cast<const char*>(std::memchr(entry.name, 0, sizeof(entry.name)));
    return std::string(entry.name, end ? end : entry.name + sizeof(entry.name));
}

uint64_t alignUp(uint64_t value) { return (value + kPartAlignment - 1) / kPartAlignment * kPartAlignment; }

bool knownKind(PartKind kind) { return kind >= PartKind::Manifest && kind <= PartKind::GeneratedPlan; }

}  // namespace

Result<BundleReader> BundleReader::open(const std::filesystem::path& path, const OpenOptions& options) {
    auto file = MappedFile::open(path);
    if (!file) return file.error();
    BundleReader reader;
    reader.m_file = std::move(file.value());
    reader.m_bytes = reader.m_file.bytes();
    reader.m_displayName = displayPath(path);
    return check(std::move(reader), options);
}

Result<BundleReader> BundleReader::fromBytes(std::span<const uint8_t> bytes, std::string displayName,
                                             const OpenOptions& options) {
    BundleReader reader;
    reader.m_bytes = bytes;
    reader.m_displayName = std::move(displayName);
    return check(std::move(reader), options);
}

Result<BundleReader> BundleReader::check(BundleReader reader, const OpenOptions& options) {
    OH_TRY(reader.checkHeader());
    OH_TRY(reader.checkTable());
    OH_TRY(reader.checkSignature(options));
    reader.m_verified = std::make_unique<std::atomic<bool>[]>(reader.m_entries.size());
    if (!options.trustedKeys.empty()) OH_TRY(reader.verifyAllParts());
    return reader;
}

Error BundleReader::damaged(const std::string& what) const {
    return makeError(m_displayName + ": not a valid tour bundle: " + what);
}

Status BundleReader::checkHeader() {
    if (m_bytes.size() < sizeof(FileHeader)) {
        if (m_bytes.size() >= kMagic.size() && std::memcmp(m_bytes.data(), kMagic.data(), kMagic.size()) == 0)
            return damaged("truncated (" + std::to_string(m_bytes.size()) + " bytes, shorter than its header)");
        return makeError(m_displayName + ": not a tour bundle (too short to be one)");
    }
    FileHeader header;
    std::memcpy(&header, m_bytes.data(), sizeof(header));
    if (header.magic != kMagic) return makeError(m_displayName + ": not a tour bundle (no OHTOUR signature at the start)");
    if (header.formatVersion != kFormatVersion)
        return makeError(m_displayName + ": tour bundle format version " + std::to_string(header.formatVersion) +
                         "; this program reads version " + std::to_string(kFormatVersion) +
                         (header.formatVersion > kFormatVersion ? " (update OpenHouse, or repack with this version)"
                                                                : " (repack it)"));
    m_formatVersion = header.formatVersion;
    if ((header.flags & ~uint32_t(kFlagSigned)) != 0 || !allZero(header.reserved, sizeof(header.reserved)))
        return damaged("unknown header flags");
    if (header.tocEntrySize != sizeof(TocEntry)) return damaged("table entries of an unknown size");
    if (header.fileSize != m_bytes.size())
        return damaged(header.fileSize > m_bytes.size()
                           ? "truncated (" + std::to_string(m_bytes.size()) + " of " +
                                 std::to_string(header.fileSize) + " bytes)"
                           : std::to_string(m_bytes.size() - header.fileSize) + " bytes after its end");
    if (header.partCount > kMaxParts)
        return damaged(std::to_string(header.partCount) + " parts, more than the format allows");
    uint64_t signatureSize = (header.flags & kFlagSigned) ? sizeof(SignatureBlock) : 0;
    uint64_t tableSize = uint64_t(header.partCount) * sizeof(TocEntry);
    if (header.tocOffset < sizeof(FileHeader) || header.tocOffset % kPartAlignment != 0 ||
        header.tocOffset > m_bytes.size() || m_bytes.size() - header.tocOffset != tableSize + signatureSize)
        return damaged("its table of contents is not where the header says");
    m_signedBytes[0] = m_bytes.subspan(0, sizeof(FileHeader));
    m_signedBytes[1] = m_bytes.subspan(header.tocOffset, tableSize);
    m_entries.resize(header.partCount);
    if (tableSize) std::memcpy(m_entries.data(), m_signedBytes[1].data(), tableSize);
    return ok();
}

Status BundleReader::checkTable() {
    uint64_t tocOffset = uint64_t(m_signedBytes[1].data() - m_bytes.data());
    m_byName.clear();
    uint64_t previousEnd = sizeof(FileHeader);
    for (size_t i = 0; i < m_entries.size(); ++i) {
        const TocEntry& entry = m_entries[i];
        std::string name = entryName(entry);
        std::string label = "part " + std::to_string(i);
        if (!isValidPartName(name) || !allZero(reinterpret_cast<const uint8_t*>(entry.name) + name.size(),
                                               sizeof(entry.name) - name.size()))
            return damaged(label + " has an invalid name");
        label = "part '" + name + "'";
        if (!m_byName.emplace(name, i).second) return damaged("two parts named '" + name + "'");
        if (!knownKind(entry.kind)) return damaged(label + " is of an unknown kind " + std::to_string(uint32_t(entry.kind)));
        if (entry.reserved != 0 || !allZero(entry.reserved2, sizeof(entry.reserved2)))
            return damaged(label + " has unknown flags");
        if (entry.offset % kPartAlignment != 0) return damaged(label + " is not aligned");
        // Parts lie in table order, each at the first aligned offset after the
        // one before, with zeros between: every byte of the file is accounted
        // for by the hashes, the signature or this check.
        if (entry.offset < previousEnd) return damaged(label + " overlaps the part or header before it");
        if (entry.offset != alignUp(previousEnd)) return damaged(label + " is not where the part before it ends");
        if (entry.offset > tocOffset || entry.size > tocOffset - entry.offset)
            return damaged(label + " lies outside the file (" + std::to_string(entry.size) + " bytes at offset " +
                           std::to_string(entry.offset) + ")");
        if (!allZero(m_bytes.data() + previousEnd, entry.offset - previousEnd))
            return damaged("bytes changed between parts, before " + label);
        previousEnd = entry.offset + entry.size;
    }
    if (tocOffset != alignUp(previousEnd) || !allZero(m_bytes.data() + previousEnd, tocOffset - previousEnd))
        return damaged("bytes changed before the table of contents");
    return ok();
}

Status BundleReader::checkSignature(const OpenOptions& options) {
    FileHeader header;
    std::memcpy(&header, m_bytes.data(), sizeof(header));
    bool isSigned = (header.flags & kFlagSigned) != 0;
    if (!isSigned) {
        if (!options.trustedKeys.empty())
            return makeError(m_displayName + ": refused: the bundle is not signed, and only signed bundles are trusted here",
                             kExitUntrusted);
        return ok();
    }
    SignatureBlock block;
    std::memcpy(&block, m_bytes.data() + m_bytes.size() - sizeof(block), sizeof(block));
    if (block.magic != kSignatureMagic || !allZero(block.reserved, sizeof(block.reserved)))
        return damaged("its signature block is damaged");
    std::vector<uint8_t> message(m_signedBytes[0].begin(), m_signedBytes[0].end());
    message.insert(message.end(), m_signedBytes[1].begin(), m_signedBytes[1].end());
    if (!verify(message, block.signature, block.publicKey))
        return makeError(m_displayName + ": refused: the signature does not match its contents (the bundle was changed after signing)",
                         kExitUntrusted);
    if (!options.trustedKeys.empty() &&
        std::find(options.trustedKeys.begin(), options.trustedKeys.end(), block.publicKey) == options.trustedKeys.end())
        return makeError(m_displayName + ": refused: signed by key " + keyFingerprint(block.publicKey) +
                             ", which is not trusted here",
                         kExitUntrusted);
    m_signer = block.publicKey;
    return ok();
}

PartInfo BundleReader::partInfo(size_t index) const {
    const TocEntry& entry = m_entries.at(index);
    size_t length = strnlen(entry.name, sizeof(entry.name));
    return {std::string_view(entry.name, length), entry.kind, entry.offset, entry.size, &entry.hash};
}

std::optional<size_t> BundleReader::find(std::string_view name) const {
    auto found = m_byName.find(name);
    if (found == m_byName.end()) return std::nullopt;
    return found->second;
}

Result<std::span<const uint8_t>> BundleReader::part(size_t index) const {
    const TocEntry& entry = m_entries.at(index);
    std::span<const uint8_t> bytes = m_bytes.subspan(entry.offset, entry.size);
    if (!m_verified[index].load(std::memory_order_acquire)) {
        if (hashBytes(bytes) != entry.hash)
            return makeError(m_displayName + ": part '" + std::string(partInfo(index).name) +
                                 "' is damaged (its hash does not match: the bundle was changed or corrupted after packing)",
                             kExitUntrusted);
        m_verified[index].store(true, std::memory_order_release);
    }
    return bytes;
}

Result<std::span<const uint8_t>> BundleReader::part(std::string_view name, PartKind kind) const {
    auto index = find(name);
    if (!index) return makeError(m_displayName + ": has no part '" + std::string(name) + "'");
    if (m_entries[*index].kind != kind)
        return damaged("part '" + std::string(name) + "' is a " + std::string(partKindName(m_entries[*index].kind)) +
                       ", expected a " + std::string(partKindName(kind)));
    return part(*index);
}

Status BundleReader::verifyAllParts() const {
    for (size_t i = 0; i < m_entries.size(); ++i) {
        auto bytes = part(i);
        if (!bytes) return bytes.error();
    }
    return ok();
}

}  // namespace oh::bundle
