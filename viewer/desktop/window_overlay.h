// The Dear ImGui overlay of a desktop window, made to fit its swapchain: the
// desktop tour's panel, and the agent's panels on the headset's mirror.
#pragma once

#include <memory>

#include "core/result.h"
#include "viewer/desktop/desktop_presenter.h"
#include "viewer/ui/ui_overlay.h"

namespace oh::viewer {

// Errors: the ImGui Vulkan backend cannot start (kExitNoDevice).
// `gallery`: photo thumbnails for the panel (may be null; must outlive the overlay).
Result<std::unique_ptr<UiOverlay>> createWindowOverlay(DesktopPresenter& window,
                                                       std::vector<AtlasImages*> pictures = {});

}  // namespace oh::viewer
