// Renderer: draws a GpuScene into a frame target for 1 or 2 views in one
// multiview pass (the same path serves a desktop window, an offscreen image
// and both eyes of a headset). Forward PBR with MSAA, resolved into the
// target; tone mapping happens in the shaders, so the target is the final image.
// Overlays (renderer/overlay.h: a panorama around the viewer, teleport arc,
// panels, comfort effects) are drawn in the same pass after the scene; an
// opaque panorama skips the scene's draws.
//
// Usage per frame:
//   renderer.record(cmd, scene, FrameRequest{slot, target, views});  // inside the caller's command buffer
// `slot` in [0, framesInFlight): the caller guarantees the GPU has finished
// the previous frame recorded with the same slot (its fence was waited on).
#pragma once

#include <vulkan/vulkan.h>

#include <array>
#include <memory>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "renderer/environment.h"
#include "renderer/gpu_layout.h"
#include "renderer/gpu_resources.h"
#include "renderer/gpu_scene.h"
#include "renderer/overlay.h"

namespace oh::gfx {

class OverlayPass;

struct RendererOptions {
    VkFormat colorFormat = VK_FORMAT_R8G8B8A8_SRGB;  // the target's format; sRGB targets get correct encoding
    uint32_t viewCount = 1;                          // 1 (desktop, offscreen) or 2 (stereo multiview)
    uint32_t msaaSamples = 4;                        // clamped to what the GPU supports
    VkImageLayout finalLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;  // target layout after the pass
    uint32_t framesInFlight = 2;
    // How 2 views are drawn. Auto: one multiview pass, except on drivers whose
    // multiview loses geometry (Mesa 22.3's lavapipe drops primitives that need
    // clipping in views after the first), where each view gets its own pass.
    enum class ViewPasses { Auto, Multiview, OnePerView };
    ViewPasses viewPasses = ViewPasses::Auto;
    // Lets frames hand their depth to the caller (FrameTarget::depthImage, for
    // OpenXR's XR_KHR_composition_layer_depth). Costs a depth resolve (or
    // store) every frame, so it is chosen here rather than per frame.
    bool depthOutput = false;
};

// One eye or camera.
struct View {
    glm::mat4 view{1.0f};        // world -> eye
    glm::mat4 projection{1.0f};  // eye -> Vulkan clip space
};

// Where a frame is drawn: `viewCount` layers of one image (a 2D-array view).
struct FrameTarget {
    VkImageView colorView = VK_NULL_HANDLE;  // VK_IMAGE_VIEW_TYPE_2D_ARRAY with viewCount layers
    // Needed only when the renderer draws a pass per view (passPerView()):
    // the image itself (with TRANSFER_DST usage, for the MSAA resolve) and a
    // single-layer view of each layer.
    VkImage image = VK_NULL_HANDLE;
    std::array<VkImageView, kMaxViews> layerViews{};
    VkExtent2D extent{0, 0};
    VkImageUsageFlags usage = 0;        // the image's creation usage (imageless framebuffers must match it)
    VkImageCreateFlags imageFlags = 0;  // the image's creation flags, likewise
    // Optional, with RendererOptions::depthOutput: receives the scene's depth
    // (overlays included), one layer per view, single-sample (MSAA resolved
    // with sample 0), in Renderer::depthFormat() with at least TRANSFER_DST
    // usage; left in DEPTH_STENCIL_ATTACHMENT_OPTIMAL. Values: 0 at the near
    // plane, 1 at the far plane of each view's projection.
    VkImage depthImage = VK_NULL_HANDLE;
};

struct LightingSettings {
    float exposure = 1.0f;
    float environmentIntensity = 1.0f;
};

// What one frame draws besides the scene (Renderer::record).
struct FrameRequest {
    uint32_t slot = 0;  // frame-in-flight slot whose previous use the GPU has finished
    FrameTarget target;
    std::span<const View> views;  // options().viewCount of them
    LightingSettings lighting;
    // If not empty, one entry per scene instance; nonzero ones are not drawn
    // (the dollhouse view hides ceilings this way).
    std::span<const uint8_t> hiddenInstances;
    // Copied during record(); their panel images must be in
    // SHADER_READ_ONLY_OPTIMAL when the frame executes.
    FrameOverlays overlays;
};

struct FrameStats {
    uint32_t drawCalls = 0;  // all passes
    uint32_t visibleInstances = 0;
    uint64_t triangles = 0;  // per view
};

class Renderer {
public:
    static Result<std::unique_ptr<Renderer>> create(GpuContext& context, const Environment& environment,
                                                    const RendererOptions& options);
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // The set-1 (material) layout GpuScene::upload needs.
    VkDescriptorSetLayout materialSetLayout() const { return m_materialSetLayout.get(); }
    const RendererOptions& options() const { return m_options; }
    VkSampleCountFlagBits samples() const { return m_samples; }
    // The format FrameTarget::depthImage must have.
    VkFormat depthFormat() const { return m_depthFormat; }
    // True when 2 views are drawn as 2 passes rather than one multiview pass.
    bool passPerView() const { return m_passPerView; }

