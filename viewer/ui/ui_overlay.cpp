#include "viewer/ui/ui_overlay.h"

#include <algorithm>
#include <iterator>

#include <imgui.h>
#include <backends/imgui_impl_vulkan.h>

#include "core/log.h"
#include "renderer/vk_check.h"
#include "viewer/ui/imgui_vulkan.h"

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

    auto pool = createImguiDescriptorPool(device);
    if (!pool) return pool.error();
    m_descriptorPool = std::move(pool.value());

    // Draws over what the scene pass left: load, keep the layout it had.
    gfx::ColorPassDesc pass;
    pass.format = options.colorFormat;
    pass.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
    pass.initialLayout = options.layout;
    pass.finalLayout = options.layout;
    // After the scene pass's writes (and its resolve); before presentation or a screenshot copy.
    pass.earlierStages = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
    pass.earlierWrites = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    pass.laterStages = VK_PIPELINE_STAGE_TRANSFER_BIT;
    pass.laterAccess = VK_ACCESS_TRANSFER_READ_BIT;
    auto renderPass = gfx::createColorRenderPass(device, pass);
    if (!renderPass) return renderPass.error();
    m_renderPass = std::move(renderPass.value());

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    m_imguiContext = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini next to wherever the viewer was started
    if (options.look) {
        options.look();
    } else {
        ImGui::StyleColorsDark();
        ImGui::GetStyle().WindowRounding = 6.0f;
        ImGui::GetStyle().Alpha = 0.92f;
    }

    if (!options.platform.init())
        return makeError("Dear ImGui could not attach to the window", kExitNoDevice);
    m_platformBackend = true;
    ImguiBackendDesc backend;
    backend.descriptorPool = m_descriptorPool.get();
    backend.renderPass = m_renderPass.get();
    backend.framesInFlight = options.imageCount;
    backend.checkResult = &checkImguiVulkanResult;
    OH_TRY(startImguiVulkanBackend(m_context, backend));
    m_vulkanBackend = true;
    const bool srgbTarget =
        options.colorFormat == VK_FORMAT_B8G8R8A8_SRGB || options.colorFormat == VK_FORMAT_R8G8B8A8_SRGB;
    OH_TRY(uploadImguiFonts(m_context, {}, options.pictures, srgbTarget));
    return ok();
}

UiOverlay::~UiOverlay() {
    vkDeviceWaitIdle(m_context.device());
    if (m_frameOpen) ImGui::EndFrame();
    if (m_vulkanBackend) ImGui_ImplVulkan_Shutdown();
    if (m_platformBackend) m_options.platform.shutdown();
    if (m_imguiContext) ImGui::DestroyContext();
}

void UiOverlay::beginFrame(const UiPointer* pointer) {
    if (m_frameOpen) ImGui::EndFrame();  // the previous frame was not drawn
    ImGui_ImplVulkan_NewFrame();
    m_options.platform.newFrame();
    if (pointer) {
        // After the window's backend has read the real mouse, which this replaces.
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(pointer->position.x / io.DisplayFramebufferScale.x,
                             pointer->position.y / io.DisplayFramebufferScale.y);
        std::fill(std::begin(io.MouseDown), std::end(io.MouseDown), false);
        io.MouseDown[ImGuiMouseButton_Left] = pointer->leftDown;
        io.MouseWheel += pointer->wheel;
    }
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
        auto framebuffer =
            gfx::createColorFramebuffer(m_context.device(), m_renderPass.get(), m_options.colorFormat, extent, usage);
        if (!framebuffer) return framebuffer.error();
        m_framebuffer = std::move(framebuffer.value());
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
