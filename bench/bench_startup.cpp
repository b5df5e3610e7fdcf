// bench_startup: where the time goes from program start to the first finished
// stereo frame (two views of 1440x1584, one Quest 2 eye each) for one model,
// a glTF/GLB or a tour bundle (.tour, openhouse-pack). Prints one
// tab-separated line of milliseconds; bench/run.sh and bench/bundles.sh run it
// several times in fresh processes and report medians.
//   bench_startup MODEL|BUNDLE.tour
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "bundle/bundle_reader.h"
#include "bundle/manifest.h"
#include "bundle/scene_codec.h"
#include "core/log.h"
#include "renderer/camera.h"
#include "renderer/environment.h"
#include "renderer/gpu_scene.h"
#include "renderer/offscreen.h"
#include "renderer/renderer.h"
#include "renderer/vk_context.h"
#include "scene/gltf_import.h"

using namespace oh;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int fail(const Error& error) {
    std::fprintf(stderr, "error: %s\n", error.message.c_str());
    return error.exitCode;
}

// The model on the CPU, ready for upload, and where loading it went.
struct LoadedModel {
    std::optional<bundle::BundleReader> reader;  // a bundle's mapping, kept open as the viewer keeps it
    scene::Scene scene;
    double parseMs = 0.0;        // glTF: JSON, buffers, geometry, scene graph; bundle: open, manifest, scene parts
    double imageDecodeMs = 0.0;  // glTF: PNG/JPEG/WebP; bundle: none, its textures are stored GPU-ready
};

// A tour bundle as the viewer opens one (viewer/tour/tour_assets.cpp): map and
// check it, read the manifest, copy the scene parts out (hashes checked, the
// collision world included). Nothing is decoded or built.
Result<LoadedModel> openBundle(const char* path) {
    auto start = Clock::now();
    auto reader = bundle::BundleReader::open(path);
    if (!reader) return reader.error();
    auto manifest = bundle::decodeManifest(*reader);
    if (!manifest) return manifest.error();
    auto packed = bundle::decodeScene(*reader);
    if (!packed) return packed.error();
    LoadedModel loaded{std::move(reader.value()), std::move(packed->scene)};
    loaded.parseMs = msSince(start);
    return loaded;
}

Result<LoadedModel> importModel(const char* path) {
    auto imported = gltf::importFile(path);
    if (!imported) return imported.error();
    LoadedModel loaded{std::nullopt, std::move(imported->scene)};
    loaded.parseMs = imported->parseSeconds * 1e3;
    loaded.imageDecodeMs = imported->imageDecodeSeconds * 1e3;
    return loaded;
}

// By extension, as the viewer chooses (.tour: a bundle; anything else: glTF).
Result<LoadedModel> loadModel(const char* path) {
    return std::filesystem::path(path).extension() == ".tour" ? openBundle(path) : importModel(path);
}

}  // namespace

int main(int argc, char** argv) {
    auto start = Clock::now();
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_startup MODEL|BUNDLE.tour\n");
        return 2;
    }
    setMinLogLevel(LogLevel::Error);

    auto phase = Clock::now();
    auto context = gfx::GpuContext::create({});
    if (!context) return fail(context.error());
    double contextMs = msSince(phase);

    phase = Clock::now();
    auto environment = gfx::Environment::createDefaultSky(**context);
    if (!environment) return fail(environment.error());
    double environmentMs = msSince(phase);

    phase = Clock::now();
    gfx::RendererOptions options;
    options.viewCount = 2;
    options.framesInFlight = 1;
    auto renderer = gfx::Renderer::create(**context, *environment, options);
    if (!renderer) return fail(renderer.error());
    auto target = gfx::OffscreenTarget::create(**context, {1440, 1584}, 2);
    if (!target) return fail(target.error());
    double rendererMs = msSince(phase);

    phase = Clock::now();
    auto loaded = loadModel(argv[1]);
    if (!loaded) return fail(loaded.error());
    double importMs = msSince(phase);

    gfx::UploadStats upload;
    phase = Clock::now();
    auto scene = gfx::GpuScene::upload(**context, loaded->scene, (*renderer)->materialSetLayout(), &upload);
    if (!scene) return fail(scene.error());
    double uploadMs = msSince(phase);

    phase = Clock::now();
    const scene::Scene& cpuScene = loaded->scene;
    float aspect = 1440.0f / 1584.0f;
    gfx::Viewpoint viewpoint = gfx::frameBounds(cpuScene.bounds, 1.6f, aspect);
    glm::vec2 range = gfx::depthRangeFor(cpuScene.bounds, viewpoint.eye);
    glm::mat4 projection = gfx::perspective(1.6f, aspect, range.x, range.y);
    auto [left, right] = gfx::stereoEyeViews(viewpoint.viewMatrix(), 0.063f);
    gfx::View views[2] = {{left, projection}, {right, projection}};
    Status rendered = (*target)->render(**renderer, *scene, views, {}, nullptr, nullptr);
    if (!rendered) return fail(rendered.error());
    double firstFrameMs = msSince(phase);

    // total, context, environment, renderer, import or open bundle (parse, image decode), upload (staging,
    // copy, mips, geometry), first frame
    std::printf("%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\n", msSince(start),
                contextMs, environmentMs, rendererMs, importMs, loaded->parseMs, loaded->imageDecodeMs, uploadMs,
                upload.stagingSeconds * 1e3, upload.copyGpuSeconds * 1e3, upload.mipGpuSeconds * 1e3, upload.geometryUploadSeconds * 1e3,
                firstFrameMs);
    return 0;
}