    // Records the whole pass into `cmd` (outside any render pass). The target
    // is fully overwritten; afterwards it is in options().finalLayout.
    Result<FrameStats> record(VkCommandBuffer cmd, const GpuScene& scene, const FrameRequest& frame);

private:
    struct FrameSlot {
        GpuBuffer frameData;     // FrameGpu
        GpuBuffer drawInstances; // uint32 per drawn instance
        VkDescriptorSet descriptorSet = VK_NULL_HANDLE;
        uint64_t boundSceneId = 0;
        VkBuffer boundDrawBuffer = VK_NULL_HANDLE;
    };
    struct ViewVolumes;  // each view's frustum and the eyes' centre, for culling and sorting
    struct DrawKey {
        uint64_t sortKey;
        uint32_t instance;
        uint32_t primitive;
        float distance;
    };

    explicit Renderer(GpuContext& context);  // out of line: OverlayPass is complete only there
    Status init(const Environment& environment, const RendererOptions& options);
    Status createSetLayouts();
    Status createFrameSlots();
    Status createRenderPass();
    Status createPipelines();
    Status ensureAttachments(const FrameTarget& target);
    struct AttachmentPlan;  // image descriptions and layer count for one target size
    void releaseAttachments();
    AttachmentPlan planAttachments(VkExtent2D extent) const;
    // An attachment image and its 2D-array view of all its layers.
    Status createAttachment(const ImageDesc& desc, VkImageAspectFlags aspect, const char* name, GpuImage& image,
                            UniqueImageView& view);
    Status createFramebuffer(const FrameTarget& target, const AttachmentPlan& plan);
    Status ensureDrawCapacity(FrameSlot& slot, size_t count);
    void bindFrameResources(FrameSlot& slot, const GpuScene& scene);
    // Writes the frame's constants (views, lighting, screen effects) into the slot.
    ViewVolumes writeFrameConstants(FrameSlot& slot, const GpuScene& scene, const FrameRequest& frame);
    // Fills m_drawScratch with the visible primitives in draw order; returns
    // where the blended ones begin.
    size_t collectDraws(const GpuScene& scene, const FrameRequest& frame, const ViewVolumes& volumes,
                        FrameStats& stats);
    // Records one render pass drawing m_drawScratch (opaque, the sky unless
    // `drawSky` is false, then blended from `blendBegin`) and the overlays
    // into `targetView` for view `viewBase` onwards.
    void recordPass(VkCommandBuffer cmd, uint32_t slotIndex, const GpuScene& scene, VkExtent2D extent,
                    VkImageView targetView, uint32_t viewBase, size_t blendBegin, bool drawSky, FrameStats& stats);
    // Per-view passes: resolves the MSAA image into `layer` of the target.
    void recordResolve(VkCommandBuffer cmd, const FrameTarget& target, uint32_t layer);
    // Copies the pass's single-sample depth (layers from 0) into the target's
    // depth image from `targetLayer` on.
    void recordDepthCopy(VkCommandBuffer cmd, const FrameTarget& target, uint32_t targetLayer, uint32_t layerCount);

    GpuContext& m_context;
    RendererOptions m_options;
    VkSampleCountFlagBits m_samples = VK_SAMPLE_COUNT_1_BIT;
    bool m_passPerView = false;
    const Environment* m_environment = nullptr;

    UniqueDescriptorSetLayout m_frameSetLayout;
    UniqueDescriptorSetLayout m_materialSetLayout;
    UniquePipelineLayout m_pipelineLayout;
    UniqueRenderPass m_renderPass;
    UniquePipeline m_opaquePipeline;
    UniquePipeline m_blendPipeline;
    UniquePipeline m_skyPipeline;
    UniqueDescriptorPool m_framePool;
    std::vector<FrameSlot> m_slots;
    std::unique_ptr<OverlayPass> m_overlayPass;

    // Attachments sized to the last target: MSAA colour and depth, one layer per view.
    VkExtent2D m_attachmentExtent{0, 0};
    VkImageUsageFlags m_targetUsage = 0;
    VkImageCreateFlags m_targetFlags = 0;
    VkFormat m_depthFormat = VK_FORMAT_UNDEFINED;
    GpuImage m_msaaColor;
    UniqueImageView m_msaaColorView;
    GpuImage m_depth;
    UniqueImageView m_depthView;
    GpuImage m_resolvedDepth;  // depthOutput with MSAA: sample 0 of m_depth
    UniqueImageView m_resolvedDepthView;
    UniqueFramebuffer m_framebuffer;

    std::vector<DrawKey> m_drawScratch;
    std::vector<uint32_t> m_instanceScratch;
};

}  // namespace oh::gfx
