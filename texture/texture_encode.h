// The one call the packer makes per texture: RGBA8 in, a GPU-ready mip chain
// of blocks out, in the layout vkCmdCopyBufferToImage takes verbatim (one
// region per level). Also the way back (decoding a level to RGBA8, for
// `openhouse-pack export` and tests) and a PSNR measure. Not for files or
// Vulkan formats: the packer and the bundle library own those.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/image.h"
#include "core/result.h"
#include "texture/bc7.h"
#include "texture/block_format.h"
#include "texture/mip_chain.h"

namespace oh::texture {

// What a texture's texels mean, which decides its format and mip filter:
//   Color  - base colour or emissive, sRGB-encoded RGBA   -> Bc7 (sample as sRGB), linear-light mips
//   Linear - data in RGB(A), e.g. metallic-roughness      -> Bc7 (sample as UNORM), plain-average mips
//   Normal - tangent-space normal map, XYZ in RGB         -> Bc5 of X and Y, renormalised mips
//   Single - one channel of data in R, e.g. occlusion     -> Bc4, plain-average mips
enum class TextureUsage : uint8_t { Color, Linear, Normal, Single };

BlockFormat formatFor(TextureUsage usage);
MipFilter filterFor(TextureUsage usage);

struct EncodeOptions {
    Bc7Options bc7;
    uint32_t maxDimension = 0;  // 0: keep the size; otherwise resizeToBudget to it first
    bool mipmaps = true;        // false: level 0 only
    bool compress = true;       // false: Rgba8 levels (for previews and debugging)
    // Threads that encode each level, splitting it by rows of blocks. The
    // bytes are the same for any count: every block depends only on its texels.
    unsigned threads = 1;
};

struct MipLevel {
    uint32_t width = 0;
    uint32_t height = 0;
    size_t offset = 0;  // into EncodedTexture::data
    size_t size = 0;    // encodedSize(format, width, height)
};

// Every level, level 0 first, each tightly packed rows of blocks, one after
// the other in `data` with no gaps.
struct EncodedTexture {
    BlockFormat format = BlockFormat::Bc7;
    uint32_t width = 0;  // level 0
    uint32_t height = 0;
    std::vector<MipLevel> levels;
    std::vector<uint8_t> data;
    // Where encodeTexture's time went (seconds of this thread; block
    // encoding on several threads counts their wall time): resizing to the
    // budget and making the mips, then block compression.
    double resizeSeconds = 0.0;
    double compressSeconds = 0.0;
};

// The largest side accepted after resizing (Vulkan's usual maxImageDimension2D).
inline constexpr uint32_t kMaxTextureDimension = 16384;

// Encodes `image` (RGBA8, top row first) for `usage`. Same input and options,
// same bytes, whatever `options.threads`. Errors (kExitBadInput): an empty
// image, a pixel buffer whose size is not width * height * 4, or a side over
// kMaxTextureDimension after resizing.
Result<EncodedTexture> encodeTexture(const RgbaImage& image, TextureUsage usage, const EncodeOptions& options = {});

// Encodes rows of blocks [firstBlockRow, firstBlockRow + blockRowCount) of
// `level` into `levelData`, which points at the start of the whole level's
// encodedSize(format, width, height) bytes; only those rows' bytes are
// written, so callers may give disjoint row ranges to different threads. Bc5
// takes R and G, Bc4 takes R; partial blocks repeat the last column and row.
// `level` must be at least 1x1 with width * height * 4 bytes and the rows
// must lie inside it.
void encodeBlocks(const RgbaImage& level, BlockFormat format, const Bc7Options& bc7, uint32_t firstBlockRow,
                  uint32_t blockRowCount, uint8_t* levelData);

// Decodes a width x height level to RGBA8. Bc4 comes back grey, (r, r, r, 255),
// as a viewer shows one channel (the GPU samples (r, 0, 0, 1)); Bc5 comes back
// as a normal, (x, y, z rebuilt as sqrt(1 - x^2 - y^2), 255). Errors
// (kExitBadInput): `data` not exactly encodedSize bytes, a zero side.
Result<RgbaImage> decodeBlocks(BlockFormat format, uint32_t width, uint32_t height, std::span<const uint8_t> data);

// Decodes one level of `texture`, checking the level's place in `data` first
// (the texture may come from a file). Errors as decodeBlocks, plus a level
// number or range that does not fit.
Result<RgbaImage> decodeLevel(const EncodedTexture& texture, uint32_t level);

// The channels that count for a usage: 3 (RGB) for Color and Linear, 2 (RG)
// for Normal, 1 (R) for Single.
uint32_t comparedChannels(TextureUsage usage);

// Peak signal-to-noise ratio in dB over the first `channels` (1..4) channels
// of two same-sized RGBA8 images; +infinity when identical, 0 when the sizes
// differ.
double psnr(const RgbaImage& reference, const RgbaImage& test, uint32_t channels);

}  // namespace oh::texture
