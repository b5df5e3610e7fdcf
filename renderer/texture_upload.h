// Image uploads shared by the scene's textures (gpu_scene.cpp) and the tour's
// pictures (gpu_texture.cpp): the Vulkan format an image is viewed in, and a
// batch of images copied from one staging buffer in one submission — levels
// as stored (a block-compressed mip chain as packed, one copy region per
// level and layer) and the rest of a decoded image's chain made by blits.
// Internal to the renderer; not for per-frame work (it waits for the GPU).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "renderer/gpu_scene.h"
#include "scene/scene.h"

namespace oh::gfx {

// The view format of a `format` image read as colour (`srgb`) or as data.
VkFormat viewFormat(scene::PixelFormat format, bool srgb);

// One image of a batch. `pixels` holds `levels` levels of every layer of
// `image`, layer by layer, each layer's levels from the base down
// (scene::mipChainBytes per layer): how tour bundles store textures, photos
// and cube maps. Fewer levels than the image has (decoded images: the base
// only) are completed by blits, for single-layer images only.
struct PendingUpload {
    const uint8_t* pixels;
    VkDeviceSize bytes;
    const GpuImage* image;
    scene::PixelFormat format = scene::PixelFormat::Rgba8;
    uint32_t levels = 1;
};

// Records the copy of one image whose every stored level sits in `staging`
// at `offset` (packed as PendingUpload says), leaving it in
// SHADER_READ_ONLY_OPTIMAL: for an upload submitted without waiting
// (gpu_texture.h GpuTextureLoad). Single-layer decoded images that need
// blitted mips go through flushUploads.
void recordStoredLevels(VkCommandBuffer cmd, VkBuffer staging, VkDeviceSize offset, const GpuImage& image,
                        scene::PixelFormat format);

// Uploads the batch: all stored levels, then the blitted mip chains, in one
// submission, leaving every image in SHADER_READ_ONLY_OPTIMAL, and clears
// `pending`. Adds its CPU staging time and (where the queue has timestamps)
// its GPU copy and blit times to `stats`.
Status flushUploads(GpuContext& context, std::vector<PendingUpload>& pending, UploadStats& stats);

}  // namespace oh::gfx
