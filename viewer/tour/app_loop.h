// The app loop: the one place that drives a Presenter, for a window and a
// headset alike. Each iteration: events, the app's update, beginFrame,
// frameBegun and the scene recorded into the frame's target when it should
// render, endFrame.
//
// Not for: anything that knows what kind of presenter it has — input, window
// titles and screenshots' file names belong to the AppDelegate.
#pragma once

#include <cstdint>
#include <span>

#include <glm/glm.hpp>

#include "core/result.h"
#include "renderer/gpu_scene.h"
#include "renderer/renderer.h"
#include "viewer/tour/presenter.h"

namespace oh::viewer {

class AppDelegate {
public:
    virtual ~AppDelegate() = default;
    // Once per iteration, after events and before beginFrame (input, camera).
    // Returns false to end the loop.
    virtual bool update() = 0;
    // World -> the presenter's reference space: the desktop camera's view
    // matrix; in a headset, where the play area stands in the world.
    virtual glm::mat4 referenceFromWorld() const = 0;
    // The frame is about to be recorded: work that needs this frame's own
    // poses (a headset's predicted head and controllers) goes here, as do
    // commands that must precede the scene pass in frame.commandBuffer (an
    // in-headset panel's texture). Only for frames that render.
    virtual Status frameBegun(Frame& frame) { (void)frame; return ok(); }
    // Scene instances not to draw this frame (one entry per instance, nonzero
    // = hidden), or empty for all.
    virtual std::span<const uint8_t> hiddenInstances() const { return {}; }
    // Drawn over the scene in the same pass (teleport arc, controllers, panels, fades).
    virtual gfx::FrameOverlays overlays() const { return {}; }
    // The scene has been recorded into `frame` (what it cost: `stats`);
    // endFrame comes next. Record overlays or ask for a capture here.
    virtual Status frameRecorded(Frame& frame, const gfx::FrameStats& stats) {
        (void)frame, (void)stats;
        return ok();
    }
    // After endFrame of a frame that rendered; frame.captured is set if one was asked for.
    virtual Status frameShown(Frame& frame) { (void)frame; return ok(); }
};

struct LoopStats {
    uint64_t framesRendered = 0;
    uint64_t framesSkipped = 0;  // shouldRender was false
    double seconds = 0.0;        // wall time of the whole loop
};

// Runs until the presenter reports quit or the delegate's update() says stop.
// The renderer must have been created with presenter.rendererOptions(). On
// return (success or error) the GPU is idle, so the caller may free the scene.
Result<LoopStats> runAppLoop(Presenter& presenter, gfx::Renderer& renderer, const gfx::GpuScene& scene,
                             AppDelegate& app, const gfx::LightingSettings& lighting = {});

// The renderer's views for `frame`: each presenter view placed in the world
// by `referenceFromWorld`, with near/far planes around the scene's bounds
// (noted in each frame view's nearZ/farZ).
std::vector<gfx::View> frameViews(Frame& frame, const glm::mat4& referenceFromWorld,
                                  const scene::Aabb& sceneBounds);

}  // namespace oh::viewer
