// EncodeCache: block-compressed textures kept on disk by what went in, so a
// listing packed again after its facts changed (a new price, a better
// description), or listings that share pictures (flats of one plan; the
// demo catalog's), compress each picture and texture once. Block compression
// is most of a pack's time (docs/benchmarks.md). `openhouse-pack --cache DIR`.
//
// An entry's name is the BLAKE2b-256 of the packer's own executable (any
// rebuild starts afresh, so a changed encoder can never hand back old
// bytes), the usage, the options that change the bytes (not the thread
// count) and the image's size and pixels. It holds the EncodedTexture with a
// hash of its own: a damaged or cut entry is a miss, written again, never
// used. Entries are written atomically, so packs may share a folder and run
// at once. Nothing is ever removed: the folder may be emptied at will.
//
// Not for: the encoding itself (texture/), the bundle (bundle/).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>

#include "core/image.h"
#include "core/result.h"
#include "texture/texture_encode.h"

namespace oh::pack {

class EncodeCache {
public:
    // The folder is made when the first entry is stored. Errors: the packer's
    // executable cannot be read (its hash keys every entry).
    static Result<EncodeCache> open(const std::filesystem::path& folder);

    // encodeTexture's result, from the cache when an intact entry has it;
    // otherwise encoded and stored (a store that fails, e.g. a full disk, is
    // only a miss next time). Thread-safe. The timings are the encoder's on
    // a miss and zero on a hit.
    Result<texture::EncodedTexture> encode(const RgbaImage& image, texture::TextureUsage usage,
                                           const texture::EncodeOptions& options = {});

    unsigned hits() const { return m_hits; }
    unsigned misses() const { return m_misses; }

    EncodeCache(EncodeCache&& other) noexcept
        : m_folder(std::move(other.m_folder)), m_packer(other.m_packer), m_hits(other.m_hits.load()),
          m_misses(other.m_misses.load()) {}

private:
    EncodeCache(std::filesystem::path folder, const std::array<uint8_t, 32>& packer)
        : m_folder(std::move(folder)), m_packer(packer) {}

    std::filesystem::path m_folder;
    std::array<uint8_t, 32> m_packer;  // the executable's hash
    std::atomic<unsigned> m_hits{0}, m_misses{0};
};

// encodeTexture through `cache`, or straight when there is none.
Result<texture::EncodedTexture> encodeTexture(EncodeCache* cache, const RgbaImage& image,
                                              texture::TextureUsage usage,
                                              const texture::EncodeOptions& options = {});

}  // namespace oh::pack
