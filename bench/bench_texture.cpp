// bench_texture: how good and how fast our block compression is on real
// images, and how good another encoder's output is on the same images, both
// measured the same way (decoded by texture::decodeBlocks, PSNR against the
// source over the channels the usage keeps). bench/bundles.sh runs it.
//
//   bench_texture [--usage U] [--level L] [--threads N] IMAGE...
//       per image: file, size, format, encode ms (median of 3), PSNR dB
//   bench_texture --compare-dds PEER.dds SOURCE [--usage U]
//       the peer's first level: file, size, format, PSNR dB
//
// Level 0 only and at the source's size (no resizing, no mips): the same
// work a single-level encoder such as bc7enc does. Not a test: it prints
// figures, it judges nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/file_io.h"
#include "core/result.h"
#include "scene/image_decode.h"
#include "texture/texture_encode.h"

namespace {

using namespace oh;
using texture::BlockFormat;
using texture::TextureUsage;
using Clock = std::chrono::steady_clock;

constexpr int kEncodeRuns = 3;

int fail(const Error& error) {
    std::fprintf(stderr, "bench_texture: %s\n", error.message.c_str());
    return error.exitCode;
}

const char* formatName(BlockFormat format) {
    switch (format) {
    case BlockFormat::Bc7: return "BC7";
    case BlockFormat::Bc5: return "BC5";
    case BlockFormat::Bc4: return "BC4";
    case BlockFormat::Rgba8: break;
    }
    return "RGBA8";
}

// PNG, JPEG or WebP through the importer's decoder, so the source pixels are
// the ones the packer compresses.
Result<RgbaImage> loadImage(const std::string& path) {
    auto bytes = readFile(path);
    if (!bytes) return bytes.error();
    scene::Image decoded;
    if (Status status = image::decodeImage(*bytes, {}, decoded); !status)
        return makeError(path + ": " + status.error().message);
    return RgbaImage{decoded.width, decoded.height, std::move(decoded.pixels)};
}

// [SECTION] Our encoder

struct Measured {
    texture::EncodedTexture encoded;
    double medianMs = 0.0;
};

Result<Measured> encodeTimed(const RgbaImage& image, TextureUsage usage, const texture::EncodeOptions& options) {
    std::vector<double> times;
    Measured measured;
    for (int run = 0; run < kEncodeRuns; ++run) {
        auto start = Clock::now();
        auto encoded = texture::encodeTexture(image, usage, options);
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (!encoded) return encoded.error();
        measured.encoded = std::move(encoded.value());
    }
    std::sort(times.begin(), times.end());
    measured.medianMs = times[times.size() / 2];
    return measured;
}

// One line per image: file, WxH, format, encode ms, PSNR.
Status measureOurs(const std::string& path, TextureUsage usage, const texture::EncodeOptions& options) {
    auto source = loadImage(path);
    if (!source) return source.error();
    auto measured = encodeTimed(*source, usage, options);
    if (!measured) return makeError(path + ": " + measured.error().message);
    auto decoded = texture::decodeLevel(measured->encoded, 0);
    if (!decoded) return decoded.error();
    double quality = texture::psnr(*source, *decoded, texture::comparedChannels(usage));
    std::printf("%s\t%ux%u\t%s\t%.1f\t%.2f\n", path.c_str(), source->width, source->height,
                formatName(measured->encoded.format), measured->medianMs, quality);
    return ok();
}

// [SECTION] A peer's DDS file

// The first level of a DDS file: its block format, size and bytes.
struct DdsLevel {
    BlockFormat format = BlockFormat::Bc7;
    uint32_t width = 0;
    uint32_t height = 0;
    std::vector<uint8_t> blocks;
};

constexpr size_t kDdsHeaderBytes = 128;      // "DDS " and the 124-byte DDS_HEADER
constexpr size_t kDdsDx10HeaderBytes = 20;   // DDS_HEADER_DXT10, when the FourCC says "DX10"
constexpr size_t kDdsFourCcOffset = 84;      // DDS_HEADER.ddspf.dwFourCC
constexpr uint32_t kDxgiBc4Unorm = 80, kDxgiBc5Unorm = 83, kDxgiBc7Unorm = 98, kDxgiBc7Srgb = 99;

uint32_t readU32(const std::vector<uint8_t>& bytes, size_t offset) {
    uint32_t value;
    std::memcpy(&value, bytes.data() + offset, 4);
    return value;  // DDS is little-endian, as is every machine this runs on
}

// The block format a DDS pixel format names, by DXGI code (DX10 header) or
// FourCC (older writers' BC4/BC5).
Result<BlockFormat> ddsFormat(const std::vector<uint8_t>& bytes, bool dx10) {
    if (dx10) {
        switch (readU32(bytes, kDdsHeaderBytes)) {
        case kDxgiBc7Unorm:
        case kDxgiBc7Srgb: return BlockFormat::Bc7;
        case kDxgiBc5Unorm: return BlockFormat::Bc5;
        case kDxgiBc4Unorm: return BlockFormat::Bc4;
        default: return makeError("DXGI format " + std::to_string(readU32(bytes, kDdsHeaderBytes)) +
                                  " is not BC4, BC5 or BC7 UNORM");
        }
    }
    std::string fourCc(reinterpret_cast<const char*>(bytes.data()) + kDdsFourCcOffset, 4);
    if (fourCc == "ATI1" || fourCc == "BC4U") return BlockFormat::Bc4;
    if (fourCc == "ATI2" || fourCc == "BC5U") return BlockFormat::Bc5;
    return makeError("FourCC '" + fourCc + "' is not BC4 or BC5 (and no DX10 header)");
}

// Reads the header, then exactly the first level's bytes; a file too short
// for its header or its level is refused, never read past.
Result<DdsLevel> readDds(const std::string& path) {
    auto bytes = readFile(path);
    if (!bytes) return bytes.error();
    if (bytes->size() < kDdsHeaderBytes || std::memcmp(bytes->data(), "DDS ", 4) != 0)
        return makeError(path + ": not a DDS file");
    bool dx10 = std::memcmp(bytes->data() + kDdsFourCcOffset, "DX10", 4) == 0;
    size_t dataOffset = kDdsHeaderBytes + (dx10 ? kDdsDx10HeaderBytes : 0);
    if (bytes->size() < dataOffset) return makeError(path + ": DDS header cut short");
    auto format = ddsFormat(*bytes, dx10);
    if (!format) return makeError(path + ": " + format.error().message);
    DdsLevel level{*format, readU32(*bytes, 16), readU32(*bytes, 12), {}};
    if (level.width == 0 || level.height == 0 || level.width > texture::kMaxTextureDimension ||
        level.height > texture::kMaxTextureDimension)
        return makeError(path + ": DDS size " + std::to_string(level.width) + "x" + std::to_string(level.height) +
                         " is out of range");
    size_t size = texture::encodedSize(level.format, level.width, level.height);
    if (bytes->size() - dataOffset < size) return makeError(path + ": DDS level 0 cut short");
    level.blocks.assign(bytes->begin() + dataOffset, bytes->begin() + dataOffset + size);
    return level;
}

// One line: the DDS file, WxH, format, PSNR against `sourcePath`.
Status comparePeer(const std::string& ddsPath, const std::string& sourcePath, TextureUsage usage) {
    auto level = readDds(ddsPath);
    if (!level) return level.error();
    auto source = loadImage(sourcePath);
    if (!source) return source.error();
    if (source->width != level->width || source->height != level->height)
        return makeError(ddsPath + ": " + std::to_string(level->width) + "x" + std::to_string(level->height) +
                         " but " + sourcePath + " is " + std::to_string(source->width) + "x" +
                         std::to_string(source->height));
    auto decoded = texture::decodeBlocks(level->format, level->width, level->height, level->blocks);
    if (!decoded) return makeError(ddsPath + ": " + decoded.error().message);
    double quality = texture::psnr(*source, *decoded, texture::comparedChannels(usage));
    std::printf("%s\t%ux%u\t%s\t%.2f\n", ddsPath.c_str(), level->width, level->height, formatName(level->format),
                quality);
    return ok();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"bench_texture: BC7/BC5/BC4 quality (PSNR) and encode time on images, ours or a peer's DDS"};
    std::vector<std::string> images;
    std::vector<std::string> compare;
    TextureUsage usage = TextureUsage::Color;
    texture::Bc7Level level = texture::Bc7Level::Normal;
    unsigned threads = 1;
    const std::map<std::string, TextureUsage> usages{{"color", TextureUsage::Color},
                                                     {"linear", TextureUsage::Linear},
                                                     {"normal", TextureUsage::Normal},
                                                     {"single", TextureUsage::Single}};
    const std::map<std::string, texture::Bc7Level> levels{
        {"fast", texture::Bc7Level::Fast}, {"normal", texture::Bc7Level::Normal}, {"best", texture::Bc7Level::Best}};
    app.add_option("images", images, "PNG, JPEG or WebP images to encode");
    app.add_option("--compare-dds", compare, "a peer's DDS and the source image it was made from")
        ->expected(2)
        ->excludes("images");
    app.add_option("--usage", usage, "what the texels mean: color (BC7), linear (BC7), normal (BC5), single (BC4)")
        ->transform(CLI::CheckedTransformer(usages, CLI::ignore_case));
    app.add_option("--level", level, "BC7 search: fast, normal (the packer's), best")
        ->transform(CLI::CheckedTransformer(levels, CLI::ignore_case));
    app.add_option("--threads", threads, "threads per image (1)")->check(CLI::Range(1u, 256u));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? kExitOk : kExitBadInput;
    }

    if (!compare.empty()) {
        Status compared = comparePeer(compare[0], compare[1], usage);
        return compared ? kExitOk : fail(compared.error());
    }
    if (images.empty()) return fail(makeError("no images given (see --help)"));
    texture::EncodeOptions options;
    options.bc7.level = level;
    options.mipmaps = false;
    options.threads = threads;
    for (const std::string& path : images)
        if (Status measured = measureOurs(path, usage, options); !measured) return fail(measured.error());
    return kExitOk;
}
