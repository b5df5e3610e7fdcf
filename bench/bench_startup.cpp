// bench_startup: where the time goes from program start to the first finished
// stereo frame (two views of 1440x1584, one Quest 2 eye each) for one model.
// Prints one tab-separated line of milliseconds; bench/run.sh runs it several
// times in fresh processes and reports medians.
//   bench_startup MODEL
#include <chrono>
#include <cstdio>

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

}  // namespace

int main(int argc, char** argv) {
    auto start = Clock::now();
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_startup MODEL\n");
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
    auto imported = gltf::importFile(argv[1]);
    if (!imported) return fail(imported.error());
    double importMs = msSince(phase);

    gfx::UploadStats upload;
    phase = Clock::now();
    auto scene = gfx::GpuScene::upload(**context, imported->scene, (*renderer)->materialSetLayout(), &upload);
    if (!scene) return fail(scene.error());
    double uploadMs = msSince(phase);

    phase = Clock::now();
    const scene::Scene& cpuScene = imported->scene;
    float aspect = 1440.0f / 1584.0f;
    gfx::Viewpoint viewpoint = gfx::frameBounds(cpuScene.bounds, 1.6f, aspect);
    glm::vec2 range = gfx::depthRangeFor(cpuScene.bounds, viewpoint.eye);
    glm::mat4 projection = gfx::perspective(1.6f, aspect, range.x, range.y);
    auto [left, right] = gfx::stereoEyeViews(viewpoint.viewMatrix(), 0.063f);
    gfx::View views[2] = {{left, projection}, {right, projection}};
    Status rendered = (*target)->render(**renderer, *scene, views, {}, nullptr, nullptr);
    if (!rendered) return fail(rendered.error());
    double firstFrameMs = msSince(phase);

    // total, context, environment, renderer, import (parse, decode), upload (staging, copy, mips, geometry), frame
    std::printf("%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\n", msSince(start),
                contextMs, environmentMs, rendererMs, importMs, imported->parseSeconds * 1e3,
                imported->imageDecodeSeconds * 1e3, uploadMs, upload.stagingSeconds * 1e3,
                upload.copyGpuSeconds * 1e3, upload.mipGpuSeconds * 1e3, upload.geometryUploadSeconds * 1e3,
                firstFrameMs);
    return 0;
}
