// Whole textures (texture_encode.h): validation, resizing, the mip chain,
// block rows shared out to threads, and decoding levels back.
#include "texture/texture_encode.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <system_error>
#include <thread>

#include "texture/bc45.h"

namespace oh::texture {
namespace {

std::string sizeText(uint32_t width, uint32_t height) {
    return std::to_string(width) + "x" + std::to_string(height);
}

Status checkImage(const RgbaImage& image) {
    if (image.width == 0 || image.height == 0)
        return makeError("texture is empty (" + sizeText(image.width, image.height) + ")");
    if (image.pixels.size() != size_t(image.width) * image.height * 4)
        return makeError("texture " + sizeText(image.width, image.height) + " has " + std::to_string(image.pixels.size()) +
                         " bytes of pixels, expected " + std::to_string(size_t(image.width) * image.height * 4));
    return ok();
}

// The 4x4 texels of block (blockX, blockY), repeating the last column and row
// where the block hangs over the image's edge.
void gatherBlock(const RgbaImage& image, uint32_t blockX, uint32_t blockY, uint8_t texels[64]) {
    for (uint32_t y = 0; y < kBlockDim; ++y) {
        const uint32_t sourceY = std::min(blockY * kBlockDim + y, image.height - 1);
        for (uint32_t x = 0; x < kBlockDim; ++x) {
            const uint32_t sourceX = std::min(blockX * kBlockDim + x, image.width - 1);
            std::memcpy(texels + 4 * (y * kBlockDim + x), &image.pixels[(size_t(sourceY) * image.width + sourceX) * 4], 4);
        }
    }
}

void encodeBlock(const uint8_t texels[64], BlockFormat format, const Bc7Options& bc7, uint8_t* out) {
    uint8_t red[16], green[16];
    for (int i = 0; i < 16; ++i) {
        red[i] = texels[4 * i];
        green[i] = texels[4 * i + 1];
    }
    if (format == BlockFormat::Bc7) encodeBc7Block(texels, bc7, out);
    else if (format == BlockFormat::Bc5) encodeBc5Block(red, green, out);
    else encodeBc4Block(red, out);
}

// Rgba8 "blocks" are rows of texels: block row r is texel rows 4r..4r+3.
void copyTexelRows(const RgbaImage& level, uint32_t firstBlockRow, uint32_t blockRowCount, uint8_t* levelData) {
    const uint32_t firstRow = std::min(firstBlockRow * kBlockDim, level.height);
    const uint32_t endRow = std::min((firstBlockRow + blockRowCount) * kBlockDim, level.height);
    const size_t rowBytes = size_t(level.width) * 4;
    std::memcpy(levelData + firstRow * rowBytes, level.pixels.data() + firstRow * rowBytes, (endRow - firstRow) * rowBytes);
}

// Shares the level's block rows out as contiguous ranges, one per thread, the
// calling thread taking the first; a thread that cannot be started leaves its
// range to the calling thread.
void encodeLevel(const RgbaImage& level, BlockFormat format, const EncodeOptions& options, uint8_t* levelData) {
    const uint32_t rows = blocksAcross(level.height);
    const uint32_t workers = std::clamp(options.threads, 1u, rows);
    std::vector<std::thread> threads;
    for (uint32_t worker = 1; worker < workers; ++worker) {
        const uint32_t first = uint32_t(uint64_t(rows) * worker / workers);
        const uint32_t count = uint32_t(uint64_t(rows) * (worker + 1) / workers) - first;
        try {
            threads.emplace_back(encodeBlocks, std::cref(level), format, std::cref(options.bc7), first, count, levelData);
        } catch (const std::system_error&) {
            encodeBlocks(level, format, options.bc7, first, count, levelData);
        }
    }
    encodeBlocks(level, format, options.bc7, 0, rows / workers, levelData);
    for (std::thread& thread : threads) thread.join();
}

uint8_t unitToByte(float value) { return uint8_t(std::lround(std::clamp(value, 0.0f, 1.0f) * 255.0f)); }

// The shader's reconstruction of a BC5 normal: z from unit length.
uint8_t normalZ(uint8_t x, uint8_t y) {
    const float nx = float(x) / 255.0f * 2.0f - 1.0f;
    const float ny = float(y) / 255.0f * 2.0f - 1.0f;
    const float nz = std::sqrt(std::max(0.0f, 1.0f - nx * nx - ny * ny));
    return unitToByte(nz * 0.5f + 0.5f);
}

void decodeBlock(BlockFormat format, const uint8_t* block, uint8_t texels[64]) {
    if (format == BlockFormat::Bc7) {
        decodeBc7Block(block, texels);
        return;
    }
    uint8_t red[16], green[16];
    if (format == BlockFormat::Bc5) decodeBc5Block(block, red, green);
    else decodeBc4Block(block, red);
    for (int i = 0; i < 16; ++i) {
        uint8_t* texel = texels + 4 * i;
        const bool normal = format == BlockFormat::Bc5;
        texel[0] = red[i];
        texel[1] = normal ? green[i] : red[i];
        texel[2] = normal ? normalZ(red[i], green[i]) : red[i];
        texel[3] = 255;
    }
}

bool knownFormat(BlockFormat format) {
    return format == BlockFormat::Rgba8 || format == BlockFormat::Bc4 || format == BlockFormat::Bc5 ||
           format == BlockFormat::Bc7;
}

}  // namespace

BlockFormat formatFor(TextureUsage usage) {
    switch (usage) {
        case TextureUsage::Normal: return BlockFormat::Bc5;
        case TextureUsage::Single: return BlockFormat::Bc4;
        case TextureUsage::Color:
        case TextureUsage::Linear: break;
    }
    return BlockFormat::Bc7;
}

MipFilter filterFor(TextureUsage usage) {
    switch (usage) {
        case TextureUsage::Color: return MipFilter::Srgb;
        case TextureUsage::Normal: return MipFilter::Normal;
        case TextureUsage::Linear:
        case TextureUsage::Single: break;
    }
    return MipFilter::Linear;
}

uint32_t comparedChannels(TextureUsage usage) {
    switch (usage) {
        case TextureUsage::Normal: return 2;
        case TextureUsage::Single: return 1;
        case TextureUsage::Color:
        case TextureUsage::Linear: break;
    }
    return 3;
}

void encodeBlocks(const RgbaImage& level, BlockFormat format, const Bc7Options& bc7, uint32_t firstBlockRow,
                  uint32_t blockRowCount, uint8_t* levelData) {
    if (!isBlockCompressed(format)) {
        copyTexelRows(level, firstBlockRow, blockRowCount, levelData);
        return;
    }
    const uint32_t blocksWide = blocksAcross(level.width);
    const size_t blockBytes = bytesPerBlock(format);
    uint8_t texels[64];
    for (uint32_t by = firstBlockRow; by < firstBlockRow + blockRowCount; ++by)
        for (uint32_t bx = 0; bx < blocksWide; ++bx) {
            gatherBlock(level, bx, by, texels);
            encodeBlock(texels, format, bc7, levelData + (size_t(by) * blocksWide + bx) * blockBytes);
        }
}

Result<EncodedTexture> encodeTexture(const RgbaImage& image, TextureUsage usage, const EncodeOptions& options) {
    OH_TRY(checkImage(image));
    const auto resizeStart = std::chrono::steady_clock::now();
    const MipFilter filter = filterFor(usage);
    const RgbaImage base = resizeToBudget(image, options.maxDimension, filter);
    if (std::max(base.width, base.height) > kMaxTextureDimension)
        return makeError("texture " + sizeText(base.width, base.height) + " is larger than " +
                         std::to_string(kMaxTextureDimension) + " texels a side; give it a maximum dimension");
    const std::vector<RgbaImage> levels = options.mipmaps ? buildMipChain(base, filter) : std::vector<RgbaImage>{base};

    EncodedTexture texture;
    texture.format = options.compress ? formatFor(usage) : BlockFormat::Rgba8;
    texture.width = base.width;
    texture.height = base.height;
    size_t offset = 0;
    for (const RgbaImage& level : levels) {
        const size_t size = encodedSize(texture.format, level.width, level.height);
        texture.levels.push_back({level.width, level.height, offset, size});
        offset += size;
    }
    texture.data.resize(offset);
    const auto compressStart = std::chrono::steady_clock::now();
    texture.resizeSeconds = std::chrono::duration<double>(compressStart - resizeStart).count();
    for (size_t i = 0; i < levels.size(); ++i)
        encodeLevel(levels[i], texture.format, options, texture.data.data() + texture.levels[i].offset);
    texture.compressSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - compressStart).count();
    return texture;
}

