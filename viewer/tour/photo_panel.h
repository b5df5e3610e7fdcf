// Where a listing photo opened large is shown: a world-space panel in front
// of the viewer, facing them, level with their view — the same in the
// headset and on the desktop (an OverlayQuad drawn by the renderer).
//
// Sized for reading in a headset: within 1.2 m x 0.9 m at 1 m, about 62° x
// 48°. Headsets show some 20 pixels per degree, so a 2048-pixel photo gets
// some 1200 headset pixels across: text a sixtieth of the photo's width
// tall (a sign, a label on an appliance) is about 1° — 20 headset pixels —
// tall, comfortably legible, while the panel still leaves the edges of a
// 90-100° field of view free, so it reads as a picture in the room rather
// than a screen strapped to the face.
#pragma once

#include <glm/glm.hpp>

namespace oh::viewer {

constexpr float kPhotoPanelDistance = 1.0f;    // metres in front of the eyes
constexpr float kPhotoPanelMaxWidth = 1.2f;    // metres
constexpr float kPhotoPanelMaxHeight = 0.9f;   // metres

// OverlayQuad::worldFromQuad for a photo of `aspect` (width / height), as
// large as fits kPhotoPanelMaxWidth x kPhotoPanelMaxHeight, centred
// kPhotoPanelDistance along the view direction of `headView` (world -> the
// point between the eyes) and facing it.
glm::mat4 photoPanelTransform(const glm::mat4& headView, float aspect);

}  // namespace oh::viewer
