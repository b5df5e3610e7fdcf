// The listing's pictures inside the tour (viewer/tour/tour_visit.h): going
// into a panorama and out, hotspots between panoramas, a photo at its pose,
// a tour of panoramas alone, and what a ray picks — the state machine both
// the desktop and the headset drive.
#include <doctest/doctest.h>

#include <cmath>

#include <glm/gtc/constants.hpp>

#include "nav_scene_builder.h"
#include "viewer/tour/tour_visit.h"

using namespace oh;
using viewer::TourVisit;
using viewer::VisitTarget;

namespace {

// Three panoramas in a row along +X, 3 m apart, each linking to its
// neighbours (heading 90 is +X); two photos, the first with a pose.
bundle::Manifest manifest(bool inModel) {
    bundle::Manifest m;
    listing::Listing listing;
    listing::Photo posed;
    posed.file = "photos/a.jpg";
    posed.camera = listing::PhotoCamera{{1.0, 1.5, 2.0}, 90.0, -10.0, 60.0};
    listing::Photo loose;
    loose.file = "photos/b.jpg";
    listing.photos = {posed, loose};
    m.listing = listing;
    for (int i = 0; i < 2; ++i) {
        bundle::PhotoParts parts;
        parts.display = {"photos/" + std::to_string(i) + "/display", scene::PixelFormat::Bc7, 2048, 1536, 12};
        m.photos.push_back(parts);
    }
    for (uint32_t i = 0; i < 3; ++i) {
        bundle::PanoramaEntry entry;
        entry.place.position = listing::Position{3.0 * i, 1.6, 0.0};
        entry.place.heading = 90.0;
        entry.place.inModel = inModel;
        if (i > 0) entry.place.links.push_back({i - 1, 270.0, 0.0});
        if (i < 2) entry.place.links.push_back({i + 1, 90.0, 0.0});
        m.panoramas.push_back(entry);
    }
    return m;
}

void advance(TourVisit& visit, float seconds) {
    for (float t = 0.0f; t < seconds; t += 1.0f / 90.0f) visit.update(1.0f / 90.0f);
}

}  // namespace

TEST_CASE("entering a panorama fades it over the model, then moves the visitor unseen") {
    TourVisit visit(manifest(true), true);
    CHECK_FALSE(visit.look().panorama);
    visit.choose({VisitTarget::Kind::Panorama, 1});
    visit.update(TourVisit::kFadeSeconds / 2);
    auto halfway = visit.look();
    REQUIRE(halfway.panorama == 1u);
    CHECK(halfway.panoramaOpacity == doctest::Approx(0.5f));
    CHECK(halfway.modelVisible);
    CHECK_FALSE(visit.takeRelocation());  // not while the model shows

    visit.update(TourVisit::kFadeSeconds);
    auto inside = visit.look();
    CHECK(inside.panoramaOpacity == 1.0f);
    CHECK_FALSE(inside.modelVisible);
    CHECK(inside.panoramaHeadingRadians == doctest::Approx(glm::half_pi<float>()));
    auto relocation = visit.takeRelocation();
    REQUIRE(relocation);
    CHECK(relocation->hidden);
    CHECK(relocation->eye == glm::vec3(3.0f, 1.6f, 0.0f));
    CHECK_FALSE(relocation->yawRadians);  // the visitor keeps facing their way
    CHECK_FALSE(visit.takeRelocation());  // once

    // Back to the model: the panorama fades out where the visitor now stands.
    visit.choose({VisitTarget::Kind::Model, 0});
    advance(visit, TourVisit::kFadeSeconds + 0.05f);
    CHECK_FALSE(visit.look().panorama);
    CHECK(visit.look().modelVisible);
    CHECK_FALSE(visit.takeRelocation());
}

