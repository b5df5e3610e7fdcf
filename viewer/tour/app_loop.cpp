#include "viewer/tour/app_loop.h"

#include <chrono>

#include "renderer/camera.h"

namespace oh::viewer {

std::vector<gfx::View> frameViews(Frame& frame, const glm::mat4& referenceFromWorld,
                                  const scene::Aabb& sceneBounds) {
    std::vector<gfx::View> views;
    views.reserve(frame.views.size());
    for (FrameView& view : frame.views) {
        glm::mat4 eyeFromWorld = view.eyeFromReference * referenceFromWorld;
        glm::vec3 eye = glm::vec3(glm::inverse(eyeFromWorld)[3]);
        glm::vec2 range = gfx::depthRangeFor(sceneBounds, eye);
        view.nearZ = range.x;
        view.farZ = range.y;
        views.push_back({eyeFromWorld, gfx::perspectiveFromAngles(view.angleLeft, view.angleRight, view.angleUp,
                                                                  view.angleDown, range.x, range.y)});
    }
    return views;
}

Result<LoopStats> runAppLoop(Presenter& presenter, gfx::Renderer& renderer, const gfx::GpuScene& scene,
                             AppDelegate& app, const gfx::LightingSettings& lighting) {
    LoopStats stats;
    auto start = std::chrono::steady_clock::now();
    // Whatever ends the loop, frames still in flight use the scene: wait for them.
    struct IdleOnExit {
        Presenter& presenter;
        ~IdleOnExit() { presenter.waitIdle(); }
    } idleOnExit{presenter};

    while (presenter.pollEvents() && app.update()) {
        auto begun = presenter.beginFrame();
        if (!begun) return begun.error();
        Frame& frame = begun.value();
        Status recorded = ok();
        if (frame.shouldRender) recorded = app.frameBegun(frame);
        if (frame.shouldRender && recorded) {
            std::vector<gfx::View> views = frameViews(frame, app.referenceFromWorld(), scene.bounds());
            gfx::FrameRequest request{.slot = frame.slot,
                                      .target = frame.target,
                                      .views = views,
                                      .lighting = lighting,
                                      .hiddenInstances = app.hiddenInstances(),
                                      .overlays = app.overlays()};
            auto drawn = renderer.record(frame.commandBuffer, scene, request);
            recorded = drawn ? app.frameRecorded(frame, drawn.value()) : Status(drawn.error());
        }
        // OpenXR 1.0 §10.5 pairs every xrBeginFrame with xrEndFrame; the desktop follows the same rule.
        Status ended = presenter.endFrame(frame);
        if (!recorded) return recorded.error();
        if (!ended) return ended.error();
        if (frame.shouldRender) {
            ++stats.framesRendered;
            OH_TRY(app.frameShown(frame));
        } else {
            ++stats.framesSkipped;
        }
    }
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return stats;
}

}  // namespace oh::viewer
