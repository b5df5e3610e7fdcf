#include "renderer/renderer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "renderer/gpu_layout.h"
#include "renderer/overlay_pass.h"
#include "renderer/pipeline_state.h"
#include "renderer/vk_check.h"
#include "shaders/pbr.frag.h"
#include "shaders/pbr.vert.h"
#include "shaders/sky.frag.h"
#include "shaders/sky.vert.h"

namespace oh::gfx {
namespace {

constexpr VkDeviceSize kInitialDrawCapacity = 4096;

// Plane-based frustum test (Gribb & Hartmann planes from the clip matrix).
struct Frustum {
    std::array<glm::vec4, 6> planes;

    explicit Frustum(const glm::mat4& clip) {
        glm::vec4 row0(clip[0][0], clip[1][0], clip[2][0], clip[3][0]);
        glm::vec4 row1(clip[0][1], clip[1][1], clip[2][1], clip[3][1]);
        glm::vec4 row2(clip[0][2], clip[1][2], clip[2][2], clip[3][2]);
        glm::vec4 row3(clip[0][3], clip[1][3], clip[2][3], clip[3][3]);
        planes = {row3 + row0, row3 - row0, row3 + row1, row3 - row1, row2, row3 - row2};  // Vulkan depth 0..1
    }

    bool intersects(const scene::Aabb& box) const {
        for (const glm::vec4& plane : planes) {
            glm::vec3 positive(plane.x >= 0 ? box.max.x : box.min.x, plane.y >= 0 ? box.max.y : box.min.y,
                               plane.z >= 0 ? box.max.z : box.min.z);
            if (glm::dot(glm::vec3(plane), positive) + plane.w < 0.0f) return false;
        }
        return true;
    }
};

VkFormat chooseDepthFormat(VkPhysicalDevice gpu) {
    for (VkFormat format : {VK_FORMAT_D32_SFLOAT, VK_FORMAT_X8_D24_UNORM_PACK32, VK_FORMAT_D16_UNORM}) {
        VkFormatProperties props;
        vkGetPhysicalDeviceFormatProperties(gpu, format, &props);
        if (props.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT) return format;
    }
    return VK_FORMAT_D16_UNORM;  // required by the spec to be supported
}

// Records `transfer` (which writes `layers` of `image` in TRANSFER_DST) between
// two barriers: before, the old contents are discarded once `earlierStages`
// are done with them; after, the image is in `finalLayout`, visible to any reader.
template <typename Transfer>
void overwriteByTransfer(VkCommandBuffer cmd, VkImage image, const VkImageSubresourceLayers& layers,
                         VkPipelineStageFlags earlierStages, VkImageLayout finalLayout, Transfer&& transfer) {
    VkImageMemoryBarrier toDestination{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    toDestination.srcAccessMask = 0;
    toDestination.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    toDestination.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    toDestination.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    toDestination.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    toDestination.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    toDestination.image = image;
    toDestination.subresourceRange = {layers.aspectMask, layers.mipLevel, 1, layers.baseArrayLayer,
                                      layers.layerCount};
    vkCmdPipelineBarrier(cmd, earlierStages, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1,
                         &toDestination);
    transfer();
    VkImageMemoryBarrier toFinal = toDestination;
    toFinal.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    toFinal.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_MEMORY_READ_BIT;
    if (layers.aspectMask & VK_IMAGE_ASPECT_DEPTH_BIT)
        toFinal.dstAccessMask |= VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT;
    toFinal.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    toFinal.newLayout = finalLayout;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0, nullptr, 0,
                         nullptr, 1, &toFinal);
}

// The largest sample count the device supports that is at most `requested`.
VkSampleCountFlagBits chooseSamples(uint32_t requested, VkSampleCountFlags supported) {
    uint32_t samples = 1;
    for (uint32_t count = 2; count <= requested && count <= VK_SAMPLE_COUNT_64_BIT; count *= 2)
        if (supported & count) samples = count;
    return VkSampleCountFlagBits(samples);
}

// What the render pass is made of (Renderer::createRenderPass).
struct PassShape {
    const RendererOptions& options;
    VkFormat depthFormat;
    VkSampleCountFlagBits samples;
    bool msaa;
    bool resolveInPass;  // the MSAA colour is resolved into the target by the pass itself
    bool resolveDepth;   // depth output with MSAA: the pass resolves depth too
    uint32_t viewMask;
};

// The single-sample attachment that `multisampled` resolves into, left in `finalLayout`.
VkAttachmentDescription2 resolveAttachment(const VkAttachmentDescription2& multisampled, VkImageLayout finalLayout) {
    VkAttachmentDescription2 resolve = multisampled;
    resolve.samples = VK_SAMPLE_COUNT_1_BIT;
    resolve.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    resolve.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    resolve.finalLayout = finalLayout;
    return resolve;
}

// Colour, depth, then (when the pass resolves them) the target and the resolved depth.
std::vector<VkAttachmentDescription2> passAttachments(const PassShape& shape) {
    std::vector<VkAttachmentDescription2> attachments;
    VkAttachmentDescription2 color{VK_STRUCTURE_TYPE_ATTACHMENT_DESCRIPTION_2};
    color.format = shape.options.colorFormat;
    color.samples = shape.samples;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    color.storeOp = shape.resolveInPass ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
    color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    color.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    color.finalLayout = shape.resolveInPass ? VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL
                        : shape.msaa        ? VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL
                                            : shape.options.finalLayout;
    attachments.push_back(color);
    VkAttachmentDescription2 depth = color;
    depth.format = shape.depthFormat;
    depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    depth.finalLayout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL;
    if (shape.options.depthOutput && !shape.msaa) {
        // Single-sample depth is itself what gets copied to the target's depth image.
        depth.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
        depth.finalLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    }
    attachments.push_back(depth);
    if (shape.resolveInPass) attachments.push_back(resolveAttachment(color, shape.options.finalLayout));
    if (shape.resolveDepth) attachments.push_back(resolveAttachment(depth, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL));
    return attachments;
}

// The pass's one subpass with the attachment references it points at (so it
// stays in place: the pointers must remain valid until the pass is created).
struct PassSubpass {
    VkAttachmentReference2 colorRef{VK_STRUCTURE_TYPE_ATTACHMENT_REFERENCE_2, nullptr, 0,
                                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_ASPECT_COLOR_BIT};
    VkAttachmentReference2 depthRef{VK_STRUCTURE_TYPE_ATTACHMENT_REFERENCE_2, nullptr, 1,
                                    VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL, VK_IMAGE_ASPECT_DEPTH_BIT};
    VkAttachmentReference2 resolveRef{VK_STRUCTURE_TYPE_ATTACHMENT_REFERENCE_2, nullptr, 2,
                                      VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_ASPECT_COLOR_BIT};
    VkAttachmentReference2 depthResolveRef{VK_STRUCTURE_TYPE_ATTACHMENT_REFERENCE_2, nullptr, 0,
                                           VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL, VK_IMAGE_ASPECT_DEPTH_BIT};
    VkSubpassDescriptionDepthStencilResolve depthResolve{VK_STRUCTURE_TYPE_SUBPASS_DESCRIPTION_DEPTH_STENCIL_RESOLVE};
    VkSubpassDescription2 subpass{VK_STRUCTURE_TYPE_SUBPASS_DESCRIPTION_2};

