#include "viewer/render_command.h"

#include <algorithm>
#include <array>
#include <cctype>
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
#include "viewer/panorama_render.h"
#include "viewer/tour/default_view.h"
#include "viewer/tour/photo_panel.h"
#include "viewer/tour/tour_assets.h"
#include "viewer/tour/tour_media.h"
#include "viewer/tour/validation_exit.h"

namespace oh::viewer {
namespace {

struct Shot {
    glm::mat4 view;
    glm::mat4 projection;
};

enum class ImageFileType { Png, Jpeg };

// The image format `--out` asks for, by its extension.
Result<ImageFileType> outputFileType(const std::filesystem::path& output) {
    std::string extension = output.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (extension == ".png") return ImageFileType::Png;
    if (extension == ".jpg" || extension == ".jpeg") return ImageFileType::Jpeg;
    return makeError("--out '" + displayPath(output) + "': unknown image type '" + output.extension().string() +
                     "'; use .png, .jpg or .jpeg");
}

// Everything about a request that can be refused before the model is loaded.
Status checkRequest(const RenderRequest& request) {
    OH_TRY(outputFileType(request.output));
    if (request.width == 0 || request.height == 0 || request.width > 16384 || request.height > 16384)
        return makeError("--size must be between 1x1 and 16384x16384");
    if (request.fovDegrees && !(*request.fovDegrees >= 10.0f && *request.fovDegrees <= 170.0f))
        return makeError("--fov " + std::to_string(*request.fovDegrees) + ": must be between 10 and 170 degrees");
    if (request.panorama && !request.eye) return makeError("--panorama needs --eye x,y,z: where the camera stands");
    if (request.panorama && (request.width != 2 * request.height || request.width < 16))
        return makeError("--panorama: --size " + std::to_string(request.width) + "x" +
                         std::to_string(request.height) + " is not 2:1 (360x180 degrees); use e.g. 4096x2048");
    if ((request.insidePanorama || request.photo) && (request.panorama || !request.cameraName.empty()))
        return makeError("--inside-panorama and --photo show a tour bundle's pictures in a view from --eye or the "
                         "panorama: not with --panorama or --camera");
    return ok();
}

// The bundle's pictures a request shows, as the tour draws them: the panorama
// around the viewer (its full cube) and the photo on its panel in front of `shot`.
Result<gfx::FrameOverlays> pictureOverlays(const RenderRequest& request, const bundle::Manifest& manifest,
                                           const Shot& shot, TourMedia& media, gfx::OverlayQuad& photoQuad) {
    gfx::FrameOverlays overlays;
    if (request.insidePanorama) {
        uint32_t index = *request.insidePanorama;
        auto cube = media.fullPanorama(index);
        if (!cube) return cube.error();
        float heading = float(manifest.panoramas[index].place.heading.value_or(0.0));
        overlays.panorama = {*cube, glm::radians(heading), 1.0f};
    }
    if (request.photo) {
        auto image = media.fullPhoto(*request.photo);
        if (!image) return image.error();
        const bundle::ImagePart& display = manifest.photos[*request.photo].display;
        photoQuad = {photoPanelTransform(shot.view, float(display.width) / float(display.height)), *image, 1.0f};
        overlays.quads = std::span(&photoQuad, 1);
    }
    return overlays;
}

float verticalFovRadians(const RenderRequest& request) {
    return request.fovDegrees ? glm::radians(*request.fovDegrees) : kDefaultFovRadians;
}

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
    float fov = verticalFovRadians(request);
    gfx::Viewpoint viewpoint;
    if (request.eye) {
        viewpoint.eye = *request.eye;
        viewpoint.yawRadians = glm::radians(request.yawDegrees);
        viewpoint.pitchRadians = glm::radians(request.pitchDegrees);
    } else {
        viewpoint = gfx::frameBounds(scene.bounds, fov, aspect);
    }
    glm::vec2 range = gfx::depthRangeFor(scene.bounds, viewpoint.eye);
    return Shot{viewpoint.viewMatrix(), gfx::perspective(fov, aspect, range.x, range.y)};
}

std::vector<gfx::View> viewsFor(const Shot& shot, bool stereo, float ipd) {
    if (!stereo) return {gfx::View{shot.view, shot.projection}};
    auto [left, right] = gfx::stereoEyeViews(shot.view, ipd);
    return {gfx::View{left, shot.projection}, gfx::View{right, shot.projection}};
}

// A photo: one view (or a stereo pair side by side) of the request's size,
// with the bundle's pictures the request shows when `model` is a bundle.
Result<RgbaImage> renderPhoto(const RenderRequest& request, gfx::HeadlessRenderer& headless,
                              const gfx::GpuScene& gpuScene, const TourModel& model,
                              const gfx::LightingSettings& lighting) {
    RenderRequest standing = request;
    if (request.insidePanorama && !request.eye) {
        // Where the panorama was taken: the model around it then agrees (the panel's place, a fade).
        const auto& position = model.manifest->panoramas[*request.insidePanorama].place.position;
        standing.eye = position ? glm::vec3((*position)[0], (*position)[1], (*position)[2]) : glm::vec3(0.0f);
    }
    auto shot = chooseShot(standing, model.scene, float(request.width) / float(request.height));
    if (!shot) return shot.error();
    std::vector<gfx::View> views = viewsFor(*shot, request.stereo, request.ipd);
    gfx::FrameOverlays overlays;
    gfx::OverlayQuad photoQuad;
    // Declared before the render, destroyed after it: its images are read by the frame.
    std::optional<TourMedia> media;
    if (model.manifest) {
        // Each offscreen frame is waited for: nothing is in flight between them.
        media.emplace(headless.context(), *model.bundle, *model.manifest, MediaOptions{.framesInFlight = 0});
        auto pictures = pictureOverlays(request, *model.manifest, *shot, *media, photoQuad);
        if (!pictures) return pictures.error();
        overlays = *pictures;
    }
    auto images = headless.render(gpuScene, views, lighting, nullptr, overlays);
    if (!images) return images.error();
    return images->size() == 1 ? std::move(images->front()) : sideBySide(*images);
}

// A panorama: the six cube faces, one render each, stitched on the CPU.
Result<RgbaImage> renderPanorama(const RenderRequest& request, gfx::HeadlessRenderer& headless,
                                 const gfx::GpuScene& gpuScene, const scene::Scene& scene,
                                 const gfx::LightingSettings& lighting) {
    glm::vec2 range = gfx::depthRangeFor(scene.bounds, *request.eye);
    auto views = cubeFaceViews(*request.eye, glm::radians(request.yawDegrees), range, headless.size().width);
    std::array<RgbaImage, kCubeFaceCount> faces;
    for (uint32_t i = 0; i < kCubeFaceCount; ++i) {
        auto images = headless.render(gpuScene, std::span(&views[i], 1), lighting);
        if (!images) return images.error();
        faces[i] = std::move(images->front());
    }
    return cubeToEquirect(faces, request.width, request.height);
}

Status writeImage(const std::filesystem::path& path, const RgbaImage& image) {
    auto type = outputFileType(path);
    if (!type) return type.error();
    return *type == ImageFileType::Jpeg ? writeJpeg(path, image) : writePng(path, image);
}

gfx::HeadlessOptions headlessOptions(const RenderRequest& request) {
    gfx::HeadlessOptions options;
    if (request.panorama) {
        uint32_t face = cubeFaceSize(request.width);
        options.size = {face, face};
    } else {
        options.size = {request.width, request.height};
        options.viewCount = request.stereo ? 2 : 1;
    }
    options.msaaSamples = request.msaaSamples;
    options.environmentFile = request.environment;
    return options;
}

}  // namespace

