#include "viewer/ui/world_panel.h"

#include <imgui.h>
#include <backends/imgui_impl_vulkan.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <glm/gtc/matrix_transform.hpp>

#include "core/log.h"
#include "renderer/vk_check.h"
#include "viewer/ui/imgui_vulkan.h"

namespace oh::viewer {
namespace {

// Opaque and high-contrast: light text on near-black, saturated controls.
// sRGB values, as ImGui's colours are (the panel stores them unconverted).
const ImVec4 kBackground(0.07f, 0.08f, 0.10f, 1.0f);

void checkImguiVulkanResult(VkResult result) {
    if (result < 0) OH_LOG_ERROR("Dear ImGui's Vulkan backend (a headset panel): %s", gfx::vkResultName(result));
}

void applyPanelStyle(ImGuiStyle& style) {
    ImGui::StyleColorsDark(&style);
    style.WindowPadding = ImVec2(24.0f, 20.0f);
    style.FramePadding = ImVec2(16.0f, 10.0f);
    style.ItemSpacing = ImVec2(16.0f, 14.0f);
    style.ItemInnerSpacing = ImVec2(12.0f, 8.0f);
    style.TouchExtraPadding = ImVec2(4.0f, 4.0f);  // a laser held at arm's length shakes by a few pixels
    style.ScrollbarSize = 32.0f;
    style.GrabMinSize = 28.0f;
    style.WindowRounding = 0.0f;  // the window is the panel
    style.WindowBorderSize = 0.0f;
    style.ChildRounding = 6.0f;
    style.FrameRounding = 6.0f;
    style.GrabRounding = 6.0f;
    style.Alpha = 1.0f;

    ImVec4* colors = style.Colors;
    colors[ImGuiCol_Text] = ImVec4(0.97f, 0.97f, 0.97f, 1.0f);
    colors[ImGuiCol_TextDisabled] = ImVec4(0.62f, 0.64f, 0.68f, 1.0f);
    colors[ImGuiCol_WindowBg] = kBackground;
    colors[ImGuiCol_ChildBg] = ImVec4(0.11f, 0.12f, 0.15f, 1.0f);
    colors[ImGuiCol_PopupBg] = ImVec4(0.11f, 0.12f, 0.15f, 1.0f);
    colors[ImGuiCol_Border] = ImVec4(0.36f, 0.39f, 0.46f, 1.0f);
    colors[ImGuiCol_FrameBg] = ImVec4(0.19f, 0.21f, 0.26f, 1.0f);
    colors[ImGuiCol_FrameBgHovered] = ImVec4(0.26f, 0.29f, 0.36f, 1.0f);
    colors[ImGuiCol_FrameBgActive] = ImVec4(0.30f, 0.34f, 0.42f, 1.0f);
    colors[ImGuiCol_Button] = ImVec4(0.15f, 0.35f, 0.70f, 1.0f);
    colors[ImGuiCol_ButtonHovered] = ImVec4(0.24f, 0.49f, 0.90f, 1.0f);
    colors[ImGuiCol_ButtonActive] = ImVec4(0.10f, 0.25f, 0.54f, 1.0f);
    colors[ImGuiCol_Header] = colors[ImGuiCol_Button];
    colors[ImGuiCol_HeaderHovered] = colors[ImGuiCol_ButtonHovered];
    colors[ImGuiCol_HeaderActive] = colors[ImGuiCol_ButtonActive];
    colors[ImGuiCol_ScrollbarBg] = ImVec4(0.11f, 0.12f, 0.15f, 1.0f);
    colors[ImGuiCol_ScrollbarGrab] = ImVec4(0.40f, 0.44f, 0.52f, 1.0f);
    colors[ImGuiCol_ScrollbarGrabHovered] = ImVec4(0.52f, 0.57f, 0.66f, 1.0f);
    colors[ImGuiCol_ScrollbarGrabActive] = ImVec4(0.62f, 0.67f, 0.76f, 1.0f);
}

// Makes `context` current for the lifetime of the object, then restores `restore`.
class CurrentImguiContext {
public:
    CurrentImguiContext(ImGuiContext* context, ImGuiContext* restore) : m_restore(restore) {
        ImGui::SetCurrentContext(context);
    }
    ~CurrentImguiContext() { ImGui::SetCurrentContext(m_restore); }
    CurrentImguiContext(const CurrentImguiContext&) = delete;
    CurrentImguiContext& operator=(const CurrentImguiContext&) = delete;

private:
    ImGuiContext* m_restore;
};

template <typename T>
void appendBytes(std::vector<uint8_t>& out, const T* data, size_t count) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(data);
    out.insert(out.end(), bytes, bytes + count * sizeof(T));
}

}  // namespace

