#include "viewer/desktop/window_overlay.h"

namespace oh::viewer {

Result<std::unique_ptr<UiOverlay>> createWindowOverlay(DesktopPresenter& window, PhotoGallery* gallery) {
    UiOverlayOptions options;
    options.window = window.window();
    options.colorFormat = window.rendererOptions().colorFormat;
    options.layout = window.rendererOptions().finalLayout;
    options.imageCount = window.swapchainImageCount();
    options.gallery = gallery;
    return UiOverlay::create(window.context(), options);
}

}  // namespace oh::viewer
