// WorldPanel: Dear ImGui drawn into a texture that the renderer shows as a
// quad in the world: the headset's menu panel, operated with a controller's
// laser pointer (the caller finds where the laser meets the panel with
// hitPixels() and passes that point and the select button to beginFrame()),
// and the small room label low in the customer's view (xr/headset_label.h:
// never pointed at, showing only as much of its layout as its text needs).
//
// The panel has its own ImGui context with only the Vulkan backend, so the
// desktop mirror's UiOverlay (another context, GLFW + Vulkan) lives beside it.
// Dear ImGui 1.86's Vulkan backend keeps its state per context
// (io.BackendRendererUserData), so both can be initialised at once; its GLFW
// backend does too, but its input callbacks act on whichever context is
// current when glfwPollEvents() runs. Hence: the panel's context is current
// only between beginFrame() and record(); poll window events outside that.
//
// Per frame: beginFrame(), build the panel with ImGui::* (fillPanelWindow()
// before the window that should cover the panel), record() into the frame's
// command buffer before the pass that samples imageView().
//
// Not for: drawing the quad or the laser (the renderer's job), nor deciding
// what a click does (the panel content returns that).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <glm/glm.hpp>
#include <memory>
#include <optional>
#include <vector>

#include "core/result.h"
#include "renderer/gpu_resources.h"
#include "renderer/vk_context.h"

struct ImGuiContext;

namespace oh::viewer {

class AtlasImages;

struct WorldPanelOptions {
    uint32_t widthPixels = 1024;
    uint32_t heightPixels = 640;
    float widthMetres = 0.8f;     // the height follows the pixels' aspect
    uint32_t framesInFlight = 2;  // frames whose command buffers may be pending at once
    std::vector<AtlasImages*> pictures;  // to put in the font atlas (thumbnails, the plan); must outlive the panel
    // False: every frame starts from the panel's opaque background. True: from
    // transparent, so only what ImGui draws shows (its colours then come out
    // premultiplied by their alpha: keep what is see-through dark).
    bool transparent = false;
    const char* name = "headset panel";  // in error messages and the image's debug name
};

class WorldPanel {
public:
    // ProggyClean (ImGui's built-in font) is drawn on a 13-pixel grid: twice
    // that stays crisp. A line is this many panel pixels tall: size the panel
    // in metres so a line spans at least 1° where it is seen (the menu panel:
    // about 2 cm a line on a 0.8 m panel at 0.9 m, 1.3°).
    static constexpr float kFontPixels = 26.0f;

    // Errors: the image or Dear ImGui's Vulkan backend cannot be created (kExitNoDevice).
    // Leaves the current ImGui context as it was.
    static Result<std::unique_ptr<WorldPanel>> create(gfx::GpuContext& context, const WorldPanelOptions& options);
    // Waits for the device to be idle (the backend frees buffers a frame may still use).
    ~WorldPanel();
    WorldPanel(const WorldPanel&) = delete;
    WorldPanel& operator=(const WorldPanel&) = delete;

    // Starts an ImGui frame on the panel's own context and makes it current
    // (record() restores the one that was current before). `dt`: seconds since
    // the last frame. `pointer`: where the laser meets the panel, in panel
    // pixels (top-left origin), or none; `pressed`: the select button is down.
    // ImGui sees a hover one frame after the pointer arrives and reports a
    // button click on the frame the button is released over it.
    void beginFrame(float dt, std::optional<glm::vec2> pointer, bool pressed);

    // Sets the next ImGui window to cover the whole panel, every frame (so a
    // laser drag cannot move or shrink it for good). Call between beginFrame()
    // and that window's ImGui::Begin(), with no SetNextWindowPos/Size in
    // between: a later one replaces this one (so drawTourPanel must be told
    // not to place its window itself).
    void fillPanelWindow() const;

