// The desktop tour: wires a model, the renderer, walk mode, an orbit camera
// and a DesktopPresenter together, then hands them to the presenter-agnostic
// app loop (tour/app_loop.h). The panel lists the tour's rooms (tour/tour_rooms.h),
// says which one the visitor is in and shows the listing card, the photo
// gallery and the 360° views; the dollhouse names the rooms over their floors.
// The listing's pictures (tour/tour_pictures.h): a click on a photo's camera
// marker glides to where it was taken and fades the photo in, a click on a
// panorama's globe (or its hotspots inside) enters it; Esc steps back out.
// Keys: F frames the whole model again, M measures (measure_tool.h), F12
// saves a screenshot. Scripted runs (--frames, --screenshot, --script-resize,
// --print-pose) are what the window tests drive.
#include "viewer/desktop/desktop_tour.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "core/log.h"
#include "navigation/collision_world.h"
#include "navigation/walker.h"
#include "renderer/camera.h"
#include "renderer/renderer.h"
#include "viewer/desktop/desktop_presenter.h"
#include "viewer/desktop/input_script.h"
#include "viewer/desktop/measure_tool.h"
#include "viewer/desktop/orbit_camera.h"
#include "viewer/desktop/walk_mode.h"
#include "viewer/desktop/window_overlay.h"
#include "viewer/tour/app_loop.h"
#include "viewer/tour/default_view.h"
#include "viewer/tour/frame_capture.h"
#include "viewer/tour/tour_assets.h"
#include "viewer/tour/tour_pictures.h"
#include "rooms/rooms.h"
#include "viewer/tour/tour_spots.h"
#include "viewer/tour/validation_exit.h"
#include "viewer/ui/photo_gallery.h"
#include "viewer/ui/plan_minimap.h"
#include "viewer/ui/room_labels.h"
#include "viewer/ui/tour_panel.h"
#include "viewer/ui/ui_overlay.h"

namespace oh::viewer {
namespace {

// "OpenHouse — home-theater": the file's name, not the glTF scene's, which
// exporters mostly leave at a default ("Scene").
std::string windowTitle(const std::filesystem::path& model) {
    return "OpenHouse \xE2\x80\x94 " + displayPath(model.stem());  // U+2014 em dash, UTF-8
}

// Instances under a node whose name mentions "ceiling": hidden in the dollhouse
// view, which looks into the rooms from above.
std::vector<uint8_t> ceilingMask(const scene::Scene& scene) {
    std::vector<uint8_t> mask(scene.instances.size(), 0);
    auto isCeiling = [](std::string name) {
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        return name.find("ceiling") != std::string::npos;
    };
    for (size_t i = 0; i < scene.instances.size(); ++i)
        for (uint32_t node = scene.instances[i].node; node < scene.nodes.size(); node = scene.nodes[node].parent)
            if (isCeiling(scene.nodes[node].name)) mask[i] = 1;
    return mask;
}

// Look: a listing of panoramas alone, turned by dragging where it stands.
enum class ViewMode { Walk, Dollhouse, Look };


// Where a listing without a model stands the eye (hotspots lie around it).
const glm::vec3 kLookEye(0.0f, 1.6f, 0.0f);


// The dollhouse looks down steeply enough to see the floors between the walls.
constexpr float kDollhousePitch = -0.9599311f;  // -55 degrees

// How far (metres) the eye may move from where a photo was opened large before it closes.
constexpr float kPhotoLeftDistance = 0.25f;

class DesktopTour final : public AppDelegate {
public:
    DesktopTour(DesktopPresenter& presenter, UiOverlay& overlay, const TourRequest& request,
                const DesktopTourOptions& options, const TourAssets& tour, TourPictures& pictures,
                const PhotoGallery* gallery, const PlanMinimap* minimap, InputScript script)
        : m_presenter(presenter),
          m_overlay(overlay),
          m_pictures(pictures),
          m_gallery(gallery),
          m_minimap(minimap),
          m_options(options),
          m_tour(tour),
          m_scene(tour.scene),
          m_world(tour.walkable()),
          m_script(std::move(script)),
          m_modelName(tour.title(request.input)),
          m_listing(tour.manifest && tour.manifest->listing ? &*tour.manifest->listing : nullptr),
          m_rooms(rooms::tourRooms(tour.scene, tour.walkable(), tour.rooms(), m_params)),
          m_camera(tour.scene.bounds, presenter.verticalFovRadians(), aspect()),
          m_ceilings(ceilingMask(tour.scene)),
          m_ceilingsExist(std::find(m_ceilings.begin(), m_ceilings.end(), 1) != m_ceilings.end()),
          m_showPanel(request.showPanel),
          m_capture(request, "openhouse-screenshot") {
        startTour();
    }

