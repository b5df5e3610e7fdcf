// The presenter-agnostic app loop's view maths (no GPU): what a presenter's
// frame views become once the app places them in the world.
#include <doctest/doctest.h>

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "renderer/camera.h"
#include "viewer/tour/app_loop.h"
#include "viewer/tour/default_view.h"

namespace oh::viewer {
namespace {

bool near(const glm::mat4& a, const glm::mat4& b, float tolerance = 1e-4f) {
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r)
            if (std::abs(a[c][r] - b[c][r]) > tolerance * std::max(1.0f, std::abs(b[c][r]))) return false;
    return true;
}

scene::Aabb box() {
    scene::Aabb bounds;
    bounds.extend(glm::vec3(-1.0f));
    bounds.extend(glm::vec3(2.0f, 1.0f, 1.0f));
    return bounds;
}

}  // namespace

TEST_CASE("a desktop frame view gives the same view and projection as openhouse render") {
    float aspect = 1280.0f / 800.0f;
    float halfY = kDefaultFovRadians * 0.5f;
    float halfX = std::atan(std::tan(halfY) * aspect);
    Frame frame;
    frame.views = {FrameView{glm::mat4(1.0f), -halfX, halfX, halfY, -halfY}};
    gfx::Viewpoint viewpoint = gfx::frameBounds(box(), kDefaultFovRadians, aspect);

    std::vector<gfx::View> views = frameViews(frame, viewpoint.viewMatrix(), box());
    REQUIRE(views.size() == 1);
    glm::vec2 range = gfx::depthRangeFor(box(), viewpoint.eye);
    CHECK(near(views[0].view, viewpoint.viewMatrix()));
    CHECK(near(views[0].projection, gfx::perspective(kDefaultFovRadians, aspect, range.x, range.y)));
    // Noted for presenters that submit depth.
    CHECK(frame.views[0].nearZ == doctest::Approx(range.x));
    CHECK(frame.views[0].farZ == doctest::Approx(range.y));
}

TEST_CASE("each headset eye is placed by its own pose on top of the app's reference space") {
    glm::mat4 referenceFromWorld = glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, -1.6f, 0.0f));
    Frame frame;
    FrameView left{glm::translate(glm::mat4(1.0f), glm::vec3(0.032f, 0.0f, 0.0f)), -0.8f, 0.7f, 0.75f, -0.8f};
    FrameView right{glm::translate(glm::mat4(1.0f), glm::vec3(-0.032f, 0.0f, 0.0f)), -0.7f, 0.8f, 0.75f, -0.8f};
    frame.views = {left, right};
    std::vector<gfx::View> views = frameViews(frame, referenceFromWorld, box());
    REQUIRE(views.size() == 2);
    CHECK(near(views[0].view, left.eyeFromReference * referenceFromWorld));
    CHECK(near(views[1].view, right.eyeFromReference * referenceFromWorld));
    // Asymmetric frusta survive: the left eye sees further left than right.
    CHECK(views[0].projection[2][0] != doctest::Approx(0.0f));
    CHECK(views[0].projection[2][0] == doctest::Approx(-views[1].projection[2][0]));
}

}  // namespace oh::viewer