int runRender(const RenderRequest& request) {
    if (Status checked = checkRequest(request); !checked) return reportFailure(checked.error());
    TourRequest tour;
    tour.input = request.input;
    auto model = loadTourModel(tour, /*buildCollision=*/false);
    if (!model) return reportFailure(model.error());
    const scene::Scene& scene = model->scene;
    if ((request.insidePanorama || request.photo) && !model->manifest)
        return reportFailure(makeError(displayPath(request.input) +
                                       ": not a tour bundle; --inside-panorama and --photo show a bundle's pictures"));

    auto headless = gfx::HeadlessRenderer::create(headlessOptions(request));
    if (!headless) return reportFailure(headless.error());
    // Inside a panorama the model is hidden behind it: it is not uploaded.
    auto gpuScene = (*headless)->upload(request.insidePanorama ? scene::Scene{} : scene);
    if (!gpuScene) return reportFailure(gpuScene.error());

    gfx::LightingSettings lighting;
    lighting.exposure = request.exposure;
    auto image = request.panorama ? renderPanorama(request, **headless, *gpuScene, scene, lighting)
                                  : renderPhoto(request, **headless, *gpuScene, *model, lighting);
    if (!image) return reportFailure(image.error());
    if (Status written = writeImage(request.output, *image); !written) return reportFailure(written.error());
    std::printf("%s\n", displayPath(request.output).c_str());
    return validationExitCode((*headless)->context());
}

int renderPreviews(const std::filesystem::path& input, const std::filesystem::path& folder) {
    TourRequest tour;
    tour.input = input;
    auto model = loadTourModel(tour);
    if (!model) return reportFailure(model.error());
    const scene::Scene& scene = model->scene;

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
    if (model->world) {
        auto spot = model->packedStart ? Result<nav::StartSpot>(*model->packedStart)
                                       : nav::findStartSpot(*model->world, nav::WalkerParams{});
        if (spot) {
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
