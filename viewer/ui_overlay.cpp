#include "viewer/ui_overlay.h"

#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_vulkan.h>

#include "core/log.h"
#include "renderer/vk_check.h"

namespace oh::viewer {
namespace {

void checkImguiVulkanResult(VkResult result) {
    if (result < 0) OH_LOG_ERROR("Dear ImGui's Vulkan backend: %s", gfx::vkResultName(result));
}

}  // namespace

Result<std::unique_ptr<UiOverlay>> UiOverlay::create(gfx::GpuContext& context, const UiOverlayOptions& options) {
    std::unique_ptr<UiOverlay> overlay(new UiOverlay(context));
    OH_TRY(overlay->init(options));
    return overlay;
}

Status UiOverlay::init(const UiOverlayOptions& options) {
    m_options = options;
    VkDevice device = m_context.device();

    // Only the font texture's descriptor is allocated by the backend.
    VkDescriptorPoolSize poolSize{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 4};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    poolInfo.maxSets = 4;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &poolSize;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateDescriptorPool(device, &poolInfo, nullptr, &pool));
    m_descriptorPool = gfx::UniqueDescriptorPool(device, pool);

    // Draws over what the scene pass left: load, keep the layout it had.
    VkAttachmentDescription color{};
    color.format = options.colorFormat;
    color.samples = VK_SAMPLE_COUNT_1_BIT;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    color.initialLayout = options.layout;
    color.finalLayout = options.layout;
    VkAttachmentReference colorRef{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription subpass{};
    subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    subpass.colorAttachmentCount = 1;
    subpass.pColorAttachments = &colorRef;
    VkSubpassDependency dependencies[2]{};
    dependencies[0].srcSubpass = VK_SUBPASS_EXTERNAL;  // the scene pass's writes (and its resolve)
    dependencies[0].dstSubpass = 0;
    dependencies[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
    dependencies[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    dependencies[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    dependencies[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    dependencies[1].srcSubpass = 0;  // then presentation or a screenshot copy
    dependencies[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    dependencies[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    dependencies[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    dependencies[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT;
    dependencies[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    VkRenderPassCreateInfo passInfo{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
    passInfo.attachmentCount = 1;
    passInfo.pAttachments = &color;
    passInfo.subpassCount = 1;
    passInfo.pSubpasses = &subpass;
    passInfo.dependencyCount = 2;
    passInfo.pDependencies = dependencies;
    VkRenderPass renderPass = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateRenderPass(device, &passInfo, nullptr, &renderPass));
    m_renderPass = gfx::UniqueRenderPass(device, renderPass);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    m_imguiContext = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini next to wherever the viewer was started
    ImGui::StyleColorsDark();
    ImGui::GetStyle().WindowRounding = 6.0f;
    ImGui::GetStyle().Alpha = 0.92f;

    if (!ImGui_ImplGlfw_InitForVulkan(options.window, true))
        return makeError("Dear ImGui could not attach to the window", kExitNoDevice);
    m_glfwBackend = true;
    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = m_context.instance();
    info.PhysicalDevice = m_context.physicalDevice();
    info.Device = device;
    info.QueueFamily = m_context.queueFamily();
    info.Queue = m_context.queue();
    info.DescriptorPool = pool;
    info.MinImageCount = std::max(options.imageCount, 2u);
    info.ImageCount = std::max(options.imageCount, 2u);
    info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    info.CheckVkResultFn = &checkImguiVulkanResult;
    if (!ImGui_ImplVulkan_Init(&info, renderPass))
        return makeError("Dear ImGui's Vulkan backend could not start", kExitNoDevice);
    m_vulkanBackend = true;
    OH_TRY(m_context.submitAndWait([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); }));
    ImGui_ImplVulkan_DestroyFontUploadObjects();
    return ok();
}

UiOverlay::~UiOverlay() {
    vkDeviceWaitIdle(m_context.device());
    if (m_frameOpen) ImGui::EndFrame();
    if (m_vulkanBackend) ImGui_ImplVulkan_Shutdown();
    if (m_glfwBackend) ImGui_ImplGlfw_Shutdown();
    if (m_imguiContext) ImGui::DestroyContext();
}

void UiOverlay::beginFrame() {
    if (m_frameOpen) ImGui::EndFrame();  // the previous frame was not drawn
    ImGui_ImplVulkan_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    m_frameOpen = true;
}

Status UiOverlay::record(VkCommandBuffer cmd, VkImageView target, VkExtent2D extent, VkImageUsageFlags usage) {
    if (!m_frameOpen) return ok();
    ImGui::Render();
    m_frameOpen = false;
    if (!m_framebuffer || extent.width != m_framebufferExtent.width || extent.height != m_framebufferExtent.height ||
        usage != m_framebufferUsage) {
        // A new size means a new swapchain, created after the old one's frames finished.
        m_framebuffer.reset();
        VkFramebufferAttachmentImageInfo imageInfo{VK_STRUCTURE_TYPE_FRAMEBUFFER_ATTACHMENT_IMAGE_INFO};
        imageInfo.usage = usage;
        imageInfo.width = extent.width;
        imageInfo.height = extent.height;
        imageInfo.layerCount = 1;
        imageInfo.viewFormatCount = 1;
        imageInfo.pViewFormats = &m_options.colorFormat;
        VkFramebufferAttachmentsCreateInfo attachments{VK_STRUCTURE_TYPE_FRAMEBUFFER_ATTACHMENTS_CREATE_INFO};
        attachments.attachmentImageInfoCount = 1;
        attachments.pAttachmentImageInfos = &imageInfo;
        VkFramebufferCreateInfo info{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO, &attachments};
        info.flags = VK_FRAMEBUFFER_CREATE_IMAGELESS_BIT;
        info.renderPass = m_renderPass.get();
        info.attachmentCount = 1;
        info.width = extent.width;
        info.height = extent.height;
        info.layers = 1;
        VkFramebuffer framebuffer = VK_NULL_HANDLE;
        OH_VK_TRY(vkCreateFramebuffer(m_context.device(), &info, nullptr, &framebuffer));
        m_framebuffer = gfx::UniqueFramebuffer(m_context.device(), framebuffer);
        m_framebufferExtent = extent;
        m_framebufferUsage = usage;
    }
    VkRenderPassAttachmentBeginInfo attachmentBegin{VK_STRUCTURE_TYPE_RENDER_PASS_ATTACHMENT_BEGIN_INFO};
    attachmentBegin.attachmentCount = 1;
    attachmentBegin.pAttachments = &target;
    VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO, &attachmentBegin};
    begin.renderPass = m_renderPass.get();
    begin.framebuffer = m_framebuffer.get();
    begin.renderArea = {{0, 0}, extent};
    vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
    ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), cmd);
    vkCmdEndRenderPass(cmd);
    return ok();
}

bool UiOverlay::capturesMouse() const { return ImGui::GetIO().WantCaptureMouse; }
bool UiOverlay::capturesKeyboard() const { return ImGui::GetIO().WantCaptureKeyboard; }

}  // namespace oh::viewer
