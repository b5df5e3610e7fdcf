#include "tools/pack/texture_stage.h"

#include <chrono>
#include <cstdio>
#include <optional>

#include "tools/pack/work_queue.h"

namespace oh::pack {
namespace {

using texture::TextureUsage;

// Two uses of one image: the usage that serves both. Colour wins (its BC7 is
// read as sRGB, the other use gets a linear view of the same blocks); any
// other mix is packed data in BC7.
TextureUsage combine(TextureUsage a, TextureUsage b) {
    if (a == b) return a;
    if (a == TextureUsage::Color || b == TextureUsage::Color) return TextureUsage::Color;
    return TextureUsage::Linear;
}

// An image the import could not decode (it stays white in the viewer) still
// needs valid pixels in a bundle.
RgbaImage whiteIfEmpty(const scene::Image& image) {
    if (!image.pixels.empty()) return {image.width, image.height, image.pixels};
    return {4, 4, std::vector<uint8_t>(64, 255)};
}

}  // namespace

scene::PixelFormat pixelFormatOf(texture::BlockFormat format) {
    switch (format) {
    case texture::BlockFormat::Bc7: return scene::PixelFormat::Bc7;
    case texture::BlockFormat::Bc5: return scene::PixelFormat::Bc5;
    case texture::BlockFormat::Bc4: return scene::PixelFormat::Bc4;
    case texture::BlockFormat::Rgba8: break;
    }
    return scene::PixelFormat::Rgba8;
}

std::vector<TextureUsage> imageUsages(const scene::Scene& scene) {
    std::vector<std::optional<TextureUsage>> found(scene.images.size());
    auto use = [&](const scene::TextureSlot& slot, TextureUsage usage) {
        if (!slot.present() || slot.texture >= scene.textures.size()) return;
        uint32_t image = scene.textures[slot.texture].image;
        if (image >= found.size()) return;
        found[image] = found[image] ? combine(*found[image], usage) : usage;
    };
    for (const scene::Material& material : scene.materials) {
        use(material.baseColor, TextureUsage::Color);
        use(material.emissive, TextureUsage::Color);
        use(material.metallicRoughness, TextureUsage::Linear);
        use(material.normal, TextureUsage::Normal);
        use(material.occlusion, TextureUsage::Single);
    }
    std::vector<TextureUsage> usages;
    for (const auto& usage : found) usages.push_back(usage.value_or(TextureUsage::Color));
    return usages;
}

Result<TextureStageStats> compressTextures(scene::Scene& scene, const TextureStageOptions& options,
                                           ProgressBar& progress) {
    auto start = std::chrono::steady_clock::now();
    const std::vector<TextureUsage> usages = imageUsages(scene);
    std::vector<std::optional<Result<texture::EncodedTexture>>> encoded(scene.images.size());
    texture::EncodeOptions encodeOptions;
    encodeOptions.maxDimension = options.maxTextureSize;

    progress.begin("textures", scene.images.size());
    runJobs(
        scene.images.size(), options.threads,
        [&](size_t i) { encoded[i] = encodeTexture(options.cache, whiteIfEmpty(scene.images[i]), usages[i], encodeOptions); },
        [&](size_t i) { return double(scene.images[i].width) * scene.images[i].height; },
        [&](size_t done, size_t) { progress.update(done); });

    TextureStageStats stats;
    for (size_t i = 0; i < scene.images.size(); ++i) {
        if (!encoded[i]->has_value())
            return makeError(scene.images[i].name + ": " + encoded[i]->error().message, encoded[i]->error().exitCode);
        texture::EncodedTexture& texture = encoded[i]->value();
        stats.resizeSeconds += texture.resizeSeconds;
        stats.compressSeconds += texture.compressSeconds;
        scene::Image& image = scene.images[i];
        image.format = pixelFormatOf(texture.format);
        image.width = texture.width;
        image.height = texture.height;
        image.mipLevels = uint32_t(texture.levels.size());
        image.pixels = std::move(texture.data);
        stats.rgbaBytes += scene::mipChainBytes(scene::PixelFormat::Rgba8, image.width, image.height, image.mipLevels);
        stats.encodedBytes += image.pixels.size();
    }
    stats.images = uint32_t(scene.images.size());
    stats.seconds = secondsSince(start);
    char summary[160];
    std::snprintf(summary, sizeof summary, "%u images, %.1f MB as RGBA8 -> %.1f MB compressed, %.1f s", stats.images,
                  double(stats.rgbaBytes) / 1e6, double(stats.encodedBytes) / 1e6, stats.seconds);
    progress.finish(summary);
    return stats;
}

}  // namespace oh::pack
