// The agent's one-line view of the headset along the bottom of the mirror:
// the headset and runtime, what the runtime is doing, and while frames run,
// the frame rate, CPU per frame, the listing shown and where the customer is
// in it. The same line in a tour and in the loading space between tours.
//
// Not for: the mirror's panels (the tour's and the loading space's own).
#pragma once

#include <string>

#include "viewer/xr/xr_presenter.h"

namespace oh::viewer {

// Draws the line as an ImGui window; call between the mirror UiOverlay's
// beginFrame() and record(). `listing`: the listing's name; `where`: where the
// customer is in it ("Kitchen, photo 3", "loading"); `seated`: seated mode is on.
void drawMirrorStatus(const HeadsetStatus& status, const std::string& listing, const std::string& where,
                      bool seated);

}  // namespace oh::viewer