    explicit PassSubpass(const PassShape& shape) {
        // The resolved depth comes after colour, depth and the colour resolve (passAttachments).
        depthResolveRef.attachment = shape.resolveInPass ? 3 : 2;
        // Depth for a compositor is one sample's value, not an average of
        // samples from different surfaces (Vulkan 1.2 guarantees SAMPLE_ZERO).
        depthResolve.depthResolveMode = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;
        depthResolve.stencilResolveMode = VK_RESOLVE_MODE_NONE;
        depthResolve.pDepthStencilResolveAttachment = &depthResolveRef;
        subpass.pNext = shape.resolveDepth ? &depthResolve : nullptr;
        subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
        subpass.viewMask = shape.viewMask;
        subpass.colorAttachmentCount = 1;
        subpass.pColorAttachments = &colorRef;
        subpass.pResolveAttachments = shape.resolveInPass ? &resolveRef : nullptr;
        subpass.pDepthStencilAttachment = &depthRef;
    }
    PassSubpass(const PassSubpass&) = delete;
    PassSubpass& operator=(const PassSubpass&) = delete;
};

// Earlier users of the target (presentation, a copy, last frame's pass)
// finish before we write; later readers (copy, sampling, compositor) wait for us.
std::array<VkSubpassDependency2, 2> passDependencies(bool depthOutput) {
    std::array<VkSubpassDependency2, 2> dependencies{
        {{VK_STRUCTURE_TYPE_SUBPASS_DEPENDENCY_2}, {VK_STRUCTURE_TYPE_SUBPASS_DEPENDENCY_2}}};
    dependencies[0].srcSubpass = VK_SUBPASS_EXTERNAL;
    dependencies[0].dstSubpass = 0;
    dependencies[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                                   VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
    dependencies[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
    dependencies[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                                   VK_PIPELINE_STAGE_EARLY_FRAGMENT_TESTS_BIT;
    dependencies[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_READ_BIT |
                                    VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT |
                                    VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT;
    dependencies[0].dependencyFlags = VK_DEPENDENCY_BY_REGION_BIT;
    dependencies[1].srcSubpass = 0;
    dependencies[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    dependencies[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    dependencies[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    if (depthOutput) {
        // Depth stores happen in the late fragment tests; depth resolves in colour attachment output.
        dependencies[1].srcStageMask |= VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT;
        dependencies[1].srcAccessMask |= VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
    }
    dependencies[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
    dependencies[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_SHADER_READ_BIT;
    return dependencies;
}

Result<UniqueDescriptorSetLayout> createSetLayout(VkDevice device,
                                                  std::span<const VkDescriptorSetLayoutBinding> bindings) {
    VkDescriptorSetLayoutCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    info.bindingCount = uint32_t(bindings.size());
    info.pBindings = bindings.data();
    VkDescriptorSetLayout layout = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateDescriptorSetLayout(device, &info, nullptr, &layout));
    return UniqueDescriptorSetLayout(device, layout);
}

}  // namespace

Result<std::unique_ptr<Renderer>> Renderer::create(GpuContext& context, const Environment& environment,
                                                   const RendererOptions& options) {
    if (options.viewCount < 1 || options.viewCount > kMaxViews)
        return makeError("renderer: view count must be 1 or 2", kExitNoDevice);
    std::unique_ptr<Renderer> renderer(new Renderer(context));
    OH_TRY(renderer->init(environment, options));
    return renderer;
}

Renderer::Renderer(GpuContext& context) : m_context(context) {}

Renderer::~Renderer() {
    // Frames recorded by this renderer may still be executing.
    vkDeviceWaitIdle(m_context.device());
}

Status Renderer::init(const Environment& environment, const RendererOptions& options) {
    VkDevice device = m_context.device();
    m_options = options;
    m_environment = &environment;
    m_samples = chooseSamples(options.msaaSamples, m_context.colorDepthSampleCounts());
    m_depthFormat = chooseDepthFormat(m_context.physicalDevice());
    using ViewPasses = RendererOptions::ViewPasses;
    m_passPerView = options.viewCount > 1 &&
                    (options.viewPasses == ViewPasses::OnePerView ||
                     (options.viewPasses == ViewPasses::Auto && m_context.driverId() == VK_DRIVER_ID_MESA_LLVMPIPE));

    OH_TRY(createSetLayouts());
    auto pipelineLayout = createViewPipelineLayout(device, m_frameSetLayout.get(), m_materialSetLayout.get());
    if (!pipelineLayout) return pipelineLayout.error();
    m_pipelineLayout = std::move(pipelineLayout.value());

    OH_TRY(createRenderPass());

    OH_TRY(createPipelines());
    OverlayPass::Setup overlaySetup{m_renderPass.get(), m_samples, m_frameSetLayout.get(),
                                    std::max(options.framesInFlight, 1u)};
    auto overlayPass = OverlayPass::create(m_context, overlaySetup);
    if (!overlayPass) return overlayPass.error();
    m_overlayPass = std::move(overlayPass.value());

    return createFrameSlots();
}

// Set 0 changes per frame (views, draws, lights, environment); set 1 per material.
Status Renderer::createSetLayouts() {
    VkDevice device = m_context.device();
    const VkShaderStageFlags vf = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
    const VkDescriptorSetLayoutBinding frameBindings[] = {
        {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, vf, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
        {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_VERTEX_BIT, nullptr},
        {3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {4, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {5, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
        {6, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr},
    };
    auto frameLayout = createSetLayout(device, frameBindings);
    if (!frameLayout) return frameLayout.error();
    m_frameSetLayout = std::move(frameLayout.value());

    VkDescriptorSetLayoutBinding materialBindings[6];
    materialBindings[0] = {0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    for (uint32_t i = 1; i < 6; ++i)
        materialBindings[i] = {i, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    auto materialLayout = createSetLayout(device, materialBindings);
    if (!materialLayout) return materialLayout.error();
    m_materialSetLayout = std::move(materialLayout.value());
    return ok();
}

// Per frame in flight: the frame constants, the draw list and their descriptor set.
Status Renderer::createFrameSlots() {
    VkDevice device = m_context.device();
    uint32_t frames = std::max(m_options.framesInFlight, 1u);
    VkDescriptorPoolSize poolSizes[] = {
        {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, frames},
        {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 3 * frames},
        {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 3 * frames},
    };
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = frames;
    poolInfo.poolSizeCount = 3;
    poolInfo.pPoolSizes = poolSizes;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateDescriptorPool(device, &poolInfo, nullptr, &pool));
    m_framePool = UniqueDescriptorPool(device, pool);

    m_slots.resize(frames);
    for (FrameSlot& slot : m_slots) {
        auto frameData = GpuBuffer::create(m_context, sizeof(FrameGpu), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                                           VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                           "frame data");
        if (!frameData) return frameData.error();
        slot.frameData = std::move(frameData.value());
        OH_TRY(ensureDrawCapacity(slot, kInitialDrawCapacity));
        VkDescriptorSetLayout layout = m_frameSetLayout.get();
        VkDescriptorSetAllocateInfo allocInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
        allocInfo.descriptorPool = pool;
        allocInfo.descriptorSetCount = 1;
        allocInfo.pSetLayouts = &layout;
        OH_VK_TRY(vkAllocateDescriptorSets(device, &allocInfo, &slot.descriptorSet));
    }
    return ok();
}

Status Renderer::createRenderPass() {
    // Render pass 2 (Vulkan 1.2 core) for the depth resolve; multiview.
    bool msaa = m_samples != VK_SAMPLE_COUNT_1_BIT;
    const PassShape shape{
        .options = m_options,
        .depthFormat = m_depthFormat,
        .samples = m_samples,
        .msaa = msaa,
        // Per-view passes resolve with vkCmdResolveImage after the pass:
        // lavapipe's render-pass resolve ignores the resolve view's base layer.
        .resolveInPass = msaa && !m_passPerView,
        .resolveDepth = m_options.depthOutput && msaa,
        // A pass per view renders into single layers with no view mask.
        .viewMask = m_passPerView ? 0u : (1u << m_options.viewCount) - 1u,
    };
    std::vector<VkAttachmentDescription2> attachments = passAttachments(shape);
    PassSubpass subpass(shape);
    std::array<VkSubpassDependency2, 2> dependencies = passDependencies(m_options.depthOutput);

    VkRenderPassCreateInfo2 info{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO_2};
    info.attachmentCount = uint32_t(attachments.size());
    info.pAttachments = attachments.data();
    info.subpassCount = 1;
    info.pSubpasses = &subpass.subpass;
    info.dependencyCount = 2;
    info.pDependencies = dependencies.data();
    if (shape.viewMask) {
        info.correlatedViewMaskCount = 1;
        info.pCorrelatedViewMasks = &shape.viewMask;  // the eyes see nearly the same: let the driver share work
    }
    VkRenderPass renderPass = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateRenderPass2(m_context.device(), &info, nullptr, &renderPass));
    m_renderPass = UniqueRenderPass(m_context.device(), renderPass);
    return ok();
}

Status Renderer::createPipelines() {
    VkDevice device = m_context.device();
    auto pbrVert = createShaderModule(m_context, shaders::kPbrVert);
    auto pbrFrag = createShaderModule(m_context, shaders::kPbrFrag);
    auto skyVert = createShaderModule(m_context, shaders::kSkyVert);
    auto skyFrag = createShaderModule(m_context, shaders::kSkyFrag);
    for (auto* module : {&pbrVert, &pbrFrag, &skyVert, &skyFrag})
        if (!*module) return module->error();

    // scene::PackedVertex; every format here is one Vulkan requires for vertex buffers.
    VkVertexInputBindingDescription binding{0, sizeof(scene::PackedVertex), VK_VERTEX_INPUT_RATE_VERTEX};
    VkVertexInputAttributeDescription attributes[] = {
        {0, 0, VK_FORMAT_R16G16B16A16_UNORM, offsetof(scene::PackedVertex, position)},
        {1, 0, VK_FORMAT_R16G16_SNORM, offsetof(scene::PackedVertex, normal)},
        {2, 0, VK_FORMAT_R8G8B8A8_SNORM, offsetof(scene::PackedVertex, tangent)},
        {3, 0, VK_FORMAT_R16G16_UNORM, offsetof(scene::PackedVertex, uv0)},
        {4, 0, VK_FORMAT_R16G16_UNORM, offsetof(scene::PackedVertex, uv1)},
        {5, 0, VK_FORMAT_R16G16B16A16_UNORM, offsetof(scene::PackedVertex, color)},
    };
    VkPipelineVertexInputStateCreateInfo vertexInput{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
    vertexInput.vertexBindingDescriptionCount = 1;
    vertexInput.pVertexBindingDescriptions = &binding;
    vertexInput.vertexAttributeDescriptionCount = uint32_t(std::size(attributes));
    vertexInput.pVertexAttributeDescriptions = attributes;
    VkPipelineVertexInputStateCreateInfo noVertexInput{VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};

    PipelineStateDefaults defaults(m_samples);
    // Cull mode and front face are dynamic here: set per draw (double-sided materials, mirrored instances).
    VkDynamicState dynamicStates[] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR, VK_DYNAMIC_STATE_CULL_MODE,
                                      VK_DYNAMIC_STATE_FRONT_FACE};
    VkPipelineDynamicStateCreateInfo dynamic = defaults.dynamic;
    dynamic.dynamicStateCount = uint32_t(std::size(dynamicStates));
    dynamic.pDynamicStates = dynamicStates;

    auto pbrStages = vertexFragmentStages(pbrVert->get(), pbrFrag->get());
    auto skyStages = vertexFragmentStages(skyVert->get(), skyFrag->get());

    VkGraphicsPipelineCreateInfo base =
        defaults.pipeline(pbrStages, &vertexInput, m_pipelineLayout.get(), m_renderPass.get());
    base.pDynamicState = &dynamic;

    // Transparent surfaces: depth-tested against opaque, not writing depth, drawn back to front.
    VkPipelineDepthStencilStateCreateInfo blendDepth = defaults.depth;
    blendDepth.depthWriteEnable = VK_FALSE;
    VkGraphicsPipelineCreateInfo blendInfo = base;
    blendInfo.pDepthStencilState = &blendDepth;
    blendInfo.pColorBlendState = &defaults.blendedColor;

    // Sky: a full-screen triangle at the far plane, only where nothing was drawn.
    VkPipelineDepthStencilStateCreateInfo skyDepth = defaults.depth;
    skyDepth.depthWriteEnable = VK_FALSE;
    skyDepth.depthCompareOp = VK_COMPARE_OP_LESS_OR_EQUAL;
    VkGraphicsPipelineCreateInfo skyInfo = base;
    skyInfo.pStages = skyStages.data();
    skyInfo.pVertexInputState = &noVertexInput;
    skyInfo.pDepthStencilState = &skyDepth;

    return createGraphicsPipelines(device, {base, blendInfo, skyInfo},
                                   {&m_opaquePipeline, &m_blendPipeline, &m_skyPipeline});
}

// The attachments for one target size, before they are created.
struct Renderer::AttachmentPlan {
    uint32_t layers;
    bool msaa;
    ImageDesc depth;
    ImageDesc resolvedDepth;  // depth output with MSAA
    ImageDesc color;          // the MSAA colour
};

Status Renderer::ensureAttachments(const FrameTarget& target) {
    if (m_framebuffer && m_attachmentExtent.width == target.extent.width &&
        m_attachmentExtent.height == target.extent.height && m_targetUsage == target.usage &&
        m_targetFlags == target.imageFlags)
        return ok();
    releaseAttachments();
    AttachmentPlan plan = planAttachments(target.extent);
    OH_TRY(createAttachment(plan.depth, VK_IMAGE_ASPECT_DEPTH_BIT, "depth", m_depth, m_depthView));
    if (plan.msaa)
        OH_TRY(createAttachment(plan.color, VK_IMAGE_ASPECT_COLOR_BIT, "msaa colour", m_msaaColor, m_msaaColorView));
    if (m_options.depthOutput && plan.msaa)
        OH_TRY(createAttachment(plan.resolvedDepth, VK_IMAGE_ASPECT_DEPTH_BIT, "resolved depth", m_resolvedDepth,
                                m_resolvedDepthView));
    OH_TRY(createFramebuffer(target, plan));
    m_attachmentExtent = target.extent;
    m_targetUsage = target.usage;
    m_targetFlags = target.imageFlags;
    return ok();
}

void Renderer::releaseAttachments() {
    // Frames in flight may still use the old attachments (a resize is rare).
    vkDeviceWaitIdle(m_context.device());
    m_framebuffer.reset();
    m_msaaColorView.reset();
    m_msaaColor.reset();
    m_resolvedDepthView.reset();
    m_resolvedDepth.reset();
    m_depthView.reset();
    m_depth.reset();
}

Renderer::AttachmentPlan Renderer::planAttachments(VkExtent2D extent) const {
    uint32_t layers = m_passPerView ? 1 : m_options.viewCount;  // per-view passes reuse one layer
    bool msaa = m_samples != VK_SAMPLE_COUNT_1_BIT;
    ImageDesc depthDesc;
    depthDesc.format = m_depthFormat;
    depthDesc.extent = {extent.width, extent.height, 1};
    depthDesc.arrayLayers = layers;
    depthDesc.samples = m_samples;
    depthDesc.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    depthDesc.lazilyAllocated = true;
    ImageDesc resolvedDepthDesc = depthDesc;  // what is copied into FrameTarget::depthImage
    resolvedDepthDesc.samples = VK_SAMPLE_COUNT_1_BIT;
    resolvedDepthDesc.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    resolvedDepthDesc.lazilyAllocated = false;
    if (m_options.depthOutput && !msaa) depthDesc = resolvedDepthDesc;
    ImageDesc colorDesc = depthDesc;
    colorDesc.format = m_options.colorFormat;
    // Resolved after the pass (per-view passes), the MSAA image is a copy source, not transient.
    colorDesc.usage = m_passPerView ? VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT
                                    : VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
    colorDesc.lazilyAllocated = !m_passPerView;
    return {layers, msaa, depthDesc, resolvedDepthDesc, colorDesc};
}

Status Renderer::createAttachment(const ImageDesc& desc, VkImageAspectFlags aspect, const char* name, GpuImage& image,
                                  UniqueImageView& view) {
    auto created = GpuImage::create(m_context, desc, name);
    if (!created) return created.error();
    image = std::move(created.value());
    // Explicit layer counts: imageless framebuffers compare them with the
    // attachment infos, and VK_REMAINING_ARRAY_LAYERS is not resolved there.
    auto createdView = createImageView(m_context, image.get(), VK_IMAGE_VIEW_TYPE_2D_ARRAY, desc.format, aspect, 0, 1,
                                       0, desc.arrayLayers);
    if (!createdView) return createdView.error();
    view = std::move(createdView.value());
    return ok();
}

Status Renderer::createFramebuffer(const FrameTarget& target, const AttachmentPlan& plan) {
    // Imageless framebuffer: the target's view is supplied at begin, so one
    // framebuffer serves every swapchain image of the same size.
    VkDevice device = m_context.device();
    VkFormat colorFormat = m_options.colorFormat;
    std::vector<VkFramebufferAttachmentImageInfo> infos;
    auto attachmentInfo = [&](VkImageUsageFlags usage, VkImageCreateFlags flags, const VkFormat* format) {
        VkFramebufferAttachmentImageInfo info{VK_STRUCTURE_TYPE_FRAMEBUFFER_ATTACHMENT_IMAGE_INFO};
        info.flags = flags;
        info.usage = usage;
        info.width = target.extent.width;
        info.height = target.extent.height;
        info.layerCount = plan.layers;
        info.viewFormatCount = 1;
        info.pViewFormats = format;
        return info;
    };
    if (plan.msaa) {
        infos.push_back(attachmentInfo(plan.color.usage, 0, &colorFormat));
        infos.push_back(attachmentInfo(plan.depth.usage, 0, &m_depthFormat));
        if (!m_passPerView) infos.push_back(attachmentInfo(target.usage, target.imageFlags, &colorFormat));
        if (m_options.depthOutput) infos.push_back(attachmentInfo(plan.resolvedDepth.usage, 0, &m_depthFormat));
    } else {
        infos.push_back(attachmentInfo(target.usage, target.imageFlags, &colorFormat));
        infos.push_back(attachmentInfo(plan.depth.usage, 0, &m_depthFormat));
    }
    VkFramebufferAttachmentsCreateInfo attachments{VK_STRUCTURE_TYPE_FRAMEBUFFER_ATTACHMENTS_CREATE_INFO};
    attachments.attachmentImageInfoCount = uint32_t(infos.size());
    attachments.pAttachmentImageInfos = infos.data();
    VkFramebufferCreateInfo info{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO, &attachments};
    info.flags = VK_FRAMEBUFFER_CREATE_IMAGELESS_BIT;
    info.renderPass = m_renderPass.get();
    info.attachmentCount = uint32_t(infos.size());
    info.width = target.extent.width;
    info.height = target.extent.height;
    info.layers = 1;  // multiview: layers come from the view mask; else one layer per pass
    VkFramebuffer framebuffer = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateFramebuffer(device, &info, nullptr, &framebuffer));
    m_framebuffer = UniqueFramebuffer(device, framebuffer);
    return ok();
}

Status Renderer::ensureDrawCapacity(FrameSlot& slot, size_t count) {
    // The slot's previous frame is done (caller's contract), so the buffer may be replaced.
    return ensureHostBuffer(m_context, slot.drawInstances, VkDeviceSize(count) * sizeof(uint32_t),
                            VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, "draw instances");
}

void Renderer::bindFrameResources(FrameSlot& slot, const GpuScene& scene) {
    if (slot.boundSceneId == scene.id() && slot.boundDrawBuffer == slot.drawInstances.get()) return;
    VkDescriptorBufferInfo frameInfo{slot.frameData.get(), 0, sizeof(FrameGpu)};
    VkDescriptorBufferInfo instanceInfo{scene.instanceBuffer(), 0, VK_WHOLE_SIZE};
    VkDescriptorBufferInfo drawInfo{slot.drawInstances.get(), 0, VK_WHOLE_SIZE};
    VkDescriptorBufferInfo lightInfo{scene.lightBuffer(), 0, VK_WHOLE_SIZE};
    VkDescriptorImageInfo environmentInfos[3] = {
        {m_environment->sampler(), m_environment->radianceView(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        {m_environment->sampler(), m_environment->irradianceView(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
        {m_environment->sampler(), m_environment->brdfLutView(), VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL},
    };
    VkWriteDescriptorSet writes[7]{};
    const VkDescriptorBufferInfo* buffers[4] = {&frameInfo, &instanceInfo, &drawInfo, &lightInfo};
    for (uint32_t i = 0; i < 7; ++i) {
        writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
        writes[i].dstSet = slot.descriptorSet;
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
        if (i == 0) {
            writes[i].descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
            writes[i].pBufferInfo = buffers[i];
        } else if (i < 4) {
            writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
            writes[i].pBufferInfo = buffers[i];
        } else {
            writes[i].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
            writes[i].pImageInfo = &environmentInfos[i - 4];
        }
    }
    vkUpdateDescriptorSets(m_context.device(), 7, writes, 0, nullptr);
    slot.boundSceneId = scene.id();
    slot.boundDrawBuffer = slot.drawInstances.get();
}

struct Renderer::ViewVolumes {
    std::array<Frustum, kMaxViews> frusta;
    glm::vec3 eyeCenter;
};

Result<FrameStats> Renderer::record(VkCommandBuffer cmd, const GpuScene& scene, const FrameRequest& frame) {
    if (frame.views.size() != m_options.viewCount)
        return makeError("renderer: " + std::to_string(frame.views.size()) + " views given, the pass has " +
                         std::to_string(m_options.viewCount));
    const FrameTarget& target = frame.target;
    if (target.extent.width == 0 || target.extent.height == 0) return FrameStats{};
    if (target.depthImage && !m_options.depthOutput)
        return makeError("renderer: the frame target has a depth image but the renderer was created without "
                         "RendererOptions::depthOutput",
                         kExitNoDevice);
    uint32_t slotIndex = frame.slot % uint32_t(m_slots.size());
    FrameSlot& slot = m_slots[slotIndex];
    OH_TRY(ensureAttachments(target));

    ViewVolumes volumes = writeFrameConstants(slot, scene, frame);
    FrameStats stats;
    // An opaque panorama hides the whole scene: nothing of it is culled, sorted or drawn.
    const PanoramaBackdrop& panorama = frame.overlays.panorama;
    const bool sceneHidden = panorama.cube && panorama.opacity >= 1.0f;
    size_t blendBegin = 0;
    if (sceneHidden)
        m_drawScratch.clear();
    else
        blendBegin = collectDraws(scene, frame, volumes, stats);
    OH_TRY(ensureDrawCapacity(slot, m_drawScratch.size()));
    auto* drawInstances = static_cast<uint32_t*>(slot.drawInstances.mapped());
    for (size_t d = 0; d < m_drawScratch.size(); ++d) drawInstances[d] = m_drawScratch[d].instance;
    bindFrameResources(slot, scene);
    OH_TRY(m_overlayPass->prepare(slotIndex, frame.overlays));

    // One multiview pass, or one pass per view.
    uint32_t passCount = m_passPerView ? uint32_t(frame.views.size()) : 1;
    for (uint32_t pass = 0; pass < passCount; ++pass) {
        VkImageView targetView = m_passPerView ? target.layerViews[pass] : target.colorView;
        if (!targetView || (m_passPerView && !target.image))
            return makeError("renderer: the frame target lacks the image or per-layer views a pass per view needs",
                             kExitNoDevice);
        recordPass(cmd, slotIndex, scene, target.extent, targetView, pass, blendBegin, !sceneHidden, stats);
        if (m_passPerView && m_samples != VK_SAMPLE_COUNT_1_BIT) recordResolve(cmd, target, pass);
        if (target.depthImage) recordDepthCopy(cmd, target, pass, m_passPerView ? 1 : uint32_t(frame.views.size()));
    }
    return stats;
}

Renderer::ViewVolumes Renderer::writeFrameConstants(FrameSlot& slot, const GpuScene& scene,
                                                    const FrameRequest& request) {
    std::span<const View> views = request.views;
    FrameGpu frame{};
    // On the stack: nothing on the per-frame path allocates once caches are warm.
    ViewVolumes volumes{{Frustum(glm::mat4(1.0f)), Frustum(glm::mat4(1.0f))}, glm::vec3(0.0f)};
    for (size_t v = 0; v < views.size(); ++v) {
        glm::mat4 viewProjection = views[v].projection * views[v].view;
        frame.views[v].viewProjection = viewProjection;
        frame.views[v].inverseViewProjection = glm::inverse(viewProjection);
        frame.views[v].position = glm::vec4(glm::vec3(glm::inverse(views[v].view)[3]), 1.0f);
        // The view direction (eye space -Z) projected: off the image centre in
        // an asymmetric headset frustum; an orthographic view has none, so its centre is used.
        const glm::mat4& projection = views[v].projection;
        glm::vec4 axis = projection * glm::vec4(0.0f, 0.0f, -1.0f, 0.0f);
        glm::vec2 axisNdc = std::abs(axis.w) > 1e-6f ? glm::vec2(axis) / axis.w : glm::vec2(0.0f);
        frame.views[v].opticalAxis = glm::vec4(axisNdc, projection[0][0], projection[1][1]);
        volumes.frusta[v] = Frustum(viewProjection);
    }
    const LightingSettings& lighting = request.lighting;
    frame.lighting = {lighting.exposure, lighting.environmentIntensity, float(scene.lightCount()),
                      float(m_environment->radianceMipCount())};
    const ScreenEffects& effects = request.overlays.effects;
    frame.screenEffects = glm::vec4(glm::clamp(effects.vignette, 0.0f, 1.0f), glm::clamp(effects.fade, 0.0f, 1.0f),
                                    0.0f, 0.0f);
    frame.fadeColour = glm::vec4(glm::clamp(effects.fadeColour, glm::vec3(0.0f), glm::vec3(1.0f)), 0.0f);
    const PanoramaBackdrop& panorama = request.overlays.panorama;
    frame.panorama = glm::vec4(std::cos(panorama.heading), std::sin(panorama.heading),
                               glm::clamp(panorama.opacity, 0.0f, 1.0f), 0.0f);
    std::memcpy(slot.frameData.mapped(), &frame, sizeof frame);
    for (size_t v = 0; v < views.size(); ++v)
        volumes.eyeCenter += glm::vec3(frame.views[v].position) / float(views.size());
    return volumes;
}

size_t Renderer::collectDraws(const GpuScene& scene, const FrameRequest& frame, const ViewVolumes& volumes,
                              FrameStats& stats) {
    // Opaque by (material, winding, primitive) so equal neighbours merge into
    // one instanced draw; blended back to front.
    m_drawScratch.clear();
    const auto& instances = scene.instances();
    const auto& primitives = scene.primitives();
    const auto& materials = scene.materials();
    for (uint32_t i = 0; i < instances.size(); ++i) {
        const GpuScene::Instance& instance = instances[i];
        if (i < frame.hiddenInstances.size() && frame.hiddenInstances[i]) continue;
        bool visible = false;
        for (size_t v = 0; v < frame.views.size(); ++v)
            visible = visible || volumes.frusta[v].intersects(instance.worldBounds);
        if (!visible) continue;
        ++stats.visibleInstances;
        float distance = glm::length(instance.worldBounds.center() - volumes.eyeCenter);
        for (uint32_t p = instance.firstPrimitive; p < instance.firstPrimitive + instance.primitiveCount; ++p) {
            if (primitives[p].indexCount == 0) continue;
            uint32_t material = primitives[p].material;
            uint64_t blend = materials[material].blend ? 1 : 0;
            uint64_t key = (blend << 63) | (uint64_t(material) << 40) | (uint64_t(instance.mirrored) << 39) | p;
            m_drawScratch.push_back({key, i, p, distance});
        }
    }
    std::sort(m_drawScratch.begin(), m_drawScratch.end(), [](const DrawKey& a, const DrawKey& b) {
        bool aBlend = a.sortKey >> 63, bBlend = b.sortKey >> 63;
        if (aBlend != bBlend) return !aBlend;
        if (aBlend) return a.distance > b.distance;
        return a.sortKey < b.sortKey;
    });
    return size_t(std::find_if(m_drawScratch.begin(), m_drawScratch.end(),
                               [](const DrawKey& d) { return (d.sortKey >> 63) != 0; }) -
                  m_drawScratch.begin());
}

void Renderer::recordResolve(VkCommandBuffer cmd, const FrameTarget& target, uint32_t layer) {
    // The pass left the MSAA image in TRANSFER_SRC and its outgoing dependency covers transfer reads.
    VkImageResolve region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
    region.extent = {target.extent.width, target.extent.height, 1};
    overwriteByTransfer(cmd, target.image, region.dstSubresource,
                        VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                        m_options.finalLayout, [&] {
                            vkCmdResolveImage(cmd, m_msaaColor.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                              target.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
                        });
}

void Renderer::recordDepthCopy(VkCommandBuffer cmd, const FrameTarget& target, uint32_t targetLayer,
                               uint32_t layerCount) {
    // The pass left its single-sample depth in TRANSFER_SRC, and its outgoing
    // dependency covers transfer reads. The target's last contents were read
    // by the compositor before it handed the image back.
    VkImage source = m_resolvedDepth ? m_resolvedDepth.get() : m_depth.get();
    VkImageCopy region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, layerCount};
    region.dstSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, targetLayer, layerCount};
    region.extent = {target.extent.width, target.extent.height, 1};
    overwriteByTransfer(cmd, target.depthImage, region.dstSubresource,
                        VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_LATE_FRAGMENT_TESTS_BIT,
                        VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL, [&] {
                            vkCmdCopyImage(cmd, source, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target.depthImage,
                                           VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
                        });
}

void Renderer::recordPass(VkCommandBuffer cmd, uint32_t slotIndex, const GpuScene& scene, VkExtent2D extent,
                          VkImageView targetView, uint32_t viewBase, size_t blendBegin, bool drawSky,
                          FrameStats& stats) {
    const FrameSlot& slot = m_slots[slotIndex];
    const auto& instances = scene.instances();
    const auto& primitives = scene.primitives();
    const auto& materials = scene.materials();
    VkImageView attachmentViews[4];
    uint32_t attachmentCount = 0;
    if (m_samples != VK_SAMPLE_COUNT_1_BIT) {
        attachmentViews[attachmentCount++] = m_msaaColorView.get();
        attachmentViews[attachmentCount++] = m_depthView.get();
        if (!m_passPerView) attachmentViews[attachmentCount++] = targetView;
        if (m_options.depthOutput) attachmentViews[attachmentCount++] = m_resolvedDepthView.get();
    } else {
        attachmentViews[attachmentCount++] = targetView;
        attachmentViews[attachmentCount++] = m_depthView.get();
    }
    VkRenderPassAttachmentBeginInfo attachmentBegin{VK_STRUCTURE_TYPE_RENDER_PASS_ATTACHMENT_BEGIN_INFO};
    attachmentBegin.attachmentCount = attachmentCount;
    attachmentBegin.pAttachments = attachmentViews;
    VkClearValue clears[3]{};
    clears[0].color = {{0.0f, 0.0f, 0.0f, 1.0f}};
    clears[1].depthStencil = {1.0f, 0};
    VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO, &attachmentBegin};
    begin.renderPass = m_renderPass.get();
    begin.framebuffer = m_framebuffer.get();
    begin.renderArea = {{0, 0}, extent};
    begin.clearValueCount = 2;
    begin.pClearValues = clears;
    vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);

    VkViewport viewport{0.0f, 0.0f, float(extent.width), float(extent.height), 0.0f, 1.0f};
    VkRect2D scissor{{0, 0}, extent};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_pipelineLayout.get(), 0, 1, &slot.descriptorSet,
                            0, nullptr);
    vkCmdPushConstants(cmd, m_pipelineLayout.get(), VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                       sizeof viewBase, &viewBase);
    VkDeviceSize vertexOffset = 0;
    VkBuffer vertexBuffer = scene.vertexBuffer();
    vkCmdBindVertexBuffers(cmd, 0, 1, &vertexBuffer, &vertexOffset);
    vkCmdBindIndexBuffer(cmd, scene.indexBuffer(), 0, VK_INDEX_TYPE_UINT32);

    uint32_t boundMaterial = UINT32_MAX;
    int boundCull = -1, boundFront = -1;
    auto drawRun = [&](size_t first, uint32_t count) {
        const DrawKey& draw = m_drawScratch[first];
        const GpuScene::Primitive& primitive = primitives[draw.primitive];
        const GpuScene::Material& material = materials[primitive.material];
        vkCmdPushConstants(cmd, m_pipelineLayout.get(), VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT,
                           offsetof(PassPushGpu, dequantization), sizeof primitive.dequantization,
                           &primitive.dequantization);
        if (primitive.material != boundMaterial) {
            VkDescriptorSet set = material.descriptorSet;
            vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_pipelineLayout.get(), 1, 1, &set, 0,
                                    nullptr);
            boundMaterial = primitive.material;
        }
        int cull = material.doubleSided ? 0 : 1;
        if (cull != boundCull) {
            m_context.cmdSetCullMode(cmd, cull ? VK_CULL_MODE_BACK_BIT : VK_CULL_MODE_NONE);
            boundCull = cull;
        }
        // A mirroring transform (negative determinant) reverses triangle winding.
        int front = instances[draw.instance].mirrored ? 1 : 0;
        if (front != boundFront) {
            m_context.cmdSetFrontFace(cmd, front ? VK_FRONT_FACE_CLOCKWISE : VK_FRONT_FACE_COUNTER_CLOCKWISE);
            boundFront = front;
        }
        vkCmdDrawIndexed(cmd, primitive.indexCount, count, primitive.firstIndex, primitive.vertexOffset,
                         uint32_t(first));
        ++stats.drawCalls;
        if (viewBase == 0) stats.triangles += uint64_t(primitive.indexCount / 3) * count;  // per view
    };

    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_opaquePipeline.get());
    for (size_t first = 0; first < blendBegin;) {
        size_t last = first + 1;
        uint64_t batchKey = m_drawScratch[first].sortKey;
        while (last < blendBegin && m_drawScratch[last].sortKey == batchKey) ++last;
        drawRun(first, uint32_t(last - first));
        first = last;
    }

    if (drawSky) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_skyPipeline.get());
        m_context.cmdSetCullMode(cmd, VK_CULL_MODE_NONE);
        m_context.cmdSetFrontFace(cmd, VK_FRONT_FACE_COUNTER_CLOCKWISE);
        boundCull = 0;
        boundFront = 0;
        vkCmdDraw(cmd, 6, 1, 0, 0);
        ++stats.drawCalls;
    }

    if (blendBegin < m_drawScratch.size()) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, m_blendPipeline.get());
        for (size_t d = blendBegin; d < m_drawScratch.size(); ++d) drawRun(d, 1);
    }
    stats.drawCalls += m_overlayPass->record(cmd, slotIndex, slot.descriptorSet, viewBase);
    vkCmdEndRenderPass(cmd);
}

}  // namespace oh::gfx
