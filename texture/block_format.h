// GPU block formats the texture module writes, and how many bytes a level of
// each takes. Plain arithmetic, shared by the encoders, the packer (which
// sizes buffers and copy regions from it) and the bundle reader (which checks
// sizes against it). Not for Vulkan format names: the renderer maps these.
#pragma once

#include <cstddef>
#include <cstdint>

namespace oh::texture {

// Rgba8 is uncompressed (4 bytes a texel); the others store 4x4 texel blocks.
// Bc4: one channel (R), 8 bytes a block. Bc5: two channels (R, G), 16 bytes.
// Bc7: RGBA, 16 bytes.
enum class BlockFormat : uint8_t { Rgba8, Bc4, Bc5, Bc7 };

inline constexpr uint32_t kBlockDim = 4;

inline constexpr bool isBlockCompressed(BlockFormat format) { return format != BlockFormat::Rgba8; }

// Bytes of one 4x4 block; 0 for Rgba8, which has no blocks.
inline constexpr size_t bytesPerBlock(BlockFormat format) {
    switch (format) {
        case BlockFormat::Bc4: return 8;
        case BlockFormat::Bc5: return 16;
        case BlockFormat::Bc7: return 16;
        case BlockFormat::Rgba8: break;
    }
    return 0;
}

// Blocks along a side of `texels` texels: partial blocks count as whole ones
// (the encoders fill them by repeating the last row and column).
inline constexpr uint32_t blocksAcross(uint32_t texels) { return (texels + kBlockDim - 1) / kBlockDim; }

// Bytes of a width x height level, tightly packed (rows of blocks, no padding),
// exactly what vkCmdCopyBufferToImage reads for one region.
inline constexpr size_t encodedSize(BlockFormat format, uint32_t width, uint32_t height) {
    if (!isBlockCompressed(format)) return size_t(width) * height * 4;
    return size_t(blocksAcross(width)) * blocksAcross(height) * bytesPerBlock(format);
}

}  // namespace oh::texture
