#include "viewer/desktop/window_overlay.h"

#include <imgui.h>
#include <backends/imgui_impl_glfw.h>

namespace oh::viewer {

Result<std::unique_ptr<UiOverlay>> createWindowOverlay(DesktopPresenter& window, std::vector<AtlasImages*> pictures) {
    UiOverlayOptions options;
    GLFWwindow* glfwWindow = window.window();
    // Its input callbacks are chained to the window's, not replacing them.
    options.platform.init = [glfwWindow] { return ImGui_ImplGlfw_InitForVulkan(glfwWindow, true); };
    options.platform.newFrame = [] { ImGui_ImplGlfw_NewFrame(); };
    options.platform.shutdown = [] { ImGui_ImplGlfw_Shutdown(); };
    options.colorFormat = window.rendererOptions().colorFormat;
    options.layout = window.rendererOptions().finalLayout;
    options.imageCount = window.swapchainImageCount();
    options.pictures = std::move(pictures);
    return UiOverlay::create(window.context(), options);
}

}  // namespace oh::viewer
