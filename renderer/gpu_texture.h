// GpuTexture: one sampled image uploaded from bytes packed the way tour
// bundles store pictures — a listing photo (2D, BC7 sRGB with its mips) for an
// OverlayQuad, or a panorama's cube (6 faces, each with its mips, faces in
// Vulkan's order +X -X +Y -Y +Z -Z) for a PanoramaBackdrop. Each upload is
// one staging copy and one submission, waited for: for loading, not per frame.
// Not for scene textures (GpuScene uploads those in batches).
#pragma once

#include <cstdint>
#include <span>

#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "renderer/gpu_scene.h"
#include "scene/scene.h"

namespace oh::gfx {

struct PackedImageDesc {
    scene::PixelFormat format = scene::PixelFormat::Bc7;
    uint32_t width = 0;
    uint32_t height = 0;     // a cube's faces are square: height == width
    uint32_t mipLevels = 1;  // in the bytes, per layer, from the base down
    bool cube = false;       // 6 faces rather than 1 layer
    bool srgb = true;        // colour (photos, panoramas): the view decodes sRGB
};

class GpuTexture {
public:
    // `bytes` must hold exactly the layers' mip chains the description says
    // (layer by layer, scene::mipChainBytes each); anything else is refused,
    // naming `name`. Adds its staging and GPU times to `stats` when given.
    static Result<GpuTexture> upload(GpuContext& context, const PackedImageDesc& desc, std::span<const uint8_t> bytes,
                                     const char* name, UploadStats* stats = nullptr);

    GpuTexture() = default;
    GpuTexture(GpuTexture&&) = default;
    GpuTexture& operator=(GpuTexture&&) = default;

    // A 2D view, or a cube view of a cube, in SHADER_READ_ONLY_OPTIMAL.
    VkImageView view() const { return m_view.get(); }
    uint64_t memoryBytes() const { return m_image.memorySize(); }

private:
    GpuImage m_image;
    UniqueImageView m_view;  // after the image: destroyed first
};

}  // namespace oh::gfx