Result<std::unique_ptr<WorldPanel>> WorldPanel::create(gfx::GpuContext& context, const WorldPanelOptions& options) {
    if (options.widthPixels == 0 || options.heightPixels == 0 || !(options.widthMetres > 0.0f))
        return makeError(std::string(options.name) + ": its size must be positive (" +
                         std::to_string(options.widthPixels) + "x" + std::to_string(options.heightPixels) +
                         " pixels, " + std::to_string(options.widthMetres) + " m wide)");
    std::unique_ptr<WorldPanel> panel(new WorldPanel(context, options));
    panel->m_options.framesInFlight = std::max(options.framesInFlight, 1u);
    OH_TRY(panel->init());
    return panel;
}

Status WorldPanel::init() {
    OH_TRY(createTarget());
    OH_TRY(createImgui());
    // Fonts up, and the image cleared to the panel's background so it can be
    // sampled before the first frame is drawn (an empty frame looks like that:
    // sameAsLastDrawn() starts from no draw lists).
    CurrentImguiContext current(m_imgui, ImGui::GetCurrentContext());
    return uploadImguiFonts(m_context, [this](VkCommandBuffer cmd) { recordPass(cmd, false); }, m_options.pictures);
}

Status WorldPanel::createTarget() {
    VkDevice device = m_context.device();
    gfx::ImageDesc desc;
    desc.format = VK_FORMAT_R8G8B8A8_SRGB;
    desc.extent = {m_options.widthPixels, m_options.heightPixels, 1};
    desc.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    desc.flags = VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT;
    auto image = gfx::GpuImage::create(m_context, desc, m_options.name);
    if (!image) return image.error();
    m_image = std::move(image.value());
    auto sampled = gfx::createImageView(m_context, m_image.get(), VK_IMAGE_VIEW_TYPE_2D, VK_FORMAT_R8G8B8A8_SRGB,
                                        VK_IMAGE_ASPECT_COLOR_BIT);
    if (!sampled) return sampled.error();
    m_sampledView = std::move(sampled.value());
    auto draw = gfx::createImageView(m_context, m_image.get(), VK_IMAGE_VIEW_TYPE_2D, VK_FORMAT_R8G8B8A8_UNORM,
                                     VK_IMAGE_ASPECT_COLOR_BIT);
    if (!draw) return draw.error();
    m_drawView = std::move(draw.value());

    // Every draw clears the whole panel: the old contents are never loaded.
    gfx::ColorPassDesc pass;
    pass.format = VK_FORMAT_R8G8B8A8_UNORM;
    pass.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    pass.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    pass.finalLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    // After earlier frames sampled the panel (and drew it, or read it back).
    pass.earlierStages = VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT | VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT |
                         VK_PIPELINE_STAGE_TRANSFER_BIT;
    pass.earlierWrites = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    // Before the renderer samples it.
    pass.laterStages = VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
    pass.laterAccess = VK_ACCESS_SHADER_READ_BIT;
    auto renderPass = gfx::createColorRenderPass(device, pass);
    if (!renderPass) return renderPass.error();
    m_renderPass = std::move(renderPass.value());

    VkImageView drawView = m_drawView.get();
    VkFramebufferCreateInfo framebufferInfo{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    framebufferInfo.renderPass = m_renderPass.get();
    framebufferInfo.attachmentCount = 1;
    framebufferInfo.pAttachments = &drawView;
    framebufferInfo.width = m_options.widthPixels;
    framebufferInfo.height = m_options.heightPixels;
    framebufferInfo.layers = 1;
    VkFramebuffer framebuffer = VK_NULL_HANDLE;
    OH_VK_TRY(vkCreateFramebuffer(device, &framebufferInfo, nullptr, &framebuffer));
    m_framebuffer = gfx::UniqueFramebuffer(device, framebuffer);
    return ok();
}

Status WorldPanel::createImgui() {
    auto pool = createImguiDescriptorPool(m_context.device());
    if (!pool) return pool.error();
    m_descriptorPool = std::move(pool.value());

    IMGUI_CHECKVERSION();
    // 1.86's CreateContext makes the new context current only when none is;
    // the backend set-up below needs ours current either way.
    ImGuiContext* previous = ImGui::GetCurrentContext();
    m_imgui = ImGui::CreateContext();
    CurrentImguiContext current(m_imgui, previous);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the panel's layout is the program's, not remembered
    io.DisplaySize = ImVec2(float(m_options.widthPixels), float(m_options.heightPixels));
    io.ConfigWindowsMoveFromTitleBarOnly = true;
    applyPanelStyle(ImGui::GetStyle());
    ImFontConfig font;
    font.SizePixels = kFontPixels;
    io.Fonts->AddFontDefault(&font);

    ImguiBackendDesc backend;
    backend.descriptorPool = m_descriptorPool.get();
    backend.renderPass = m_renderPass.get();
    backend.framesInFlight = m_options.framesInFlight;
    backend.checkResult = &checkImguiVulkanResult;
    backend.user = m_options.name;
    OH_TRY(startImguiVulkanBackend(m_context, backend));
    m_vulkanBackend = true;
    return ok();
}

WorldPanel::~WorldPanel() {
    vkDeviceWaitIdle(m_context.device());
    if (!m_imgui) return;
    ImGuiContext* current = ImGui::GetCurrentContext();
    ImGuiContext* restore = current == m_imgui ? m_previousContext : current;
    ImGui::SetCurrentContext(m_imgui);
    if (m_frameOpen) ImGui::EndFrame();
    if (m_vulkanBackend) ImGui_ImplVulkan_Shutdown();
    ImGui::DestroyContext(m_imgui);
    ImGui::SetCurrentContext(restore);
}

glm::vec2 WorldPanel::sizeMetres() const {
    return {m_options.widthMetres,
            m_options.widthMetres * float(m_options.heightPixels) / float(m_options.widthPixels)};
}

void WorldPanel::beginFrame(float dt, std::optional<glm::vec2> pointer, bool pressed) {
    if (ImGui::GetCurrentContext() != m_imgui) m_previousContext = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(m_imgui);
    if (m_frameOpen) ImGui::EndFrame();  // the previous frame was not drawn
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = dt > 0.0f ? dt : 1.0f / 90.0f;  // ImGui requires time to pass
    io.MousePos = pointer ? ImVec2(pointer->x, pointer->y) : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = pressed;
    ImGui_ImplVulkan_NewFrame();
    ImGui::NewFrame();
    m_frameOpen = true;
    m_wantsPointer = io.WantCaptureMouse;
    m_shownWidth = float(m_options.widthPixels);
}

void WorldPanel::showLeftPart(float pixels) { m_shownWidth = std::clamp(pixels, 1.0f, float(m_options.widthPixels)); }

void WorldPanel::fillPanelWindow() const {
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(float(m_options.widthPixels), float(m_options.heightPixels)),
                             ImGuiCond_Always);
}

