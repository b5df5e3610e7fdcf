// BC4 (one channel) and BC5 (two channels) blocks: encoders and decoders.
// BC4 carries occlusion, roughness or other single-channel data in R; BC5
// carries a tangent-space normal's X and Y in R and G (Z is rebuilt by the
// shader). Single blocks only; whole images are texture_encode.h's job.
#pragma once

#include <cstddef>
#include <cstdint>

namespace oh::texture {

inline constexpr size_t kBc4BlockBytes = 8;
inline constexpr size_t kBc5BlockBytes = 16;

// Encodes 16 values (texel x + 4y at values[x + 4y]) into 8 bytes. Tries both
// of BC4's modes, eight steps between the endpoints or six steps plus exact 0
// and 255, and keeps the closer. A block of one value decodes to exactly it.
void encodeBc4Block(const uint8_t values[16], uint8_t out[kBc4BlockBytes]);

// Decodes any 8 bytes to 16 values. Interpolated values are rounded to nearest
// (e.g. (6 * r0 + r1) / 7 rounded), as UNORM conversion of the exact value.
void decodeBc4Block(const uint8_t block[kBc4BlockBytes], uint8_t values[16]);

// BC5: a BC4 block for red, then one for green.
void encodeBc5Block(const uint8_t red[16], const uint8_t green[16], uint8_t out[kBc5BlockBytes]);
void decodeBc5Block(const uint8_t block[kBc5BlockBytes], uint8_t red[16], uint8_t green[16]);

}  // namespace oh::texture
