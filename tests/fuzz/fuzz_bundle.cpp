// libFuzzer target for the tour-bundle reader and the decoders of its parts
// (manifest, scene, collision). Each input is tried twice: as given, and with
// every in-range part's hash recomputed first, so mutations inside a part get
// past the hash check and reach the part's decoder. Any crash, sanitizer
// report, timeout or memory blow-up is a bug; an Error is the expected outcome.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "bundle/bundle_reader.h"
#include "bundle/manifest.h"
#include "bundle/scene_codec.h"

namespace {

using namespace oh::bundle;

void openAndDecode(const std::vector<uint8_t>& bytes) {
    auto reader = BundleReader::fromBytes(bytes, "fuzz.tour");
    if (!reader) return;
    (void)decodeManifest(*reader);
    auto scene = decodeScene(*reader);
    (void)scene;
}

// Rewrites the table's hashes to match the bytes they describe.
std::vector<uint8_t> withFixedHashes(const uint8_t* data, size_t size) {
    std::vector<uint8_t> bytes(data, data + size);
    if (size < sizeof(FileHeader)) return bytes;
    FileHeader header;
    std::memcpy(&header, bytes.data(), sizeof(header));
    if (header.partCount > kMaxParts || header.tocOffset > size ||
        (size - header.tocOffset) / sizeof(TocEntry) < header.partCount)
        return bytes;
    for (uint32_t i = 0; i < header.partCount; ++i) {
        uint8_t* at = bytes.data() + header.tocOffset + i * sizeof(TocEntry);
        TocEntry entry;
        std::memcpy(&entry, at, sizeof(entry));
        if (entry.offset > size || entry.size > size - entry.offset) continue;
        entry.hash = hashBytes({bytes.data() + entry.offset, entry.size});
        std::memcpy(at, &entry, sizeof(entry));
    }
    return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    openAndDecode(std::vector<uint8_t>(data, data + size));
    openAndDecode(withFixedHashes(data, size));
    return 0;
}