Status WorldPanel::record(VkCommandBuffer cmd, uint32_t frameSlot) {
    m_drewLastFrame = false;
    if (!m_frameOpen) return ok();
    // Whatever happens below, the caller's context is current afterwards.
    CurrentImguiContext current(m_imgui, m_previousContext);
    ImGui::Render();
    m_frameOpen = false;
    // Dear ImGui's Vulkan backend maps DisplaySize onto a viewport of
    // DisplaySize x FramebufferScale pixels (truncated: half a pixel more
    // keeps the last column), its clip rectangles scaled alike.
    ImDrawData* data = ImGui::GetDrawData();
    data->DisplaySize.x = m_shownWidth;
    data->FramebufferScale.x = (float(m_options.widthPixels) + 0.5f) / m_shownWidth;
    if (frameSlot >= m_options.framesInFlight)
        return makeError(std::string(m_options.name) + ": frame slot " + std::to_string(frameSlot) +
                         " is not below the " + std::to_string(m_options.framesInFlight) +
                         " frames in flight it was created for");
    if (sameAsLastDrawn()) return ok();
    recordPass(cmd, true);
    m_drewLastFrame = true;
    return ok();
}

void WorldPanel::recordPass(VkCommandBuffer cmd, bool drawImgui) {
    VkClearValue clear{};  // transparent: all zeros
    if (!m_options.transparent) clear.color = {{kBackground.x, kBackground.y, kBackground.z, kBackground.w}};
    VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
    begin.renderPass = m_renderPass.get();
    begin.framebuffer = m_framebuffer.get();
    begin.renderArea = {{0, 0}, extent()};
    begin.clearValueCount = 1;
    begin.pClearValues = &clear;
    vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
    if (drawImgui) ImGui_ImplVulkan_RenderDrawData(ImGui::GetDrawData(), cmd);
    vkCmdEndRenderPass(cmd);
}

