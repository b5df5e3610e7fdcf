// Room names floating over their floors, drawn over the rendered view (the
// desktop's dollhouse): each name centred on where its floor point falls on
// the screen, on a dark plate so it reads over any floor, under the panels.
//
// Not for: labels inside the headset (they would need depth; the headset
// panel says where the customer is).
#pragma once

#include <optional>
#include <span>

#include <glm/glm.hpp>

#include "rooms/rooms.h"

namespace oh::viewer {

// Call between UiOverlay::beginFrame and record. `viewProjection` maps the
// world to Vulkan clip space for the whole window (gfx::perspective ×
// view); a name whose point is behind the camera or off the window is not
// drawn. `current` (the visitor's room) is drawn highlighted.
void drawRoomLabels(std::span<const rooms::TourRoom> rooms, std::optional<uint32_t> current,
                    const glm::mat4& viewProjection);

}  // namespace oh::viewer
