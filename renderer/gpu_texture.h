// GpuTexture: one sampled image uploaded from bytes packed the way tour
// bundles store pictures — a listing photo (2D, BC7 sRGB with its mips) for an
// OverlayQuad, or a panorama's cube (6 faces, each with its mips, faces in
// Vulkan's order +X -X +Y -Y +Z -Z) for a PanoramaBackdrop. GpuTexture::upload
// is one staging copy and one submission, waited for: for small pictures.
// GpuTextureLoad brings a large one (a panorama's full cube) without stalling
// frames: its bytes are read into staging memory on a worker thread and the
// copy runs on the GPU while frames go on.
// Not for scene textures (GpuScene uploads those in batches).
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <span>
#include <string>

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
    friend class GpuTextureLoad;
    // The image `desc` describes, checked against `bytes` (the size it needs) and the GPU.
    static Result<GpuImage> createImage(GpuContext& context, const PackedImageDesc& desc, uint64_t bytes,
                                       const char* name);
    static Result<GpuTexture> withView(GpuContext& context, GpuImage image, bool cube);

    GpuImage m_image;
    UniqueImageView m_view;  // after the image: destroyed first
};

// A GpuTexture on its way. start() creates the image and staging memory and
// runs `fill` on a worker thread to write the packed bytes into it (for a
// bundle part: reading the file and checking its hash, the slow part); each
// poll() then moves it on without waiting — submits the GPU copy once the
// bytes are in, and hands out the texture once the GPU is done. Poll from the
// thread that submits frames; destroying a load in flight waits for its worker
// and the GPU.
class GpuTextureLoad {
public:
    // Writes exactly the bytes upload() would take into `staging`; an error
    // (a damaged part) ends the load with that error.
    using Fill = std::function<Status(std::span<uint8_t> staging)>;

    static Result<GpuTextureLoad> start(GpuContext& context, const PackedImageDesc& desc, std::string name, Fill fill);

    GpuTextureLoad(GpuTextureLoad&&) = default;
    GpuTextureLoad& operator=(GpuTextureLoad&&) = delete;  // would free the image before its copy is done

    // The texture once the GPU has it (the load is then spent); none while
    // it is under way. Errors: `fill`'s, or the GPU's.
    Result<std::optional<GpuTexture>> poll();
    // The image's GPU memory, held from start() on.
    uint64_t memoryBytes() const { return m_memoryBytes; }

private:
    GpuTextureLoad() = default;

    GpuContext* m_context = nullptr;
    bool m_cube = false;
    uint64_t m_memoryBytes = 0;
    scene::PixelFormat m_format = scene::PixelFormat::Bc7;
    GpuImage m_image;
    GpuBuffer m_staging;
    // After the memory they use: destroyed first, waiting for the worker and the GPU.
    std::future<Status> m_filled;
    std::optional<Submission> m_copy;
};

}  // namespace oh::gfx
