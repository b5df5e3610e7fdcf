#include "viewer/desktop/window_overlay.h"

namespace oh::viewer {

Result<std::unique_ptr<UiOverlay>> createWindowOverlay(DesktopPresenter& window) {
    UiOverlayOptions options;
    options.window = window.window();
    options.colorFormat = window.rendererOptions().colorFormat;
    options.layout = window.rendererOptions().finalLayout;
    options.imageCount = window.swapchainImageCount();
    return UiOverlay::create(window.context(), options);
}

}  // namespace oh::viewer
