// OverlayPass: the Renderer's part that draws a frame's FrameOverlays
// (renderer/overlay.h) inside its render pass(es), after the scene: the
// panorama, panels, then shapes, then screen effects. Owns the pipelines,
// per-frame-slot host-visible buffers (grown when too small, so steady frames
// allocate nothing) and a descriptor set per distinct panel image and for
// the panorama. Internal to the renderer; callers use Renderer::record's
// `overlays` parameter.
#pragma once

#include <vulkan/vulkan.h>

#include <array>
#include <memory>
#include <vector>

#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "renderer/overlay.h"

namespace oh::gfx {

class OverlayPass {
public:
    struct Setup {
        VkRenderPass renderPass = VK_NULL_HANDLE;  // subpass 0 is where overlays are drawn
        VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
        VkDescriptorSetLayout frameSetLayout = VK_NULL_HANDLE;  // the renderer's set 0 (FrameData)
        uint32_t frameSlots = 1;
    };
    static Result<std::unique_ptr<OverlayPass>> create(GpuContext& context, const Setup& setup);

    // Before the pass: copies the frame's shapes and panel corners into
    // `slot`'s buffers and points its descriptors at the panel images and the
    // panorama's cube. The panorama's turn and opacity and the screen
    // effects' values travel in FrameData (the renderer writes them).
    Status prepare(uint32_t slot, const FrameOverlays& overlays);
    // Inside the pass, after the scene, for the views from `viewBase` on.
    // Returns the number of draw calls recorded.
    uint32_t record(VkCommandBuffer cmd, uint32_t slot, VkDescriptorSet frameSet, uint32_t viewBase) const;

private:
    struct QuadImage {
        VkImageView view = VK_NULL_HANDLE;
        VkDescriptorSet set = VK_NULL_HANDLE;
    };
    struct Slot {
        GpuBuffer vertices;  // shape vertices, then 6 corners per panel
        GpuBuffer indices;   // shape indices
        uint32_t shapeIndexCount = 0;
        VkDeviceSize quadVertexOffset = 0;
        std::array<QuadImage, kMaxOverlayImages> images{};
        std::vector<uint32_t> quadImage;  // per panel this frame: index into `images`
        VkDescriptorSet panoramaSet = VK_NULL_HANDLE;
        bool panorama = false;
        bool effects = false;
    };

    explicit OverlayPass(GpuContext& context) : m_context(context) {}
    Status init(const Setup& setup);
    Status createPipelines(const Setup& setup);
    Result<uint32_t> imageSlot(Slot& slot, uint32_t& imageCount, VkImageView view);
    // Points `set` at `view` through the pass's sampler.
    void writeImageSet(VkDescriptorSet set, VkImageView view) const;

    GpuContext& m_context;
    UniqueSampler m_sampler;
    UniqueDescriptorSetLayout m_quadSetLayout;
    UniquePipelineLayout m_pipelineLayout;
    UniquePipeline m_panoramaPipeline;
    UniquePipeline m_shapePipeline;
    UniquePipeline m_quadPipeline;       // the panels' colours, over the scene
    UniquePipeline m_quadDepthPipeline;  // then their depth, where nearer than the scene's
    UniquePipeline m_effectsPipeline;
    UniqueDescriptorPool m_pool;
    std::vector<Slot> m_slots;
};

}  // namespace oh::gfx
