// BC7 (BPTC UNORM / SRGB) blocks: an encoder from 4x4 RGBA8 texels and a
// decoder for all eight modes, bit-exact to the Khronos Data Format
// Specification (section "BPTC Compressed Texture Image Formats"), so it can
// check any other encoder's output. Works on single blocks; whole images and
// mip chains are texture_encode.h's job.
#pragma once

#include <cstddef>
#include <cstdint>

namespace oh::texture {

inline constexpr size_t kBc7BlockBytes = 16;

// How hard the encoder searches. Every level tries mode 6 and, for blocks
// with alpha, modes 4 and 5. Fast: the best-estimated partition of mode 1 (7
// with alpha). Normal (the default): two partitions of mode 1 and one of mode
// 3 (two of mode 7 with alpha). Best: eight partitions, the three-subset modes
// 0 and 2, channel rotations, every p-bit choice and more refinement, at
// several times the cost.
enum class Bc7Level : uint8_t { Fast, Normal, Best };

struct Bc7Options {
    Bc7Level level = Bc7Level::Normal;
};

// Encodes one block. `texels`: 16 RGBA8 texels, row by row (texel x + 4y at
// texels[4 * (x + 4y)]). `out`: 16 bytes. The result depends only on the texels
// and the options (same input, same bytes). A block whose alpha is 255
// everywhere decodes with alpha exactly 255; a block of one colour decodes to
// exactly that colour.
void encodeBc7Block(const uint8_t texels[64], const Bc7Options& options, uint8_t out[kBc7BlockBytes]);

// Decodes one block to 16 RGBA8 texels in the same order. Every bit pattern is
// accepted: the reserved mode (first byte 0) decodes to transparent black, as
// the specification requires.
void decodeBc7Block(const uint8_t block[kBc7BlockBytes], uint8_t texels[64]);

}  // namespace oh::texture