TEST_CASE("a hotspot leads to the next panorama through black, keeping the model's heading") {
    TourVisit visit(manifest(true), true);
    visit.choose({VisitTarget::Kind::Panorama, 1});
    advance(visit, TourVisit::kFadeSeconds + 0.05f);
    visit.takeRelocation();
    glm::vec3 eye(3.0f, 1.6f, 0.0f);

    // Hotspot to panorama 2 lies along +X (heading 90) at kHotspotDistance;
    // to 0 along -X; the way back to the model below the feet.
    CHECK(visit.pick(eye, {1, 0, 0}, eye, nullptr) == VisitTarget{VisitTarget::Kind::Panorama, 2});
    CHECK(visit.pick(eye, {-1, 0, 0}, eye, nullptr) == VisitTarget{VisitTarget::Kind::Panorama, 0});
    CHECK(visit.pick(eye, {0, -1, 0}, eye, nullptr) == VisitTarget{VisitTarget::Kind::Model, 0});
    CHECK_FALSE(visit.pick(eye, {0, 0, -1}, eye, nullptr));
    // 5° off the hotspot still hits it; 15° off does not.
    float off = glm::radians(5.0f);
    CHECK(visit.pick(eye, {std::cos(off), 0, std::sin(off)}, eye, nullptr));
    off = glm::radians(15.0f);
    CHECK_FALSE(visit.pick(eye, {std::cos(off), 0, std::sin(off)}, eye, nullptr));

    gfx::OverlayGeometry shapes;
    visit.addShapes(shapes, eye, std::nullopt);
    CHECK_FALSE(shapes.vertices.empty());

    visit.choose({VisitTarget::Kind::Panorama, 2});
    float darkest = 0.0f;
    bool moved = false;
    for (int frame = 0; frame < 90; ++frame) {
        visit.update(1.0f / 90.0f);
        auto look = visit.look();
        CHECK(look.panoramaOpacity == 1.0f);  // the model never shows in between
        darkest = std::max(darkest, look.screenFade);
        if (auto relocation = visit.takeRelocation()) {
            CHECK(look.screenFade > 0.9f);  // moved while the view is black
            CHECK(relocation->eye == glm::vec3(6.0f, 1.6f, 0.0f));
            CHECK(look.panorama == 2u);
            moved = true;
        }
    }
    CHECK(moved);
    CHECK(darkest > 0.95f);
    CHECK(visit.look().screenFade == 0.0f);
    CHECK(visit.panorama() == 2u);
}

TEST_CASE("a photo: glide to where it was taken, then it fades in filling the view as the camera saw it") {
    TourVisit visit(manifest(true), true);
    visit.choose({VisitTarget::Kind::Photo, 1});  // no pose: nothing to glide to
    CHECK_FALSE(visit.takeRelocation());

    visit.choose({VisitTarget::Kind::Photo, 0});
    auto relocation = visit.takeRelocation();
    REQUIRE(relocation);
    CHECK_FALSE(relocation->hidden);
    CHECK(relocation->eye == glm::vec3(1.0f, 1.5f, 2.0f));
    REQUIRE(relocation->yawRadians);
    CHECK(*relocation->yawRadians == doctest::Approx(-glm::half_pi<float>()));  // heading 90: facing +X
    CHECK(*relocation->pitchRadians == doctest::Approx(glm::radians(-10.0f)));
    advance(visit, 1.0f);
    CHECK_FALSE(visit.look().photo);  // not before arriving

    visit.arrived();
    advance(visit, TourVisit::kFadeSeconds + 0.05f);
    auto look = visit.look();
    REQUIRE(look.photo == 0u);
    CHECK(look.photoOpacity == 1.0f);
    // The quad's centre lies straight ahead of the pose; its half height
    // subtends half the 60° field of view and its width the 4:3 photo.
    glm::vec3 center(look.photoQuad[3]);
    glm::vec3 ahead = glm::normalize(center - relocation->eye);
    CHECK(ahead.x == doctest::Approx(std::cos(glm::radians(-10.0f))).epsilon(1e-4));
    CHECK(ahead.y == doctest::Approx(std::sin(glm::radians(-10.0f))).epsilon(1e-4));
    float distance = glm::length(center - relocation->eye);
    float halfHeight = glm::length(glm::vec3(look.photoQuad[1]));
    float halfWidth = glm::length(glm::vec3(look.photoQuad[0]));
    CHECK(std::atan(halfHeight / distance) == doctest::Approx(glm::radians(30.0f)).epsilon(1e-4));
    CHECK(halfWidth / halfHeight == doctest::Approx(2048.0f / 1536.0f));
    // Its front (+Z) faces back at the eye.
    CHECK(glm::dot(glm::vec3(look.photoQuad[2]), ahead) == doctest::Approx(-1.0f));

    visit.leavePhoto();
    visit.update(TourVisit::kFadeSeconds / 2);
    CHECK(visit.look().photoOpacity == doctest::Approx(0.5f));
    advance(visit, TourVisit::kFadeSeconds);
    CHECK_FALSE(visit.look().photo);
    CHECK_FALSE(visit.photo());
}