    bool update() override {
        if (m_capture.runOver()) return false;
        m_updateStart = std::chrono::steady_clock::now();
        float dt = frameSeconds();
        DesktopInput input = m_presenter.input();
        m_script.apply(m_capture.framesShown(), input);
        TourVisit& visit = m_pictures.visit();

        if (input.pressed(GLFW_KEY_F1)) m_showPanel = !m_showPanel;
        if (input.pressed(GLFW_KEY_F12)) m_capture.requestScreenshot();
        if (!m_overlay.capturesKeyboard()) {
            if (input.pressed(GLFW_KEY_ESCAPE)) stepBack();
            if (input.pressed(GLFW_KEY_TAB) && m_walk && m_pictures.modelVisible()) {
                if (m_mode == ViewMode::Walk) enterDollhouse();
                else m_mode = ViewMode::Walk;
            }
            if (input.pressed(GLFW_KEY_F) && m_mode != ViewMode::Look) enterDollhouse();
            if (input.pressed(GLFW_KEY_N)) stepRoom(+1);
            if (input.pressed(GLFW_KEY_P)) stepRoom(-1);
        }
        bool mouseFree = !m_overlay.capturesMouse();
        // The tape measure takes its keys and, while measuring, the click (measure_tool.h).
        if (m_mode == ViewMode::Walk && m_pictures.modelVisible())
            m_measure.update(input, viewpoint().eye, [this](glm::vec2 pixel) { return rayThrough(pixel); },
                             !m_overlay.capturesKeyboard(), mouseFree);
        // A click on a marker or hotspot goes there; elsewhere it does what the mode does.
        std::optional<VisitTarget> clicked;
        if (mouseFree && input.click) clicked = m_pictures.pick(viewpoint().eye, rayThrough(*input.click), viewpoint().eye);
        if (clicked) {
            m_pictures.closePhoto();
            visit.choose(*clicked);
        }
        if (m_mode == ViewMode::Walk) {
            WalkInput walk;
            if (!m_overlay.capturesKeyboard()) {
                auto axis = [&](int plus, int plusAlt, int minus, int minusAlt) {
                    return float(input.held(plus) || input.held(plusAlt)) - float(input.held(minus) || input.held(minusAlt));
                };
                walk.move = {axis(GLFW_KEY_D, GLFW_KEY_D, GLFW_KEY_A, GLFW_KEY_A),
                             axis(GLFW_KEY_W, GLFW_KEY_UP, GLFW_KEY_S, GLFW_KEY_DOWN)};
                walk.turn = axis(GLFW_KEY_LEFT, GLFW_KEY_Q, GLFW_KEY_RIGHT, GLFW_KEY_E);
                walk.fast = input.held(GLFW_KEY_LEFT_SHIFT) || input.held(GLFW_KEY_RIGHT_SHIFT);
            }
            // Inside a panorama the eye only turns: walking would tear the picture from the place.
            if (!m_pictures.modelVisible()) walk.move = glm::vec2(0.0f);
            // Walking away from a photo (or its glide) lets it go.
            if (walk.move != glm::vec2(0.0f) && (visit.photo() || visit.awaitingArrival())) visit.leavePhoto();
            if (mouseFree) {
                walk.lookDrag = input.leftDrag;
                if (input.click && !clicked && m_pictures.modelVisible())
                    m_walk->glideAlong(m_walk->viewpoint().eye, rayThrough(*input.click));
            }
            m_walk->update(dt, walk);
            if (visit.awaitingArrival() && !m_walk->gliding()) visit.arrived();
        } else if (m_mode == ViewMode::Look) {
            if (mouseFree) {
                m_lookYaw += input.leftDrag.x * WalkMode::kRadiansPerPixel;
                m_lookPitch = std::clamp(m_lookPitch + input.leftDrag.y * WalkMode::kRadiansPerPixel, -1.3f, 1.3f);
            }
        } else if (mouseFree) {
            m_camera.rotate(input.leftDrag);
            m_camera.pan(input.rightDrag + input.middleDrag, float(m_presenter.framebufferSize().height));
            m_camera.zoom(input.scroll);
            if (input.click && !clicked) dropIntoRoom(*input.click);
        }

        gfx::Viewpoint view = viewpoint();
        // The panels draw a photo opened large over the walls, where it was
        // opened: once the visitor has moved away (walked, glided, jumped to
        // a room, looked from the dollhouse) it closes rather than show
        // through the walls of the room they left.
        if (m_pictures.openPhotoIndex() && glm::distance(view.eye, m_photoOpenedFrom) > kPhotoLeftDistance)
            m_pictures.closePhoto();
        m_hovered.reset();
        if (mouseFree) m_hovered = m_pictures.pick(view.eye, rayThrough(input.cursor), view.eye);
        Status updated = m_capture.lastScriptedFrame() ? m_pictures.settle() : ok();
        if (updated) updated = m_pictures.update(dt, view.eye, m_hovered);
        if (!updated) {
            OH_LOG_ERROR("%s", updated.error().message.c_str());
            return false;
        }
        if (auto relocation = m_pictures.takeRelocation()) relocate(*relocation);
        m_shapes.clear();
        // A photo shown large covers the view: no marker between it and the eyes.
        if (!m_pictures.openPhotoIndex()) m_pictures.addShapes(m_shapes);
        m_quads.clear();
        m_pictures.appendQuads(m_quads);

        // Where the walker stands; the dollhouse keeps the room it was entered from.
        if (m_walk) m_currentRoom = m_rooms.roomAt(m_walk->walker().feet);
        // A scripted pointer (window tests) drives the panel too, once the script has moved it.
        std::optional<UiPointer> scriptedPointer;
        if (m_script.pointerAt(m_capture.framesShown()))
            scriptedPointer = UiPointer{input.cursor, input.click.has_value(), input.scroll};
        m_overlay.beginFrame(scriptedPointer ? &*scriptedPointer : nullptr);
        if (m_mode == ViewMode::Dollhouse) drawRoomLabels(m_rooms.rooms(), m_currentRoom, viewProjection());
        if (m_mode == ViewMode::Walk && m_pictures.modelVisible())
            m_measure.draw(*ImGui::GetBackgroundDrawList(), viewProjection(), viewpoint().eye,
                           glm::vec2(ImGui::GetIO().DisplaySize.x, ImGui::GetIO().DisplaySize.y));
        if (m_showPanel) {
            const char* help = m_mode == ViewMode::Look
                                   ? "drag: look around  click a ring: go there\nF1: panel  F12: screenshot"
                               : m_mode == ViewMode::Walk
                                   ? "W A S D: walk (Shift: faster)  Q E: turn\ndrag: look  click the floor: go there\n"
                                     "click a camera or a globe: its photo or 360\xC2\xB0 view  Esc: back\n"
                                     "N / P: next / previous room  Tab: dollhouse  M: measure\n"
                                     "F1: panel  F12: screenshot"
                                   : "drag: orbit  right-drag: pan  wheel: zoom\nclick a floor: walk from there  "
                                     "F: frame all\nN / P: next / previous room  Tab: walk\nF1: panel  F12: screenshot";
            TourPanelContent panel{m_modelName, &m_scene, m_rooms.rooms(), m_currentRoom, m_listing, m_timing, help};
            panel.gallery = m_gallery;
            panel.openPhoto = m_pictures.openPhotoIndex();
            panel.panoramas = m_pictures.panoramaNames();
            panel.currentPanorama = visit.panorama();
            panel.canLeavePanorama = visit.hasModel();
            if (m_walk && visit.hasModel()) {
                panel.minimap = m_minimap;
                panel.visitorFeet = m_walk->walker().feet;
                panel.visitorYawRadians = viewpoint().yawRadians;
            }
            TourPanelChoice choice = drawTourPanel(panel);
            if (choice.floorPoint) goToFloorPoint(*choice.floorPoint);
            if (choice.place) jumpTo(*choice.place);
            if (choice.photo) {
                m_pictures.openPhoto(*choice.photo, viewpoint().viewMatrix());
                m_photoOpenedFrom = viewpoint().eye;
            }
            if (choice.closePhoto) m_pictures.closePhoto();
            if (choice.panorama) visit.choose({VisitTarget::Kind::Panorama, *choice.panorama});
            if (choice.leavePanorama) visit.choose({VisitTarget::Kind::Model, 0});
        }
        return true;
    }