Result<RgbaImage> decodeBlocks(BlockFormat format, uint32_t width, uint32_t height, std::span<const uint8_t> data) {
    if (!knownFormat(format)) return makeError("unknown block format " + std::to_string(int(format)));
    if (width == 0 || height == 0) return makeError("texture level is empty (" + sizeText(width, height) + ")");
    const size_t expected = encodedSize(format, width, height);
    if (data.size() != expected)
        return makeError("texture level " + sizeText(width, height) + " has " + std::to_string(data.size()) +
                         " bytes, expected " + std::to_string(expected));
    RgbaImage image{width, height, std::vector<uint8_t>(size_t(width) * height * 4)};
    if (!isBlockCompressed(format)) {
        std::memcpy(image.pixels.data(), data.data(), data.size());
        return image;
    }
    const uint32_t blocksWide = blocksAcross(width);
    uint8_t texels[64];
    for (uint32_t by = 0; by < blocksAcross(height); ++by)
        for (uint32_t bx = 0; bx < blocksWide; ++bx) {
            decodeBlock(format, data.data() + (size_t(by) * blocksWide + bx) * bytesPerBlock(format), texels);
            // Texels past the image's edge are padding: dropped.
            for (uint32_t y = 0; y < kBlockDim && by * kBlockDim + y < height; ++y) {
                const uint32_t columns = std::min(kBlockDim, width - bx * kBlockDim);
                std::memcpy(&image.pixels[((size_t(by) * kBlockDim + y) * width + bx * kBlockDim) * 4],
                            texels + 4 * kBlockDim * y, columns * 4);
            }
        }
    return image;
}

