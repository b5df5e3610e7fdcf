// The texture module (texture/): BC7, BC4 and BC5 round trips on the shared
// model textures and on synthetic cases, the BC7 decoder against blocks built
// bit by bit from the specification, mip chains and resizing, the packed
// layout, determinism, and the errors a hostile or broken input gets.
#include <doctest/doctest.h>
#include <stb_image.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "texture/bc45.h"
#include "texture/bc7.h"
#include "texture/block_format.h"
#include "texture/mip_chain.h"
#include "texture/texture_encode.h"

using namespace oh;
using namespace oh::texture;

namespace {

const std::string kAssets = "../shared/assets/";

// The centre `size` x `size` texels (or the whole image if smaller), so the
// suite stays quick in the sanitizer build.
RgbaImage loadCentre(const std::string& relative, uint32_t size = 256) {
    int width = 0, height = 0, channels = 0;
    uint8_t* pixels = stbi_load((kAssets + relative).c_str(), &width, &height, &channels, 4);
    REQUIRE_MESSAGE(pixels != nullptr, relative << ": " << stbi_failure_reason());
    const uint32_t w = std::min<uint32_t>(size, width), h = std::min<uint32_t>(size, height);
    const uint32_t x0 = (width - w) / 2, y0 = (height - h) / 2;
    RgbaImage image{w, h, std::vector<uint8_t>(size_t(w) * h * 4)};
    for (uint32_t y = 0; y < h; ++y)
        std::memcpy(&image.pixels[size_t(y) * w * 4], pixels + ((size_t(y0) + y) * width + x0) * 4, size_t(w) * 4);
    stbi_image_free(pixels);
    return image;
}

RgbaImage solidImage(uint32_t width, uint32_t height, const uint8_t rgba[4]) {
    RgbaImage image{width, height, std::vector<uint8_t>(size_t(width) * height * 4)};
    for (size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = rgba[i % 4];
    return image;
}

EncodeOptions levelZeroOnly() {
    EncodeOptions options;
    options.mipmaps = false;
    return options;
}

RgbaImage roundTrip(const RgbaImage& image, TextureUsage usage, const EncodeOptions& options = levelZeroOnly()) {
    auto encoded = encodeTexture(image, usage, options);
    REQUIRE_MESSAGE(encoded.has_value(), (encoded ? "" : encoded.error().message));
    auto decoded = decodeLevel(*encoded, 0);
    REQUIRE(decoded.has_value());
    return std::move(decoded.value());
}

// Writes bit fields the way BC7 stores them: least significant bit first.
struct BlockBuilder {
    uint8_t bytes[16] = {};
    int position = 0;
    void put(uint32_t value, int bits) {
        for (int i = 0; i < bits; ++i, ++position) bytes[position / 8] |= uint8_t(((value >> i) & 1) << (position % 8));
    }
    void mode(int number) { put(1u << number, number + 1); }
};

// The specification's widening of an n-bit endpoint and its interpolation.
int widen(int value, int bits) { return (value << (8 - bits)) | ((value << (8 - bits)) >> bits); }
int mix(int e0, int e1, int weight) { return ((64 - weight) * e0 + weight * e1 + 32) >> 6; }
constexpr int kWeights4[16] = {0, 4, 9, 13, 17, 21, 26, 30, 34, 38, 43, 47, 51, 55, 60, 64};
constexpr int kWeights3[8] = {0, 9, 18, 27, 37, 46, 55, 64};
constexpr int kWeights2[4] = {0, 21, 43, 64};

std::vector<uint8_t> decodeBc7(const BlockBuilder& block) {
    std::vector<uint8_t> texels(64);
    decodeBc7Block(block.bytes, texels.data());
    return texels;
}

}  // namespace

TEST_SUITE("bc7 decoder") {
TEST_CASE("a mode 6 block interpolates RGBA with 4-bit indices and per-endpoint p-bits") {
    BlockBuilder block;
    block.mode(6);
    const int ends[4][2] = {{0, 127}, {64, 32}, {10, 100}, {127, 0}};  // R, G, B, A: 7 bits each
    for (const auto& channel : ends) block.put(channel[0], 7), block.put(channel[1], 7);
    block.put(1, 1);  // p-bit of endpoint 0
    block.put(0, 1);  // p-bit of endpoint 1
    block.put(0, 3);  // texel 0 is the anchor: 3 bits, top bit implied 0
    for (int texel = 1; texel < 16; ++texel) block.put(texel, 4);
    const auto texels = decodeBc7(block);
    for (int texel = 0; texel < 16; ++texel)
        for (int c = 0; c < 4; ++c) {
            const int e0 = widen((ends[c][0] << 1) | 1, 8), e1 = widen(ends[c][1] << 1, 8);
            CHECK(texels[4 * texel + c] == mix(e0, e1, kWeights4[texel]));
        }
    CHECK(texels[3] == 255);  // 127 with p-bit 1 is alpha 255
}

TEST_CASE("a mode 1 block splits texels by partition, shares a p-bit per subset and shortens the anchor indices") {
    BlockBuilder block;
    block.mode(1);
    block.put(0, 6);  // partition 0: columns 2 and 3 are subset 1, whose anchor is texel 15
    const int ends[3][4] = {{10, 40, 63, 0}, {20, 50, 0, 63}, {30, 60, 31, 32}};  // [channel][endpoint], 6 bits
    for (const auto& channel : ends)
        for (int value : channel) block.put(value, 6);
    block.put(1, 1);  // subset 0's shared p-bit
    block.put(0, 1);  // subset 1's
    for (int texel = 0; texel < 16; ++texel) block.put(texel % 4 == 3 ? 7 : 0, texel == 0 || texel == 15 ? 2 : 3);
    const auto texels = decodeBc7(block);
    for (int texel = 0; texel < 16; ++texel) {
        const int subset = texel % 4 >= 2;
        const int pbit = subset == 0;
        const int index = texel == 15 ? 3 : (texel % 4 == 3 ? 7 : 0);
        for (int c = 0; c < 3; ++c) {
            const int e0 = widen((ends[c][2 * subset] << 1) | pbit, 7), e1 = widen((ends[c][2 * subset + 1] << 1) | pbit, 7);
            CHECK(texels[4 * texel + c] == mix(e0, e1, kWeights3[index]));
        }
        CHECK(texels[4 * texel + 3] == 255);
    }
}

TEST_CASE("three-subset modes 0 and 2 read their partitions and widen 4+1 and 5 bit endpoints") {
    // Mode 0, partition 0 (texels 0,1,4,5,8 in subset 0; 2,3,6,7,11 in 1; the rest in 2), all indices 0.
    BlockBuilder mode0;
    mode0.mode(0);
    mode0.put(0, 4);
    for (int c = 0; c < 3; ++c)
        for (int end = 0; end < 6; ++end) mode0.put(end == 0 ? 15 : end == 2 ? 8 : end == 4 ? 1 : 0, 4);
    for (int end = 0; end < 6; ++end) mode0.put(end == 4 ? 1 : 0, 1);
    const auto texels0 = decodeBc7(mode0);
    const int subsetOfTexel[16] = {0, 0, 1, 1, 0, 0, 1, 1, 0, 2, 2, 1, 2, 2, 2, 2};
    const int expected0[3] = {widen(15 << 1, 5), widen(8 << 1, 5), widen((1 << 1) | 1, 5)};
    for (int texel = 0; texel < 16; ++texel) CHECK(texels0[4 * texel] == expected0[subsetOfTexel[texel]]);
    CHECK(expected0[0] == 247);

    // Mode 2, partition 0, 5-bit endpoints without p-bits.
    BlockBuilder mode2;
    mode2.mode(2);
    mode2.put(0, 6);
    for (int c = 0; c < 3; ++c)
        for (int end = 0; end < 6; ++end) mode2.put(end == 0 ? 31 : end == 2 ? 16 : end == 4 ? 3 : 0, 5);
    const auto texels2 = decodeBc7(mode2);
    const int expected2[3] = {255, widen(16, 5), widen(3, 5)};
    for (int texel = 0; texel < 16; ++texel) CHECK(texels2[4 * texel + 1] == expected2[subsetOfTexel[texel]]);
}

TEST_CASE("modes 3 and 7 use 2-bit indices, and mode 7 interpolates alpha with colour") {
    BlockBuilder mode3;
    mode3.mode(3);
    mode3.put(13, 6);  // partition 13: the bottom two rows are subset 1, anchor texel 15
    for (int c = 0; c < 3; ++c)
        for (int end = 0; end < 4; ++end) mode3.put(end == 1 ? 127 : 0, 7);
    for (int end = 0; end < 4; ++end) mode3.put(end == 1 ? 1 : 0, 1);
    for (int texel = 0; texel < 16; ++texel) mode3.put(texel < 8 ? texel % 4 : 0, texel == 0 || texel == 15 ? 1 : 2);
    const auto texels3 = decodeBc7(mode3);
    for (int texel = 0; texel < 8; ++texel) CHECK(texels3[4 * texel] == mix(0, 255, kWeights2[texel % 4]));
    for (int texel = 8; texel < 16; ++texel) CHECK(texels3[4 * texel] == 0);

    BlockBuilder mode7;
    mode7.mode(7);
    mode7.put(0, 6);
    for (int c = 0; c < 4; ++c)
        for (int end = 0; end < 4; ++end) mode7.put(end == 1 ? 31 : 0, 5);
    for (int end = 0; end < 4; ++end) mode7.put(1, 1);
    for (int texel = 0; texel < 16; ++texel) mode7.put(texel == 1 ? 2 : 0, texel == 0 || texel == 15 ? 1 : 2);
    const auto texels7 = decodeBc7(mode7);
    CHECK(texels7[4 * 0 + 3] == widen(1, 6));
    CHECK(texels7[4 * 1 + 3] == mix(widen(1, 6), 255, kWeights2[2]));
    CHECK(texels7[4 * 1 + 0] == texels7[4 * 1 + 3]);
}

TEST_CASE("modes 4 and 5 keep alpha on its own indices, and rotation swaps it with a colour channel") {
    BlockBuilder mode5;
    mode5.mode(5);
    mode5.put(1, 2);  // rotation 1: alpha and red trade places
    for (int c = 0; c < 3; ++c) mode5.put(c == 0 ? 100 : 0, 7), mode5.put(c == 0 ? 100 : 127, 7);
    mode5.put(200, 8), mode5.put(50, 8);  // the separate channel's endpoints
    for (int texel = 0; texel < 16; ++texel) mode5.put(3, texel == 0 ? 1 : 2);  // colour indices (anchor: 1)
    for (int texel = 0; texel < 16; ++texel) mode5.put(texel == 0 ? 0 : 3, texel == 0 ? 1 : 2);
    const auto texels5 = decodeBc7(mode5);
    // Texel 5: colour index 3 (green, blue at their second endpoint), separate index 3 (50), rotated into red.
    CHECK(texels5[4 * 5 + 0] == 50);
    CHECK(texels5[4 * 5 + 1] == 255);
    CHECK(texels5[4 * 5 + 3] == widen(100, 7));  // red's value lands in alpha
    CHECK(texels5[0] == 200);

    BlockBuilder mode4;
    mode4.mode(4);
    mode4.put(0, 2);
    mode4.put(1, 1);  // index selection: colour takes the 3-bit set, alpha the 2-bit one
    for (int c = 0; c < 3; ++c) mode4.put(0, 5), mode4.put(31, 5);
    mode4.put(0, 6), mode4.put(63, 6);
    for (int texel = 0; texel < 16; ++texel) mode4.put(texel % 4, texel == 0 ? 1 : 2);  // 2-bit set
    for (int texel = 0; texel < 16; ++texel) mode4.put(texel % 8, texel == 0 ? 2 : 3);  // 3-bit set
    const auto texels4 = decodeBc7(mode4);
    for (int texel = 0; texel < 16; ++texel) {
        CHECK(texels4[4 * texel + 2] == mix(0, 255, kWeights3[texel % 8]));
        CHECK(texels4[4 * texel + 3] == mix(0, 255, kWeights2[texel % 4]));
    }
}

TEST_CASE("the reserved mode decodes to transparent black") {
    BlockBuilder block;
    block.put(0, 8);
    block.put(0xFFFFFFFF, 32);
    const auto texels = decodeBc7(block);
    CHECK(texels == std::vector<uint8_t>(64, 0));
}
}

TEST_SUITE("bc7 encoder") {
TEST_CASE("solid colours decode exactly, opaque or not") {
    std::mt19937 random(7);
    for (int i = 0; i < 300; ++i) {
        uint8_t rgba[4] = {uint8_t(random()), uint8_t(random()), uint8_t(random()), uint8_t(i % 3 ? 255 : random())};
        if (i < 256) rgba[0] = rgba[1] = rgba[2] = uint8_t(i);  // every grey level
        const RgbaImage image = solidImage(4, 4, rgba);
        CHECK(roundTrip(image, TextureUsage::Color).pixels == image.pixels);
    }
}

TEST_CASE("real colour textures keep 40 dB or more and opaque texels stay exactly opaque") {
    const char* const textures[] = {"DamagedHelmet/glTF/Default_albedo.jpg", "SheenChair/glTF/chair_wood_albedo.png",
                                    "CesiumMan/glTF/CesiumMan_img0.jpg", "Fox/glTF/Texture.png",
                                    "StainedGlassLamp/glTF/StainedGlassLamp_base_basecolor.png"};
    for (const char* name : textures) {
        const RgbaImage image = loadCentre(name);
        const RgbaImage decoded = roundTrip(image, TextureUsage::Color);
        const double fast = [&] {
            EncodeOptions options = levelZeroOnly();
            options.bc7.level = Bc7Level::Fast;
            return psnr(image, roundTrip(image, TextureUsage::Color, options), 3);
        }();
        const double normal = psnr(image, decoded, 3);
        std::printf("bc7: %s: %.2f dB (fast %.2f dB)\n", name, normal, fast);
        CHECK(normal >= 40.0);
        CHECK(normal >= fast - 0.05);
        bool opaque = true;
        for (size_t i = 3; i < decoded.pixels.size(); i += 4) opaque = opaque && decoded.pixels[i] == 255;
        CHECK(opaque);
    }
}

TEST_CASE("textures with an alpha channel keep their alpha") {
    for (const char* name : {"GlassBrokenWindow/glTF/WindowGlass_ColorAlpha.png",
                             "StainedGlassLamp/glTF/StainedGlassLamp_glass_basecolor-alpha.png"}) {
        const RgbaImage image = loadCentre(name);
        const double rgba = psnr(image, roundTrip(image, TextureUsage::Color), 4);
        std::printf("bc7 with alpha: %s: %.2f dB (RGBA)\n", name, rgba);
        CHECK(rgba >= 38.0);
    }
}

TEST_CASE("gradients, sharp two-colour edges and a full alpha ramp survive encoding") {
    RgbaImage gradient{64, 64, std::vector<uint8_t>(64 * 64 * 4)};
    RgbaImage edges = gradient, alphaRamp = gradient;
    for (uint32_t y = 0; y < 64; ++y)
        for (uint32_t x = 0; x < 64; ++x) {
            uint8_t* g = &gradient.pixels[(y * 64 + x) * 4];
            g[0] = uint8_t(x * 4), g[1] = uint8_t(y * 4), g[2] = uint8_t(255 - x * 2 - y), g[3] = 255;
            // Stripes three texels wide, so edges fall inside blocks at every offset.
            const bool dark = ((x + y / 2) / 3) % 2 == 0;
            uint8_t* e = &edges.pixels[(y * 64 + x) * 4];
            e[0] = dark ? 20 : 230, e[1] = dark ? 40 : 200, e[2] = dark ? 160 : 10, e[3] = 255;
            uint8_t* a = &alphaRamp.pixels[(y * 64 + x) * 4];
            a[0] = 200, a[1] = 100, a[2] = 50, a[3] = uint8_t((y * 64 + x) * 255 / 4095);
        }
    CHECK(psnr(gradient, roundTrip(gradient, TextureUsage::Color), 3) >= 45.0);
    CHECK(psnr(edges, roundTrip(edges, TextureUsage::Color), 3) >= 38.0);
    const RgbaImage decodedRamp = roundTrip(alphaRamp, TextureUsage::Color);
    CHECK(psnr(alphaRamp, decodedRamp, 4) >= 45.0);
    CHECK(decodedRamp.pixels[3] <= 1);
    CHECK(decodedRamp.pixels.back() >= 254);
}
}

TEST_SUITE("bc4 and bc5") {
TEST_CASE("every single value decodes exactly through BC4") {
    for (int value = 0; value < 256; ++value) {
        uint8_t values[16], block[8], decoded[16];
        std::fill(values, values + 16, uint8_t(value));
        encodeBc4Block(values, block);
        decodeBc4Block(block, decoded);
        CHECK(std::equal(values, values + 16, decoded));
    }
}

TEST_CASE("BC4 uses its exact 0 and 255 for blocks that mix extremes with mid values") {
    const uint8_t values[16] = {0, 255, 100, 110, 0, 255, 120, 130, 0, 255, 100, 140, 0, 255, 105, 125};
    uint8_t block[8], decoded[16];
    encodeBc4Block(values, block);
    decodeBc4Block(block, decoded);
    CHECK(block[0] <= block[1]);  // the six-step mode
    for (int i = 0; i < 16; ++i) CHECK(std::abs(int(decoded[i]) - int(values[i])) <= 3);
    CHECK(decoded[0] == 0);
    CHECK(decoded[1] == 255);
}

TEST_CASE("occlusion maps keep 40 dB or more in BC4 and normal maps 38 dB or more in BC5") {
    for (const char* name : {"DamagedHelmet/glTF/Default_AO.jpg", "SheenChair/glTF/chair_occlusion.png"}) {
        const RgbaImage image = loadCentre(name);
        const RgbaImage decoded = roundTrip(image, TextureUsage::Single);
        const double red = psnr(image, decoded, 1);
        std::printf("bc4: %s: %.2f dB (R)\n", name, red);
        CHECK(red >= 40.0);
        CHECK(decoded.pixels[1] == decoded.pixels[0]);  // shown grey
    }
    for (const char* name : {"DamagedHelmet/glTF/Default_normal.jpg", "SheenChair/glTF/chair_fabric_normal.png",
                             "GlamVelvetSofa/glTF/GlamVelvetSofa_normal.png"}) {
        const RgbaImage image = loadCentre(name);
        const RgbaImage decoded = roundTrip(image, TextureUsage::Normal);
        const double rg = psnr(image, decoded, 2);
        std::printf("bc5: %s: %.2f dB (RG)\n", name, rg);
        CHECK(rg >= 38.0);
    }
}

TEST_CASE("BC5 normals come back with z rebuilt to unit length") {
    const uint8_t flat[4] = {128, 128, 255, 255};
    const RgbaImage decoded = roundTrip(solidImage(8, 8, flat), TextureUsage::Normal);
    CHECK(decoded.pixels[0] == 128);
    CHECK(decoded.pixels[1] == 128);
    CHECK(decoded.pixels[2] == 255);
    const uint8_t tilted[4] = {218, 128, 218, 255};  // (0.71, 0, 0.71)
    const RgbaImage tiltedBack = roundTrip(solidImage(4, 4, tilted), TextureUsage::Normal);
    CHECK(std::abs(int(tiltedBack.pixels[2]) - 218) <= 1);
}
}

TEST_SUITE("mip chains and resizing") {
TEST_CASE("a 17x9 image gets levels 17x9, 8x4, 4x2, 2x1 and 1x1") {
    const uint8_t grey[4] = {90, 90, 90, 255};
    const std::vector<RgbaImage> chain = buildMipChain(solidImage(17, 9, grey), MipFilter::Srgb);
    const uint32_t sizes[5][2] = {{17, 9}, {8, 4}, {4, 2}, {2, 1}, {1, 1}};
    REQUIRE(chain.size() == 5);
    CHECK(mipLevelCount(17, 9) == 5);
    for (size_t i = 0; i < chain.size(); ++i) {
        CHECK(chain[i].width == sizes[i][0]);
        CHECK(chain[i].height == sizes[i][1]);
        CHECK(chain[i].pixels == solidImage(sizes[i][0], sizes[i][1], grey).pixels);  // a flat image stays flat
    }
    CHECK(mipLevelCount(1, 1) == 1);
    CHECK(mipLevelCount(2048, 1024) == 12);
}

TEST_CASE("a black and white sRGB checkerboard averages to linear grey, sRGB 188, not 128") {
    RgbaImage checker{2, 2, {0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255}};
    const auto srgb = buildMipChain(checker, MipFilter::Srgb);
    REQUIRE(srgb.size() == 2);
    CHECK(srgb[1].pixels == std::vector<uint8_t>{188, 188, 188, 255});
    const auto linear = buildMipChain(checker, MipFilter::Linear);
    CHECK(linear[1].pixels == std::vector<uint8_t>{128, 128, 128, 255});
}

TEST_CASE("averaged normals are renormalised to unit length") {
    // (1, 0, 0) beside (0, 0, 1): the plain average (0.5, 0, 0.5) is 0.71 long.
    RgbaImage normals{2, 1, {255, 128, 128, 255, 128, 128, 255, 255}};
    const auto chain = buildMipChain(normals, MipFilter::Normal);
    REQUIRE(chain.size() == 2);
    float length2 = 0.0f;
    for (int c = 0; c < 3; ++c) {
        const float n = chain[1].pixels[c] / 255.0f * 2.0f - 1.0f;
        length2 += n * n;
    }
    CHECK(std::sqrt(length2) == doctest::Approx(1.0).epsilon(0.02));
    CHECK(std::abs(int(chain[1].pixels[0]) - 218) <= 1);
    CHECK(std::abs(int(chain[1].pixels[2]) - 218) <= 1);
}

TEST_CASE("resizing to a budget keeps the aspect ratio and leaves small images alone") {
    const uint8_t colour[4] = {10, 200, 30, 255};
    const RgbaImage wide = solidImage(300, 100, colour);
    const RgbaImage resized = resizeToBudget(wide, 64, MipFilter::Srgb);
    CHECK(resized.width == 64);
    CHECK(resized.height == 21);
    CHECK(resized.pixels == solidImage(64, 21, colour).pixels);
    CHECK(resizeToBudget(wide, 512, MipFilter::Srgb).pixels == wide.pixels);

    const RgbaImage photo = loadCentre("DamagedHelmet/glTF/Default_albedo.jpg", 512);
    EncodeOptions options;
    options.maxDimension = 128;
    auto encoded = encodeTexture(photo, TextureUsage::Color, options);
    REQUIRE(encoded.has_value());
    CHECK(encoded->width == 128);
    CHECK(encoded->levels.size() == 8);
}
}

TEST_SUITE("encoded textures") {
TEST_CASE("levels are packed one after another, level 0 first, each exactly its blocks") {
    const RgbaImage image = loadCentre("Fox/glTF/Texture.png", 100);
    for (TextureUsage usage : {TextureUsage::Color, TextureUsage::Linear, TextureUsage::Normal, TextureUsage::Single}) {
        auto encoded = encodeTexture(image, usage);
        REQUIRE(encoded.has_value());
        CHECK(encoded->format == formatFor(usage));
        REQUIRE(encoded->levels.size() == 7);  // 100, 50, 25, 12, 6, 3, 1
        size_t offset = 0;
        for (const MipLevel& level : encoded->levels) {
            CHECK(level.offset == offset);
            CHECK(level.size == encodedSize(encoded->format, level.width, level.height));
            offset += level.size;
        }
        CHECK(encoded->data.size() == offset);
        CHECK(encoded->levels[2].width == 25);
        CHECK(encodedSize(BlockFormat::Bc7, 25, 25) == 7 * 7 * 16);
    }
}

TEST_CASE("odd sizes 1x1, 3x5 and 17x9 encode and decode at their own size") {
    std::mt19937 random(11);
    for (auto [width, height] : {std::pair{1u, 1u}, std::pair{3u, 5u}, std::pair{17u, 9u}}) {
        RgbaImage image{width, height, std::vector<uint8_t>(size_t(width) * height * 4)};
        for (size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = i % 4 == 3 ? 255 : uint8_t(100 + random() % 40);
        for (TextureUsage usage : {TextureUsage::Color, TextureUsage::Normal, TextureUsage::Single}) {
            const RgbaImage decoded = roundTrip(image, usage);
            CHECK(decoded.width == width);
            CHECK(decoded.height == height);
            CHECK(psnr(image, decoded, comparedChannels(usage)) >= 30.0);
        }
    }
}

TEST_CASE("encoding is byte-identical run to run and for any thread count") {
    const RgbaImage image = loadCentre("CesiumMan/glTF/CesiumMan_img0.jpg", 128);
    EncodeOptions one, three;
    three.threads = 3;
    auto first = encodeTexture(image, TextureUsage::Color, one);
    auto again = encodeTexture(image, TextureUsage::Color, one);
    auto threaded = encodeTexture(image, TextureUsage::Color, three);
    REQUIRE(first.has_value());
    REQUIRE(threaded.has_value());
    CHECK(first->data == again->data);
    CHECK(first->data == threaded->data);
}

TEST_CASE("encoding rows of blocks separately gives the same bytes as the whole level") {
    const RgbaImage image = loadCentre("SheenChair/glTF/chair_fabric_albedo.png", 40);
    const size_t size = encodedSize(BlockFormat::Bc7, 40, 40);
    std::vector<uint8_t> whole(size), pieces(size);
    encodeBlocks(image, BlockFormat::Bc7, {}, 0, 10, whole.data());
    encodeBlocks(image, BlockFormat::Bc7, {}, 7, 3, pieces.data());
    encodeBlocks(image, BlockFormat::Bc7, {}, 0, 7, pieces.data());
    CHECK(whole == pieces);
}

TEST_CASE("uncompressed textures keep every byte") {
    const RgbaImage image = loadCentre("Fox/glTF/Texture.png", 33);
    EncodeOptions options;
    options.compress = false;
    auto encoded = encodeTexture(image, TextureUsage::Color, options);
    REQUIRE(encoded.has_value());
    CHECK(encoded->format == BlockFormat::Rgba8);
    auto level0 = decodeLevel(*encoded, 0);
    REQUIRE(level0.has_value());
    CHECK(level0->pixels == image.pixels);
}
}

TEST_SUITE("texture errors") {
TEST_CASE("encoding refuses an empty image or pixels that do not match the size") {
    auto empty = encodeTexture(RgbaImage{}, TextureUsage::Color);
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().exitCode == kExitBadInput);
    CHECK(empty.error().message.find("empty") != std::string::npos);
    auto mismatched = encodeTexture(RgbaImage{4, 4, std::vector<uint8_t>(60)}, TextureUsage::Color);
    REQUIRE_FALSE(mismatched.has_value());
    CHECK(mismatched.error().message.find("expected 64") != std::string::npos);
    auto huge = encodeTexture(RgbaImage{20000, 1, std::vector<uint8_t>(80000)}, TextureUsage::Single);
    REQUIRE_FALSE(huge.has_value());
    CHECK(huge.error().message.find("maximum dimension") != std::string::npos);
}

TEST_CASE("decoding refuses levels that are missing, truncated or point past the data") {
    const uint8_t grey[4] = {50, 50, 50, 255};
    auto encoded = encodeTexture(solidImage(16, 16, grey), TextureUsage::Color);
    REQUIRE(encoded.has_value());
    CHECK_FALSE(decodeLevel(*encoded, 5).has_value());

    EncodedTexture truncated = *encoded;
    truncated.data.resize(truncated.data.size() - 1);
    auto pastEnd = decodeLevel(truncated, 4);
    REQUIRE_FALSE(pastEnd.has_value());
    CHECK(pastEnd.error().message.find("past the end") != std::string::npos);

    EncodedTexture farOffset = *encoded;
    farOffset.levels[1].offset = size_t(-8);
    CHECK_FALSE(decodeLevel(farOffset, 1).has_value());

    EncodedTexture wrongSize = *encoded;
    wrongSize.levels[0].size -= 16;
    auto shortLevel = decodeLevel(wrongSize, 0);
    REQUIRE_FALSE(shortLevel.has_value());
    CHECK(shortLevel.error().message.find("expected") != std::string::npos);

    const std::vector<uint8_t> bytes(16);
    CHECK_FALSE(decodeBlocks(BlockFormat(9), 4, 4, bytes).has_value());
    CHECK_FALSE(decodeBlocks(BlockFormat::Bc7, 0, 4, bytes).has_value());
}

TEST_CASE("the decoders accept any bytes without reading or writing out of bounds") {
    std::mt19937 random(3);
    std::vector<uint8_t> bytes(64 * 16);
    for (auto& byte : bytes) byte = uint8_t(random());
    for (BlockFormat format : {BlockFormat::Bc4, BlockFormat::Bc5, BlockFormat::Bc7}) {
        const size_t size = encodedSize(format, 29, 31);
        REQUIRE(size <= bytes.size());
        auto decoded = decodeBlocks(format, 29, 31, std::span<const uint8_t>(bytes.data(), size));
        REQUIRE(decoded.has_value());
        CHECK(decoded->pixels.size() == size_t(29) * 31 * 4);
    }
}
}