    gfx::FrameOverlays overlays() const override {
        gfx::FrameOverlays overlays;
        overlays.panorama = m_pictures.backdrop();
        overlays.geometry = &m_shapes;
        overlays.quads = m_quads;
        overlays.effects.fade = m_pictures.screenFade();
        return overlays;
    }

    glm::mat4 referenceFromWorld() const override { return viewpoint().viewMatrix(); }

    std::span<const uint8_t> hiddenInstances() const override {
        return m_mode == ViewMode::Dollhouse ? std::span<const uint8_t>(m_ceilings) : std::span<const uint8_t>();
    }

    Status frameRecorded(Frame& frame, const gfx::FrameStats& stats) override {
        OH_TRY(m_overlay.record(frame.commandBuffer, frame.target.colorView, frame.target.extent, frame.target.usage));
        frame.captureRequested = m_capture.wantsCapture();
        // Smoothed so the panel's numbers can be read.
        auto now = std::chrono::steady_clock::now();
        double cpu = std::chrono::duration<double, std::milli>(now - m_updateStart).count();
        double frameTime = m_lastFrame ? std::chrono::duration<double, std::milli>(now - *m_lastFrame).count() : 0.0;
        m_timing.cpuMilliseconds += (cpu - m_timing.cpuMilliseconds) * 0.1;
        m_timing.frameMilliseconds += (frameTime - m_timing.frameMilliseconds) * 0.1;
        m_timing.stats = stats;
        m_lastFrame = now;
        return ok();
    }

