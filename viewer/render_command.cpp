#include "viewer/render_command.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/file_io.h"
#include "core/image.h"
#include "core/log.h"
#include "navigation/collision_world.h"
#include "navigation/start_spot.h"
#include "renderer/camera.h"
#include "renderer/headless.h"
#include "scene/gltf_import.h"
#include "viewer/tour/default_view.h"
#include "viewer/tour/validation_exit.h"

namespace oh::viewer {
namespace {

struct Shot {
    glm::mat4 view;
    glm::mat4 projection;
};

Result<Shot> chooseShot(const RenderRequest& request, const scene::Scene& scene, float aspect) {
    if (!request.cameraName.empty()) {
        for (const scene::Camera& camera : scene.cameras)
            if (camera.name == request.cameraName)
                return Shot{gfx::cameraViewMatrix(camera), gfx::cameraProjection(camera, aspect, scene.bounds)};
        std::string names;
        for (const scene::Camera& camera : scene.cameras) names += (names.empty() ? "" : ", ") + ("'" + camera.name + "'");
        return makeError(displayPath(request.input) + ": no camera named '" + request.cameraName + "'" +
                         (names.empty() ? " (the file has no cameras)" : " (it has " + names + ")"));
    }
    gfx::Viewpoint viewpoint;
    if (request.eye) {
        viewpoint.eye = *request.eye;
        viewpoint.yawRadians = glm::radians(request.yawDegrees);
        viewpoint.pitchRadians = glm::radians(request.pitchDegrees);
    } else {
        viewpoint = gfx::frameBounds(scene.bounds, kDefaultFovRadians, aspect);
    }
    glm::vec2 range = gfx::depthRangeFor(scene.bounds, viewpoint.eye);
    return Shot{viewpoint.viewMatrix(), gfx::perspective(kDefaultFovRadians, aspect, range.x, range.y)};
}

std::vector<gfx::View> viewsFor(const Shot& shot, bool stereo, float ipd) {
    if (!stereo) return {gfx::View{shot.view, shot.projection}};
    auto [left, right] = gfx::stereoEyeViews(shot.view, ipd);
    return {gfx::View{left, shot.projection}, gfx::View{right, shot.projection}};
}

}  // namespace

int runRender(const RenderRequest& request) {
    if (request.width == 0 || request.height == 0 || request.width > 16384 || request.height > 16384)
        return reportFailure(makeError("--size must be between 1x1 and 16384x16384"));
    auto imported = gltf::importFile(request.input);
    if (!imported) return reportFailure(imported.error());
    for (const std::string& warning : imported->warnings) OH_LOG_WARN("%s", warning.c_str());
    const scene::Scene& scene = imported->scene;

    gfx::HeadlessOptions options;
    options.size = {request.width, request.height};
    options.viewCount = request.stereo ? 2 : 1;
    options.msaaSamples = request.msaaSamples;
    options.environmentFile = request.environment;
    auto headless = gfx::HeadlessRenderer::create(options);
    if (!headless) return reportFailure(headless.error());
    auto gpuScene = (*headless)->upload(scene);
    if (!gpuScene) return reportFailure(gpuScene.error());

    auto shot = chooseShot(request, scene, float(request.width) / float(request.height));
    if (!shot) return reportFailure(shot.error());
    std::vector<gfx::View> views = viewsFor(*shot, request.stereo, request.ipd);
    gfx::LightingSettings lighting;
    lighting.exposure = request.exposure;
    auto images = (*headless)->render(*gpuScene, views, lighting);
    if (!images) return reportFailure(images.error());
    RgbaImage output = images->size() == 1 ? std::move(images->front()) : sideBySide(*images);
    if (Status written = writePng(request.output, output); !written) return reportFailure(written.error());
    std::printf("%s\n", displayPath(request.output).c_str());
    return validationExitCode((*headless)->context());
}

int renderPreviews(const std::filesystem::path& input, const std::filesystem::path& folder) {
    auto imported = gltf::importFile(input);
    if (!imported) return reportFailure(imported.error());
    for (const std::string& warning : imported->warnings) OH_LOG_WARN("%s", warning.c_str());
    const scene::Scene& scene = imported->scene;

    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) return reportFailure(makeError(displayPath(folder) + ": cannot create folder: " + ec.message(), kExitIo));

    gfx::HeadlessOptions options;
    options.size = {1280, 720};
    auto headless = gfx::HeadlessRenderer::create(options);
    if (!headless) return reportFailure(headless.error());
    auto gpuScene = (*headless)->upload(scene);
    if (!gpuScene) return reportFailure(gpuScene.error());

    float aspect = 1280.0f / 720.0f;
    std::vector<std::pair<std::string, Shot>> shots;
    gfx::Viewpoint overview = gfx::frameBounds(scene.bounds, kDefaultFovRadians, aspect);
    glm::vec2 range = gfx::depthRangeFor(scene.bounds, overview.eye);
    shots.push_back({"overview", {overview.viewMatrix(), gfx::perspective(kDefaultFovRadians, aspect, range.x, range.y)}});
    // Where the tour in a window would start: standing inside, at eye height.
    if (auto world = nav::buildCollisionWorld(scene)) {
        if (auto spot = nav::findStartSpot(*world, nav::WalkerParams{})) {
            gfx::Viewpoint inside{spot->eye, std::atan2(-spot->forward.x, -spot->forward.z), 0.0f};
            glm::vec2 insideRange = gfx::depthRangeFor(scene.bounds, inside.eye);
            shots.push_back({"inside", {inside.viewMatrix(), gfx::perspective(kDefaultFovRadians, aspect,
                                                                              std::min(insideRange.x, 0.05f),
                                                                              insideRange.y)}});
        }
    }
    for (size_t i = 0; i < scene.cameras.size(); ++i) {
        const scene::Camera& camera = scene.cameras[i];
        shots.push_back({"camera-" + std::to_string(i + 1),
                         {gfx::cameraViewMatrix(camera), gfx::cameraProjection(camera, aspect, scene.bounds)}});
    }
    for (const auto& [name, shot] : shots) {
        auto images = (*headless)->render(*gpuScene, viewsFor(shot, false, 0.0f));
        if (!images) return reportFailure(images.error());
        std::filesystem::path path = folder / (name + ".png");
        if (Status written = writePng(path, images->front()); !written) return reportFailure(written.error());
        std::printf("%s\n", displayPath(path).c_str());
    }
    return validationExitCode((*headless)->context());
}

}  // namespace oh::viewer
