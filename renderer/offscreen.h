// OffscreenTarget: a frame target with no window or headset — an image with
// one layer per view that a frame is rendered into and read back to memory.
// Used by `openhouse render`, the golden-image tests and the benchmarks.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/image.h"
#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "renderer/renderer.h"

namespace oh::gfx {

class OffscreenTarget {
public:
    // `layers` = the renderer's view count; format must equal the renderer's colour format.
    static Result<std::unique_ptr<OffscreenTarget>> create(GpuContext& context, VkExtent2D extent, uint32_t layers,
                                                           VkFormat format = VK_FORMAT_R8G8B8A8_SRGB);
    ~OffscreenTarget();

    FrameTarget frameTarget() const;

    // Renders one frame, waits for it and returns each layer as an image.
    // The renderer must have been created with finalLayout TRANSFER_SRC_OPTIMAL.
    Result<std::vector<RgbaImage>> renderAndRead(Renderer& renderer, const GpuScene& scene,
                                                 std::span<const View> views, const LightingSettings& lighting = {},
                                                 FrameStats* stats = nullptr, const FrameOverlays& overlays = {});

    // Renders one frame and waits, without reading back (benchmarks); returns
    // the CPU time spent recording in seconds via `recordSeconds`.
    Status render(Renderer& renderer, const GpuScene& scene, std::span<const View> views,
                  const LightingSettings& lighting, FrameStats* stats, double* recordSeconds);

private:
    explicit OffscreenTarget(GpuContext& context) : m_context(context) {}
    // Records `frame` (its slot and target filled in here), submits it and waits.
    Status submit(Renderer& renderer, const GpuScene& scene, FrameRequest frame, bool readBack, FrameStats* stats,
                  double* recordSeconds);

    GpuContext& m_context;
    VkExtent2D m_extent{};
    uint32_t m_layers = 1;
    VkFormat m_format = VK_FORMAT_R8G8B8A8_SRGB;
    VkImageUsageFlags m_usage = 0;
    GpuImage m_image;
    UniqueImageView m_view;
    std::vector<UniqueImageView> m_layerViews;
    GpuBuffer m_readback;
    UniqueCommandPool m_pool;
    VkCommandBuffer m_cmd = VK_NULL_HANDLE;
    UniqueFence m_fence;
    uint32_t m_frameIndex = 0;
};

}  // namespace oh::gfx