    Status frameShown(Frame& frame) override {
        OH_TRY(m_capture.frameShown(frame));
        if (m_options.resizeAtFrame > 0 && m_capture.framesShown() == uint64_t(m_options.resizeAtFrame))
            m_presenter.setWindowSize(m_options.resizeWidth, m_options.resizeHeight);
        return ok();
    }

    // "walk 1.2000 1.6000 -2.0000 yaw 0.000 pitch 0.000": the eye and its direction in degrees.
    std::string poseLine() const {
        gfx::Viewpoint view = viewpoint();
        char line[160];
        std::snprintf(line, sizeof line, "%s %.4f %.4f %.4f yaw %.3f pitch %.3f",
                      m_mode == ViewMode::Walk ? "walk" : m_mode == ViewMode::Look ? "look" : "dollhouse", view.eye.x,
                      view.eye.y, view.eye.z,
                      glm::degrees(view.yawRadians), glm::degrees(view.pitchRadians));
        return line;
    }

    // "room Kitchen": the room the visitor is in, as the panel says ("room -": none).
    std::string roomLine() const {
        return "room " + (m_currentRoom ? m_rooms.rooms()[*m_currentRoom].name : std::string("-"));
    }

    // "picture photo 3": what the visitor looks at (TourPictures::pictureLine).
    std::string pictureShown() const { return m_pictures.pictureLine(); }

private:
    // The file's first camera if it has one (walking from the floor under it
    // when there is one), else a standing spot inside; with neither, the
    // dollhouse view of the whole model.
    void startTour() {
        m_mode = ViewMode::Dollhouse;
        if (!m_pictures.visit().hasModel() && m_pictures.visit().panorama()) {
            m_mode = ViewMode::Look;  // panoramas alone: inside the first
            return;
        }
        if (!m_world) return;
        std::string why;
        const nav::StartSpot* packedStart = m_tour.packedStart ? &*m_tour.packedStart : nullptr;
        if (auto start = tourStart(m_scene, *m_world, m_params, &why, packedStart)) {
            m_walk.emplace(*m_world, m_params, start->walker, start->yawRadians, start->pitchRadians);
            m_mode = ViewMode::Walk;
        } else if (!m_scene.cameras.empty()) {
            m_camera.lookFrom(cameraViewpoint(m_scene.cameras.front()),
                              std::max(glm::length(m_scene.bounds.size()) * 0.25f, 0.1f));
        } else {
            OH_LOG_INFO("no place to stand inside (%s): showing the model from outside", why.c_str());
        }
    }

