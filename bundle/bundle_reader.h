// Opens a tour bundle (bundle_format.h) for random access. The bytes are
// hostile until proven otherwise: open() checks the header and every table
// entry (offsets, sizes, overlaps, names, counts) before anything else reads
// them, checks the signature when there is one, and part() checks a part's
// hash before handing out its bytes. With trusted keys (the branch kiosk's
// `--trust`), an unsigned bundle, one signed by another key, or one with any
// changed byte is refused at open, before any of it is used.
//
// Not for: what the parts contain (manifest.h, scene_codec.h).
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bundle/bundle_format.h"
#include "bundle/signing.h"
#include "core/mapped_file.h"
#include "core/result.h"

namespace oh::bundle {

struct OpenOptions {
    // Non-empty: only bundles signed by one of these keys open, and every
    // part's hash is checked at open.
    std::vector<PublicKey> trustedKeys;
};

struct PartInfo {
    std::string_view name;
    PartKind kind;
    uint64_t offset;
    uint64_t size;
    const ContentHash* hash;
};

class BundleReader {
public:
    // Maps the file. Errors name the file and say what is wrong (exit code 2).
    static Result<BundleReader> open(const std::filesystem::path& path, const OpenOptions& options = {});
    // The same checks over bytes already in memory (tests, fuzzing). `bytes`
    // must outlive the reader.
    static Result<BundleReader> fromBytes(std::span<const uint8_t> bytes, std::string displayName,
                                          const OpenOptions& options = {});

    BundleReader(BundleReader&&) noexcept = default;
    BundleReader& operator=(BundleReader&&) noexcept = default;

    const std::string& displayName() const { return m_displayName; }
    uint64_t fileSize() const { return m_bytes.size(); }
    uint32_t formatVersion() const { return m_formatVersion; }
    // Who signed it (checked at open); none for an unsigned bundle.
    const std::optional<PublicKey>& signer() const { return m_signer; }

    size_t partCount() const { return m_entries.size(); }
    PartInfo partInfo(size_t index) const;
    // The part's index, or none.
    std::optional<size_t> find(std::string_view name) const;

    // The part's bytes, after checking its hash (once per part, thread-safe)
    // and that it is the kind the caller expects. Errors: missing, wrong
    // kind, damaged.
    Result<std::span<const uint8_t>> part(std::string_view name, PartKind kind) const;
    Result<std::span<const uint8_t>> part(size_t index) const;

    // Checks every part's hash now (verify, or a kiosk before showing anything).
    Status verifyAllParts() const;

private:
    BundleReader() = default;
    static Result<BundleReader> check(BundleReader reader, const OpenOptions& options);
    Status checkHeader();
    Status checkTable();
    Status checkSignature(const OpenOptions& options);
    Error damaged(const std::string& what) const;

    MappedFile m_file;
    std::span<const uint8_t> m_bytes;
    std::string m_displayName;
    uint32_t m_formatVersion = 0;
    std::span<const uint8_t> m_signedBytes[2];  // header, table
    std::vector<TocEntry> m_entries;            // copied out: aligned, and safe from later reads
    std::map<std::string, size_t, std::less<>> m_byName;  // part name -> index into m_entries
    std::optional<PublicKey> m_signer;
    std::unique_ptr<std::atomic<bool>[]> m_verified;
};

}  // namespace oh::bundle
