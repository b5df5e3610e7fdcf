// The desktop tour: the model in a window, walked through with mouse and
// keyboard (walk mode, the dollhouse view, the tour panel). The headset's
// counterpart is xr/xr_tour.h; both take a TourRequest.
#pragma once

#include "viewer/tour/tour_request.h"

namespace oh::viewer {

// What only the desktop tour is asked.
struct DesktopTourOptions {
    // Scripted runs: after frame `resizeAtFrame` (1-based; 0: never) resize
    // the window to resizeWidth x resizeHeight, as a user dragging its border would.
    int resizeAtFrame = 0;
    int resizeWidth = 0;
    int resizeHeight = 0;
};

// Runs the tour in a window until it is closed (or a scripted run ends) and
// returns the process exit code, having printed one error line on failure.
// Returns kExitNoDisplay without printing when no window can be opened, so
// the caller can render previews instead.
int runDesktopTour(const TourRequest& request, const DesktopTourOptions& options);

}  // namespace oh::viewer