    gfx::Viewpoint viewpoint() const {
        switch (m_mode) {
        case ViewMode::Walk: return m_walk->viewpoint();
        case ViewMode::Look: return gfx::Viewpoint{kLookEye, m_lookYaw, m_lookPitch};
        case ViewMode::Dollhouse: break;
        }
        return m_camera.viewpoint();
    }

    // Esc: the photo shown large, else the photo at its pose, else the panorama.
    void stepBack() {
        TourVisit& visit = m_pictures.visit();
        if (m_pictures.openPhotoIndex()) m_pictures.closePhoto();
        else if (visit.photo() || visit.awaitingArrival()) visit.leavePhoto();
        else if (visit.panorama()) visit.choose({VisitTarget::Kind::Model, 0});
    }

    // Moves the visitor where the pictures ask: at once while a panorama
    // hides the model (or from the dollhouse), else gliding there.
    void relocate(const Relocation& relocation) {
        std::optional<nav::WalkerState> standing = m_pictures.standingFor(relocation, m_params);
        if (!standing) return;
        TourVisit& visit = m_pictures.visit();
        gfx::Viewpoint view = viewpoint();
        float yaw = relocation.yawRadians.value_or(view.yawRadians);
        float pitch = relocation.pitchRadians.value_or(view.pitchRadians);
        if (relocation.hidden || !m_walk || m_mode != ViewMode::Walk) {
            if (m_walk) m_walk->placeAt(*standing, yaw, pitch);
            else m_walk.emplace(*m_world, m_params, *standing, yaw, pitch);
            m_mode = ViewMode::Walk;
            if (visit.awaitingArrival()) visit.arrived();
        } else {
            m_walk->glideTo(*standing, yaw, pitch);
        }
    }

    // The whole model from above, ceilings hidden, the camera turned as the walker was.
    void enterDollhouse() {
        m_mode = ViewMode::Dollhouse;
        m_camera.frameAll(aspect(), m_ceilingsExist ? kDollhousePitch : gfx::kDefaultFramingPitch);
    }

    glm::mat4 viewProjection() const {
        gfx::Viewpoint view = viewpoint();
        glm::vec2 depth = gfx::depthRangeFor(m_scene.bounds, view.eye);
        return gfx::perspective(m_presenter.verticalFovRadians(), aspect(), depth.x, depth.y) * view.viewMatrix();
    }

    glm::vec3 rayThrough(glm::vec2 pixel) const {
        VkExtent2D size = m_presenter.framebufferSize();
        return gfx::pixelRay(viewpoint(), pixel, glm::vec2(float(size.width), float(size.height)),
                             m_presenter.verticalFovRadians());
    }

    // Dollhouse click: walk from the floor spot clicked, looking the same way.
    void dropIntoRoom(glm::vec2 pixel) {
        if (!m_world) return;
        nav::RayQuery ray{viewpoint().eye, rayThrough(pixel)};
        // Ceilings are hidden here: look through them as the eye does.
        std::optional<nav::RayHit> hit = nav::raycast(*m_world, ray);
        for (int layer = 0; hit && m_ceilings[hit->instance] && layer < 8; ++layer) {
            ray.origin = hit->point + glm::normalize(ray.direction) * 1e-3f;
            hit = nav::raycast(*m_world, ray);
        }
        if (!hit || !nav::walkable(hit->normal, m_params.maxSlopeDegrees)) return;
        auto standing = nav::standOn(*m_world, m_params, hit->point + glm::vec3(0.0f, 0.5f, 0.0f), 1.0f);
        if (!standing) return;
        float yaw = m_camera.viewpoint().yawRadians;
        if (m_walk) m_walk->placeAt(*standing, yaw);
        else m_walk.emplace(*m_world, m_params, *standing, yaw);
        m_mode = ViewMode::Walk;
    }

