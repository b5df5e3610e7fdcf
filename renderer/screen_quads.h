// Pictures drawn flat on a window, placed in pixels: the branch table's map
// tiles (square, or turned with the map). The pictures live as layers of one
// 2D-array image (ImageLayers, all of one square size), so a whole screen of
// them is one draw; each quad samples a part of one layer.
//
// ImageLayers fills a layer with a copy recorded into the frame's own
// command buffer (staging memory per frame in flight), so pictures arriving
// while the map pans cost no submission and no wait.
// ScreenQuadPass clears the target and draws the quads in one render
// pass; whatever draws next (Dear ImGui) loads what it left.
//
// Not for: anything in 3D (renderer.h, overlay.h).
#pragma once

#include <vulkan/vulkan.h>

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "core/image.h"
#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "renderer/vk_context.h"

namespace oh::gfx {

class ImageLayers {
public:
    // `layerCount` square layers of `size` pixels, RGBA8 in `format` (SRGB:
    // sampled as linear light, for a target that encodes; UNORM: sampled as
    // stored, for a target that does not), cleared to transparent;
    // `uploadsPerFrame` layers can be filled per frame slot.
    static Result<ImageLayers> create(GpuContext& context, VkFormat format, uint32_t size, uint32_t layerCount,
                                      uint32_t framesInFlight, uint32_t uploadsPerFrame, const char* name);
    ImageLayers() = default;
    ImageLayers(ImageLayers&&) = default;
    ImageLayers& operator=(ImageLayers&&) = default;

    uint32_t size() const { return m_size; }
    uint32_t layerCount() const { return m_layerCount; }
    VkFormat format() const { return m_image.desc().format; }
    VkImageView view() const { return m_view.get(); }

    // Starts a frame's uploads: that slot's staging memory is free again (its
    // previous frame has finished, as the presenter guarantees).
    void beginFrame(uint32_t slot);
    // Records the copy of `pixels` (size x size RGBA) into `layer`.
    // False when this frame's staging is full: try again next frame.
    bool upload(VkCommandBuffer cmd, uint32_t layer, const RgbaImage& pixels);
    uint32_t uploadsLeft() const { return m_uploadsPerFrame - m_uploadsThisFrame; }

private:
    uint32_t m_size = 0;
    uint32_t m_layerCount = 0;
    uint32_t m_uploadsPerFrame = 0;
    uint32_t m_slot = 0;
    uint32_t m_uploadsThisFrame = 0;
    GpuImage m_image;
    UniqueImageView m_view;
    std::vector<GpuBuffer> m_staging;  // per frame slot: uploadsPerFrame layers
};

// A quad on the target in pixels (top-left origin, +y down) showing the part
// uvMin..uvMax of one layer: corners in the picture's top-left, top-right,
// bottom-right, bottom-left order (a parallelogram: the fourth corner is
// implied by the other three).
struct ScreenQuad {
    std::array<glm::vec2, 4> corners{};
    glm::vec2 uvMin{0.0f};
    glm::vec2 uvMax{1.0f};
    uint32_t layer = 0;
    float opacity = 1.0f;
};

class ScreenQuadPass {
public:
    // Draws into images of `colorFormat` left in `finalLayout`, sampling
    // `layers` (which must outlive the pass). `clears`: the pass starts by
    // clearing the image (the first pass of a frame); else it draws over
    // what is there, which must then be in `finalLayout` already.
    static Result<ScreenQuadPass> create(GpuContext& context, const ImageLayers& layers, VkFormat colorFormat,
                                         VkImageLayout finalLayout, uint32_t framesInFlight, bool clears = true);
    ScreenQuadPass() = default;
    ScreenQuadPass(ScreenQuadPass&&) = default;
    ScreenQuadPass& operator=(ScreenQuadPass&&) = default;

    // Clears `target` (a single-layer view of an image with `usage`) to
    // `clearColor` (a pass that clears) and draws `quads` in order, blended
    // over what is below. Per-slot instance memory grows as needed.
    Status record(VkCommandBuffer cmd, uint32_t slot, VkImageView target, VkExtent2D extent,
                  VkImageUsageFlags usage, std::span<const ScreenQuad> quads, const glm::vec4& clearColor = {});

private:
    GpuContext* m_context = nullptr;
    VkFormat m_colorFormat = VK_FORMAT_UNDEFINED;
    UniqueRenderPass m_renderPass;
    UniqueSampler m_sampler;
    UniqueDescriptorSetLayout m_setLayout;
    UniqueDescriptorPool m_pool;
    VkDescriptorSet m_set = VK_NULL_HANDLE;  // freed with the pool
    UniquePipelineLayout m_pipelineLayout;
    UniquePipeline m_pipeline;
    UniqueFramebuffer m_framebuffer;
    VkExtent2D m_framebufferExtent{0, 0};
    VkImageUsageFlags m_framebufferUsage = 0;
    std::vector<GpuBuffer> m_instances;  // per frame slot
};

}  // namespace oh::gfx