TEST_CASE("a listing of panoramas alone starts inside the first and never shows a model") {
    TourVisit visit(manifest(false), false);
    auto look = visit.look();
    REQUIRE(look.panorama == 0u);
    CHECK(look.panoramaOpacity == 1.0f);
    CHECK_FALSE(look.modelVisible);
    visit.choose({VisitTarget::Kind::Model, 0});
    advance(visit, 1.0f);
    CHECK(visit.look().panoramaOpacity == 1.0f);
    glm::vec3 eye(0.0f, 1.6f, 0.0f);
    CHECK_FALSE(visit.pick(eye, {0, -1, 0}, eye, nullptr));  // no way back to a model

    visit.choose({VisitTarget::Kind::Panorama, 1});
    advance(visit, 1.0f);
    CHECK(visit.panorama() == 1u);
    CHECK_FALSE(visit.takeRelocation());  // nowhere in a model to move to
    visit.choose({VisitTarget::Kind::Photo, 0});  // photos open large instead
    CHECK_FALSE(visit.takeRelocation());
}

TEST_CASE("markers in the model are picked by a ray unless a wall stands between") {
    test::SceneBuilder builder;
    builder.box("floor", {-5, -0.1f, -5}, {10, 0, 5});
    // A wall across x = 4.5, between panorama 1 (x = 3) and 2 (x = 6).
    builder.box("wall", {4.4f, 0, -5}, {4.6f, 2.7f, 5});
    nav::CollisionWorld world = test::buildWorld(builder.scene());
    TourVisit visit(manifest(true), true);
    glm::vec3 eye(0.0f, 1.6f, 1.0f);

    auto aimAt = [&](const glm::vec3& target) { return visit.pick(eye, target - eye, eye, &world); };
    CHECK(aimAt({3.0f, 1.6f, 0.0f}) == VisitTarget{VisitTarget::Kind::Panorama, 1});
    CHECK(aimAt({1.0f, 1.5f, 2.0f}) == VisitTarget{VisitTarget::Kind::Photo, 0});
    CHECK_FALSE(aimAt({6.0f, 1.6f, 0.0f}));  // behind the wall
    CHECK(visit.pick(eye, glm::vec3(6.0f, 1.6f, 0.0f) - eye, eye, nullptr));  // seen without walls

    gfx::OverlayGeometry plain, hovered;
    visit.addShapes(plain, eye, std::nullopt);
    visit.addShapes(hovered, eye, VisitTarget{VisitTarget::Kind::Photo, 0});
    CHECK(plain.vertices.size() == hovered.vertices.size());
    bool highlighted = false;
    for (size_t v = 0; v < plain.vertices.size(); ++v) highlighted |= plain.vertices[v].color != hovered.vertices[v].color;
    CHECK(highlighted);

    // Inside a panorama the markers give way to hotspots.
    visit.choose({VisitTarget::Kind::Panorama, 1});
    advance(visit, TourVisit::kFadeSeconds + 0.05f);
    CHECK_FALSE(visit.pick(eye, glm::vec3(1.0f, 1.5f, 2.0f) - eye, eye, &world) ==
                VisitTarget{VisitTarget::Kind::Photo, 0});
}

TEST_CASE("a marker the visitor stands in is neither drawn nor picked; a step away brings it back") {
    TourVisit visit(manifest(true), true);
    // Panorama 1's eye (3, 1.6, 0): a room's spot the visitor was sent to.
    const glm::vec3 globe(3.0f, 1.6f, 0.0f);
    const glm::vec3 ahead(0.0f, 0.0f, -1.0f);
    gfx::OverlayGeometry inside, away;
    visit.addShapes(inside, globe + glm::vec3(0.1f, 0.0f, 0.0f), std::nullopt);
    visit.addShapes(away, globe + glm::vec3(1.5f, 0.0f, 0.0f), std::nullopt);
    CHECK(inside.vertices.size() < away.vertices.size());
    // From inside, a click straight ahead picks nothing of it...
    glm::vec3 eye = globe + glm::vec3(0.0f, 0.0f, 0.1f);
    CHECK_FALSE(visit.pick(eye, ahead, eye, nullptr) == VisitTarget{VisitTarget::Kind::Panorama, 1});
    // ...while from a metre and a half back the same click enters it.
    eye = globe + glm::vec3(0.0f, 0.0f, 1.5f);
    CHECK(visit.pick(eye, ahead, eye, nullptr) == VisitTarget{VisitTarget::Kind::Panorama, 1});
}
