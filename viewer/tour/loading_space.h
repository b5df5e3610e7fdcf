// LoadingSpace: what surrounds the visitor while the next tour loads — a
// soft gradient all around (light above, a warm horizon, darker below; a
// small generated cube drawn as the PanoramaBackdrop, so head motion only
// turns it, as in a panorama) and rings on the floor under their feet, so
// they feel grounded with nothing else in sight. Calm by design: nothing in
// it moves, flickers or asks to be looked at.
//
// Not for: the words in front of the visitor (the presenter's panel says
// what is loading), the fades into and out of it (gfx::ScreenEffects), the
// loading itself (tour_switch.h).
#pragma once

#include <glm/glm.hpp>

#include "core/result.h"
#include "renderer/gpu_texture.h"
#include "renderer/overlay.h"
#include "renderer/vk_context.h"

namespace oh::viewer {

class LoadingSpace {
public:
    // Uploads the gradient cube (6 faces of 32x32 RGBA8: 24 KiB, one small
    // submission waited for). Errors: the GPU's.
    static Result<LoadingSpace> create(gfx::GpuContext& context);

    LoadingSpace(LoadingSpace&&) = default;
    LoadingSpace& operator=(LoadingSpace&&) = default;

    // The surround, as the frame's PanoramaBackdrop (fully opaque: it hides
    // whatever the frame's scene still draws).
    gfx::PanoramaBackdrop backdrop() const { return {m_cube.view(), 0.0f, 1.0f}; }
    // The light a switch fades the view to and from (linear): the space's
    // horizon, so a tour dissolves into the space and out of it, never dark.
    static glm::vec3 fadeColour();
    // The rings on the floor, centred on `feet` (a point on the floor, in the
    // world), facing up.
    static void addFloor(gfx::OverlayGeometry& geometry, const glm::vec3& feet);

private:
    LoadingSpace() = default;
    gfx::GpuTexture m_cube;
};

}  // namespace oh::viewer