    // A point of the floor plan: stand there (or as near as the walker
    // fits: the plan's point may be in a sofa), facing into the room.
    void goToFloorPoint(const glm::vec3& point) {
        if (!m_world) return;
        auto arrival = arrivalAtPlanPoint(*m_world, m_params, point);
        if (!arrival) {
            OH_LOG_INFO("that point of the plan has no floor to stand on");
            return;
        }
        m_pictures.visit().leavePhoto();
        if (m_walk) m_walk->placeAt(arrival->walker, arrival->yawRadians);
        else m_walk.emplace(*m_world, m_params, arrival->walker, arrival->yawRadians);
        m_mode = ViewMode::Walk;
    }

    // N / P: the room after (before) the one the visitor is in.
    void stepRoom(int direction) {
        if (m_rooms.empty()) return;
        int count = int(m_rooms.rooms().size());
        int from = m_currentRoom ? int(*m_currentRoom) : (direction > 0 ? -1 : 0);
        jumpTo(TourPlace{TourPlace::Kind::Room, uint32_t((from + count + direction) % count)});
    }

    void jumpTo(const TourPlace& jump) {
        // A room is a place in the model: out of a panorama, away from a photo.
        m_pictures.visit().choose({VisitTarget::Kind::Model, 0});
        m_pictures.visit().leavePhoto();
        float yaw = m_walk ? m_walk->viewpoint().yawRadians : m_camera.viewpoint().yawRadians;
        if (m_world) {
            if (auto spot = spotForPlace(m_scene, *m_world, m_params, jump, yaw, m_rooms.rooms())) {
                if (m_walk) m_walk->placeAt(spot->walker, spot->yawRadians);
                else m_walk.emplace(*m_world, m_params, spot->walker, spot->yawRadians, spot->pitchRadians);
                m_mode = ViewMode::Walk;
                return;
            }
        }
        m_mode = ViewMode::Dollhouse;
        if (jump.kind == TourPlace::Kind::Camera)
            m_camera.lookFrom(cameraViewpoint(m_scene.cameras[jump.index]),
                              std::max(glm::length(m_scene.bounds.size()) * 0.25f, 0.1f));
    }

    // Scripted runs advance exactly 1/60 s per frame, so they repeat exactly.
    float frameSeconds() {
        auto now = std::chrono::steady_clock::now();
        float seconds = m_lastUpdate ? std::chrono::duration<float>(now - *m_lastUpdate).count() : 0.0f;
        m_lastUpdate = now;
        return m_script.empty() ? seconds : 1.0f / 60.0f;
    }

    float aspect() const {
        VkExtent2D size = m_presenter.framebufferSize();
        return size.height > 0 ? float(size.width) / float(size.height) : 1.0f;
    }