Result<RgbaImage> decodeLevel(const EncodedTexture& texture, uint32_t level) {
    if (level >= texture.levels.size())
        return makeError("texture has " + std::to_string(texture.levels.size()) + " levels, level " +
                         std::to_string(level) + " asked for");
    const MipLevel& mip = texture.levels[level];
    if (mip.offset > texture.data.size() || mip.size > texture.data.size() - mip.offset)
        return makeError("texture level " + std::to_string(level) + ": " + std::to_string(mip.size) + " bytes at offset " +
                         std::to_string(mip.offset) + " run past the end of " + std::to_string(texture.data.size()) +
                         " bytes of data");
    return decodeBlocks(texture.format, mip.width, mip.height,
                        std::span<const uint8_t>(texture.data.data() + mip.offset, mip.size));
}

double psnr(const RgbaImage& reference, const RgbaImage& test, uint32_t channels) {
    if (reference.width != test.width || reference.height != test.height ||
        reference.pixels.size() != test.pixels.size() || reference.pixels.empty())
        return 0.0;
    channels = std::clamp(channels, 1u, 4u);
    double squared = 0.0;
    for (size_t i = 0; i < reference.pixels.size(); i += 4)
        for (uint32_t c = 0; c < channels; ++c) {
            const double difference = double(reference.pixels[i + c]) - double(test.pixels[i + c]);
            squared += difference * difference;
        }
    if (squared == 0.0) return std::numeric_limits<double>::infinity();
    const double meanSquared = squared / (double(reference.pixels.size() / 4) * channels);
    return 10.0 * std::log10(255.0 * 255.0 / meanSquared);
}

}  // namespace oh::texture
