// The tour bundle (.tour) on disk: the format's table of contents. One file
// per listing, random access, opened by mapping it: the viewer reads the
// header and the table of contents, then takes each part where it lies
// (textures go to the GPU as they are stored).
//
//   offset 0          FileHeader (64 bytes)
//   kPartAlignment    part 0, part 1, ... each at a multiple of kPartAlignment,
//                     zero bytes between them, in table order
//   tocOffset         TocEntry[partCount] (128 bytes each)
//   after the table   SignatureBlock (112 bytes) when the header says signed
//   fileSize          the end: nothing may follow
//
// All integers little-endian. Each part carries its BLAKE2b-256 hash in the
// table. A signature is Ed25519 over the header and the table (which holds
// every part's hash), so it covers every byte of every part.
//
// Versions: a reader refuses a formatVersion it does not know; a change that
// an older reader would misread gets a new version.
//
// Not for: what the parts contain (scene_codec.h, manifest.h).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace oh::bundle {

inline constexpr std::array<char, 8> kMagic = {'O', 'H', 'T', 'O', 'U', 'R', '\x1a', '\n'};
inline constexpr uint32_t kFormatVersion = 1;
inline constexpr uint64_t kPartAlignment = 64;  // cache lines; BC blocks need 16
inline constexpr uint32_t kMaxParts = 65536;
inline constexpr size_t kMaxPartName = 55;  // bytes, plus the terminating zero

enum HeaderFlags : uint32_t {
    kFlagSigned = 1u << 0,
};

struct FileHeader {
    std::array<char, 8> magic;
    uint32_t formatVersion;
    uint32_t flags;          // HeaderFlags
    uint64_t tocOffset;
    uint32_t partCount;
    uint32_t tocEntrySize;   // sizeof(TocEntry), so a reader checks it agrees
    uint64_t fileSize;       // the whole file, signature included: truncation shows
    uint8_t reserved[24];    // zero
};
static_assert(sizeof(FileHeader) == 64);

// What a part holds, so a reader refuses a part used as something it is not.
enum class PartKind : uint32_t {
    Manifest = 1,         // JSON: the listing, spots, photo and panorama index (manifest.h)
    SceneStructure = 2,   // nodes, meshes, materials, textures, cameras, lights (scene_codec.h)
    SceneGeometry = 3,    // vertex and index arrays as the GPU takes them
    SceneTexture = 4,     // one image: block-compressed mip chain, level 0 first
    Collision = 5,        // the walk-through's collision world, BVH built
    Photo = 6,            // a listing photo at display size (GPU-compressed)
    PhotoThumbnail = 7,   // the same photo small, for catalogs
    Panorama = 8,         // a 360° photo as a cube map
    FloorPlan = 9,        // the floor-plan image
    PanoramaPreview = 10, // the same cube small, shown while the full one loads
    GeneratedPlan = 11,   // the floor plan the packer drew from the model
};

struct TocEntry {
    char name[kMaxPartName + 1];  // "scene/geometry", "photos/3/display"... zero padded
    PartKind kind;
    uint32_t reserved;            // zero
    uint64_t offset;              // from the start of the file, a multiple of kPartAlignment
    uint64_t size;                // bytes
    std::array<uint8_t, 32> hash; // BLAKE2b-256 of the part's bytes
    uint8_t reserved2[16];        // zero
};
static_assert(sizeof(TocEntry) == 128);

inline constexpr std::array<char, 8> kSignatureMagic = {'O', 'H', 'S', 'I', 'G', 'N', '0', '1'};

struct SignatureBlock {
    std::array<char, 8> magic;            // kSignatureMagic
    std::array<uint8_t, 32> publicKey;    // Ed25519: who signed
    std::array<uint8_t, 64> signature;    // over FileHeader bytes then the table's bytes
    uint8_t reserved[8];                  // zero
};
static_assert(sizeof(SignatureBlock) == 112);

// Part names: 1..kMaxPartName bytes of [a-z0-9._/-], no leading or trailing
// '/', no empty or dot-only segments. They are keys, never paths on disk.
bool isValidPartName(std::string_view name);

std::string_view partKindName(PartKind kind);

}  // namespace oh::bundle
