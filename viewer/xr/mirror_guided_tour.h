// The mirror's "Guided tour" window: the stops (tour/guided_tour.h), the
// current one highlighted and a click going there, Previous / Next,
// Autoplay with the time left at this stop, and autoplay's pause with
// Resume. The agent's controls; the headset tour moves the customer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "rooms/rooms.h"
#include "viewer/tour/guided_tour.h"

namespace oh::viewer {

// Draws the window (between the mirror UiOverlay's beginFrame() and
// record()), stepping `tour` as the agent asks; returns the stop to move
// the customer to, if any.
std::optional<uint32_t> drawGuidedTour(GuidedTour& tour, std::span<const rooms::TourRoom> stops);

}  // namespace oh::viewer