    DesktopPresenter& m_presenter;
    UiOverlay& m_overlay;
    TourPictures& m_pictures;
    const PhotoGallery* m_gallery;  // null: no photos
    const PlanMinimap* m_minimap;   // null: no floor plan
    std::optional<VisitTarget> m_hovered;
    gfx::OverlayGeometry m_shapes;           // markers and hotspots this frame
    std::vector<gfx::OverlayQuad> m_quads;   // photos this frame
    glm::vec3 m_photoOpenedFrom{0.0f};       // the eye when the photo shown large was opened
    float m_lookYaw = 0.0f, m_lookPitch = 0.0f;  // ViewMode::Look
    const DesktopTourOptions& m_options;
    const TourAssets& m_tour;
    const scene::Scene& m_scene;
    const nav::CollisionWorld* m_world;  // null: nothing to collide with, dollhouse only
    InputScript m_script;
    std::string m_modelName;
    const listing::Listing* m_listing;  // null: a bare model, no card
    nav::WalkerParams m_params;
    rooms::TourRooms m_rooms;
    std::optional<uint32_t> m_currentRoom;  // into m_rooms
    OrbitCamera m_camera;
    std::optional<WalkMode> m_walk;
    MeasureTool m_measure{m_world};  // the tape measure, used while walking
    ViewMode m_mode = ViewMode::Dollhouse;
    std::vector<uint8_t> m_ceilings;  // per instance: hidden in the dollhouse view
    bool m_ceilingsExist = false;     // a model without ceilings keeps the usual framing
    std::optional<std::chrono::steady_clock::time_point> m_lastUpdate;
    bool m_showPanel = true;
    FrameTiming m_timing;
    std::chrono::steady_clock::time_point m_updateStart;
    std::optional<std::chrono::steady_clock::time_point> m_lastFrame;
    FrameCapture m_capture;
};

// Everything drawn with the presenter's GPU context lives in here, so it is
// all gone (and any validation message its destruction causes counted)
// before the caller checks the validation count.
int showTour(DesktopPresenter& presenter, const TourRequest& request, const DesktopTourOptions& options) {
    gfx::GpuContext& context = presenter.context();
    auto tour = loadTour(context, request, presenter.rendererOptions());
    if (!tour) return reportFailure(tour.error());
    std::optional<PhotoGallery> gallery;
    if ((*tour)->bundle && (*tour)->manifest) {
        auto loaded = PhotoGallery::load(*(*tour)->bundle, *(*tour)->manifest);
        if (!loaded) return reportFailure(loaded.error());
        gallery = std::move(loaded.value());
    }
    const rooms::TourRooms tourRooms = rooms::tourRooms((*tour)->scene, (*tour)->walkable(), (*tour)->rooms(), {});
    auto plan = loadTourPlan(**tour, tourRooms.rooms());
    if (!plan) return reportFailure(plan.error());
    std::optional<PlanMinimap> minimap;
    if (*plan) minimap.emplace(std::move(**plan));
    std::vector<AtlasImages*> atlasPictures;
    if (gallery) atlasPictures.push_back(&gallery->thumbnails());
    if (minimap) atlasPictures.push_back(&minimap->picture());
    auto overlay = createWindowOverlay(presenter, atlasPictures);
    if (!overlay) return reportFailure(overlay.error());
    TourPictures pictures(context, **tour, MediaOptions{.framesInFlight = DesktopPresenter::kFramesInFlight});

    auto script = InputScript::parse(request.inputScript);
    if (!script) return reportFailure(script.error());

    presenter.show();
    DesktopTour app(presenter, **overlay, request, options, **tour, pictures, gallery ? &*gallery : nullptr,
                    minimap ? &*minimap : nullptr, std::move(script.value()));
    auto stats = runAppLoop(presenter, *(*tour)->renderer, (*tour)->gpuScene, app);  // returns with the GPU idle
    if (!stats) return reportFailure(stats.error());
    if (request.printPose)
        std::printf("%s\n%s\n%s\n", app.poseLine().c_str(), app.roomLine().c_str(), app.pictureShown().c_str());
    if (stats->framesRendered > 0) {
        VkExtent2D size = presenter.framebufferSize();
        OH_LOG_INFO("%llu frames in %.2f s (%.1f ms per frame at %ux%u)",
                    static_cast<unsigned long long>(stats->framesRendered), stats->seconds,
                    1000.0 * stats->seconds / double(stats->framesRendered), size.width, size.height);
    }
    return kExitOk;
}

}  // namespace

int runDesktopTour(const TourRequest& request, const DesktopTourOptions& tourOptions) {
    if (request.windowWidth <= 0 || request.windowHeight <= 0)
        return reportFailure(makeError("the window size must be positive"));

    // The window comes first: with no display we return before the slow
    // import, which the caller's preview fallback would only repeat.
    DesktopOptions options;
    options.title = windowTitle(request.input);
    options.width = request.windowWidth;
    options.height = request.windowHeight;
    options.verticalFovRadians = kDefaultFovRadians;
    auto presenter = DesktopPresenter::create(options);
    if (!presenter) {
        if (presenter.error().exitCode != kExitNoDisplay) return reportFailure(presenter.error());
        OH_LOG_DEBUG("%s", presenter.error().message.c_str());
        return kExitNoDisplay;
    }
    int result = showTour(**presenter, request, tourOptions);
    if (result != kExitOk) return result;
    return validationExitCode((*presenter)->context());
}

}  // namespace oh::viewer
