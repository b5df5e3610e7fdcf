#include "tools/pack/encode_cache.h"

#include <array>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bundle/signing.h"
#include "core/file_io.h"

namespace oh::pack {
namespace {

constexpr char kMagic[8] = {'O', 'H', 'E', 'N', 'C', '0', '0', '1'};
// Bounds a damaged header cannot pass: the largest texture the encoder makes.
constexpr uint32_t kMaxLevels = 32;

// A little-endian byte stream (every machine this runs on is little-endian;
// the entries never leave it).
struct Writer {
    std::vector<uint8_t> bytes;
    template <typename T>
    void put(T value) {
        const auto* raw = reinterpret_cast<const uint8_t*>(&value);
        bytes.insert(bytes.end(), raw, raw + sizeof value);
    }
};
struct Reader {
    std::span<const uint8_t> bytes;
    size_t at = 0;
    template <typename T>
    bool get(T& value) {
        if (bytes.size() - at < sizeof value) return false;
        std::memcpy(&value, bytes.data() + at, sizeof value);
        at += sizeof value;
        return true;
    }
};

std::vector<uint8_t> serialise(const texture::EncodedTexture& texture) {
    Writer out;
    out.bytes.assign(kMagic, kMagic + sizeof kMagic);
    out.put(uint32_t(texture.format));
    out.put(texture.width);
    out.put(texture.height);
    out.put(uint32_t(texture.levels.size()));
    for (const texture::MipLevel& level : texture.levels) {
        out.put(level.width);
        out.put(level.height);
        out.put(uint64_t(level.offset));
        out.put(uint64_t(level.size));
    }
    out.put(uint64_t(texture.data.size()));
    out.bytes.insert(out.bytes.end(), texture.data.begin(), texture.data.end());
    bundle::ContentHash check = bundle::hashBytes(out.bytes);
    out.bytes.insert(out.bytes.end(), check.begin(), check.end());
    return out.bytes;
}

// None when the entry is not one this cache wrote whole.
std::optional<texture::EncodedTexture> deserialise(std::span<const uint8_t> bytes) {
    if (bytes.size() < sizeof kMagic + 32 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return std::nullopt;
    std::span<const uint8_t> body = bytes.first(bytes.size() - 32);
    if (bundle::hashBytes(body) != *reinterpret_cast<const bundle::ContentHash*>(bytes.data() + body.size()))
        return std::nullopt;
    Reader in{body, sizeof kMagic};
    texture::EncodedTexture texture;
    uint32_t format = 0, levelCount = 0;
    if (!in.get(format) || !in.get(texture.width) || !in.get(texture.height) || !in.get(levelCount) ||
        levelCount > kMaxLevels)
        return std::nullopt;
    texture.format = texture::BlockFormat(format);
    for (uint32_t i = 0; i < levelCount; ++i) {
        texture::MipLevel level;
        uint64_t offset = 0, size = 0;
        if (!in.get(level.width) || !in.get(level.height) || !in.get(offset) || !in.get(size)) return std::nullopt;
        level.offset = size_t(offset);
        level.size = size_t(size);
        texture.levels.push_back(level);
    }
    uint64_t dataSize = 0;
    if (!in.get(dataSize) || dataSize != body.size() - in.at) return std::nullopt;
    texture.data.assign(body.begin() + ptrdiff_t(in.at), body.end());
    for (const texture::MipLevel& level : texture.levels)
        if (level.offset > texture.data.size() || level.size > texture.data.size() - level.offset) return std::nullopt;
    return texture;
}

}  // namespace

Result<EncodeCache> EncodeCache::open(const std::filesystem::path& folder) {
    auto packer = readFile("/proc/self/exe");
    if (!packer) return makeError("--cache: cannot read the packer's own executable to key the cache: " +
                                  packer.error().message);
    return EncodeCache(folder, bundle::hashBytes(*packer));
}

Result<texture::EncodedTexture> EncodeCache::encode(const RgbaImage& image, texture::TextureUsage usage,
                                                    const texture::EncodeOptions& options) {
    bundle::Hasher key;
    key.update(m_packer);
    Writer settings;
    settings.put(uint32_t(usage));
    settings.put(uint32_t(options.bc7.level));
    settings.put(options.maxDimension);
    settings.put(uint8_t(options.mipmaps));
    settings.put(uint8_t(options.compress));
    settings.put(image.width);
    settings.put(image.height);
    key.update(settings.bytes);
    key.update(image.pixels);
    std::filesystem::path entry = m_folder / (bundle::hashHex(key.finish()) + ".bin");

    if (auto bytes = readFile(entry))
        if (auto cached = deserialise(*bytes)) {
            ++m_hits;
            return std::move(*cached);
        }
    ++m_misses;
    auto encoded = texture::encodeTexture(image, usage, options);
    if (!encoded) return encoded;
    std::error_code ignored;
    std::filesystem::create_directories(m_folder, ignored);
    (void)writeFileAtomic(entry, serialise(*encoded));
    return encoded;
}

Result<texture::EncodedTexture> encodeTexture(EncodeCache* cache, const RgbaImage& image,
                                              texture::TextureUsage usage, const texture::EncodeOptions& options) {
    return cache ? cache->encode(image, usage, options) : texture::encodeTexture(image, usage, options);
}

}  // namespace oh::pack