    // Between beginFrame() and record(): this frame shows only the left
    // `pixels` of the panel's layout (ImGui's coordinates), stretched across
    // the whole image. For a quad sized to its content in the world (the room
    // label, fitted to its text): made `pixels` wide there, the content keeps
    // its proportions and is only sharper across. beginFrame() resets it to
    // the image's width.
    void showLeftPart(float pixels);

    // Ends the frame and draws it into the panel image, leaving the image in
    // SHADER_READ_ONLY_OPTIMAL, its writes visible to fragment shaders later in
    // `cmd` and in later submissions on the same queue. A frame that looks
    // exactly like the last one drawn is not drawn again (the image keeps it;
    // on lavapipe a 1024x640 redraw costs about 8 ms, a skipped one nothing).
    // A redraw waits for earlier submissions' fragment shaders to finish with
    // the image (one image, no per-frame copies).
    // `frameSlot` < framesInFlight: the caller waits for that slot's previous
    // submission before recording into it. Without an open frame: nothing.
    Status record(VkCommandBuffer cmd, uint32_t frameSlot);

    // sRGB RGBA8, sampled (valid from create(): an empty panel until the first record()).
    VkImageView imageView() const { return m_sampledView.get(); }
    VkImage image() const { return m_image.get(); }  // also TRANSFER_SRC, for screenshots and tests
    VkExtent2D extent() const { return {m_options.widthPixels, m_options.heightPixels}; }
    glm::vec2 sizeMetres() const;  // width x height, the aspect of the pixels

    // The panel placed in the world: it spans -1..1 in x and y of the returned
    // frame, facing +Z, image top-left at (-1,+1); the scale to half the size
    // is included. `yawRadians` turns the face left (counter-clockwise seen
    // from above, 0: facing +Z); `pitchRadians` tilts the face upward.
    static glm::mat4 panelTransform(const glm::vec3& center, float yawRadians, float pitchRadians,
                                    glm::vec2 sizeMetres);

    // Where a ray meets the front of the panel, in panel pixels (top-left
    // origin, 0..width x 0..height), and `distance` along the ray in world
    // units; none if it misses, comes from behind or runs parallel.
    std::optional<glm::vec2> hitPixels(const glm::mat4& worldFromPanel, const glm::vec3& origin,
                                       const glm::vec3& direction, float* distance = nullptr) const;

    // The pointer is over a panel window or widget, or a press began on one
    // (as of the last beginFrame): the select button belongs to the panel.
    bool wantsPointer() const { return m_wantsPointer; }

    // The last record() drew the image (false: it was unchanged, or no frame was open).
    bool drewLastFrame() const { return m_drewLastFrame; }

private:
    WorldPanel(gfx::GpuContext& context, const WorldPanelOptions& options) : m_context(context), m_options(options) {}
    Status init();
    Status createTarget();
    Status createImgui();
    void recordPass(VkCommandBuffer cmd, bool drawImgui);
    bool sameAsLastDrawn();

    gfx::GpuContext& m_context;
    WorldPanelOptions m_options;
    gfx::GpuImage m_image;                // sRGB, mutable format
    gfx::UniqueImageView m_sampledView;   // sRGB: samplers decode to linear
    gfx::UniqueImageView m_drawView;      // UNORM: ImGui's colours are sRGB values, stored as they are
    gfx::UniqueRenderPass m_renderPass;
    gfx::UniqueFramebuffer m_framebuffer;
    gfx::UniqueDescriptorPool m_descriptorPool;
    ImGuiContext* m_imgui = nullptr;
    ImGuiContext* m_previousContext = nullptr;  // current before beginFrame()
    bool m_vulkanBackend = false;
    bool m_frameOpen = false;
    bool m_wantsPointer = false;
    bool m_drewLastFrame = false;
    float m_shownWidth = 0.0f;  // of the layout, stretched across the image (showLeftPart)
    std::vector<uint8_t> m_lastDrawn, m_thisFrame;  // the frames' draw lists, to skip unchanged ones
};

}  // namespace oh::viewer