// Compares this frame's draw lists with the last drawn ones, byte for byte
// (a few hundred kilobytes at most: cheaper than drawing them again).
bool WorldPanel::sameAsLastDrawn() {
    const ImDrawData* data = ImGui::GetDrawData();
    m_thisFrame.clear();
    appendBytes(m_thisFrame, &m_shownWidth, 1);
    for (int list = 0; list < data->CmdListsCount; ++list) {
        const ImDrawList* drawList = data->CmdLists[list];
        appendBytes(m_thisFrame, drawList->VtxBuffer.Data, size_t(drawList->VtxBuffer.Size));
        appendBytes(m_thisFrame, drawList->IdxBuffer.Data, size_t(drawList->IdxBuffer.Size));
        for (const ImDrawCmd& command : drawList->CmdBuffer) {
            if (command.UserCallback) return false;  // its effect cannot be compared
            appendBytes(m_thisFrame, &command.ClipRect, 1);
            appendBytes(m_thisFrame, &command.TextureId, 1);
            appendBytes(m_thisFrame, &command.VtxOffset, 1);
            appendBytes(m_thisFrame, &command.IdxOffset, 1);
            appendBytes(m_thisFrame, &command.ElemCount, 1);
        }
        uint32_t separator = 0xffffffffu;  // lists of different lengths never compare equal by accident
        appendBytes(m_thisFrame, &separator, 1);
    }
    if (m_thisFrame == m_lastDrawn) return true;
    std::swap(m_thisFrame, m_lastDrawn);
    return false;
}

glm::mat4 WorldPanel::panelTransform(const glm::vec3& center, float yawRadians, float pitchRadians,
                                     glm::vec2 sizeMetres) {
    glm::mat4 transform = glm::translate(glm::mat4(1.0f), center);
    transform = glm::rotate(transform, yawRadians, glm::vec3(0.0f, 1.0f, 0.0f));
    // A positive rotation about +X turns +Z down; tilting the face up is the opposite.
    transform = glm::rotate(transform, -pitchRadians, glm::vec3(1.0f, 0.0f, 0.0f));
    return glm::scale(transform, glm::vec3(0.5f * sizeMetres, 1.0f));
}

std::optional<glm::vec2> WorldPanel::hitPixels(const glm::mat4& worldFromPanel, const glm::vec3& origin,
                                               const glm::vec3& direction, float* distance) const {
    glm::mat4 panelFromWorld = glm::inverse(worldFromPanel);
    glm::vec3 localOrigin = glm::vec3(panelFromWorld * glm::vec4(origin, 1.0f));
    glm::vec3 localDirection = glm::vec3(panelFromWorld * glm::vec4(direction, 0.0f));
    // The front faces +Z: the ray must start in front and travel towards -Z.
    if (!(localOrigin.z > 0.0f) || !(localDirection.z < 0.0f)) return std::nullopt;
    float t = -localOrigin.z / localDirection.z;  // same parameter in world space (affine map)
    glm::vec3 hit = localOrigin + t * localDirection;
    if (!(std::abs(hit.x) <= 1.0f && std::abs(hit.y) <= 1.0f)) return std::nullopt;
    if (distance) *distance = t * glm::length(direction);
    return glm::vec2((hit.x + 1.0f) * 0.5f * float(m_options.widthPixels),
                     (1.0f - hit.y) * 0.5f * float(m_options.heightPixels));
}

}  // namespace oh::viewer
