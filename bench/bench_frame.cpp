// bench_frame: CPU time per stereo frame (cull + sort + record + submit; the
// wait for the GPU excluded) at two views of 1440x1584 (one Quest 2 eye each),
// for each model given. Prints a Markdown table row per model.
//   bench_frame [--frames N] [--inside] MODEL...
// The view frames the whole model from outside (everything visible), or with
// --inside stands where a tour starts (navigation's start spot): what a
// visitor sees, with the rest culled.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/log.h"
#include "navigation/collision_world.h"
#include "navigation/start_spot.h"
#include "renderer/camera.h"
#include "renderer/headless.h"
#include "scene/gltf_import.h"

using namespace oh;

namespace {

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    size_t index = size_t(std::lround(p * double(values.size() - 1)));
    return values[index];
}

}  // namespace

int main(int argc, char** argv) {
    int frames = 30;
    bool inside = false;
    std::vector<std::string> models;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) frames = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--inside") == 0) inside = true;
        else models.push_back(argv[i]);
    }
    if (models.empty()) {
        std::fprintf(stderr, "usage: bench_frame [--frames N] [--inside] MODEL...\n");
        return 2;
    }
    setMinLogLevel(LogLevel::Error);

    gfx::HeadlessOptions options;
    options.size = {1440, 1584};
    options.viewCount = 2;
    auto headless = gfx::HeadlessRenderer::create(options);
    if (!headless) {
        std::fprintf(stderr, "error: %s\n", headless.error().message.c_str());
        return headless.error().exitCode;
    }
    std::printf("| model | triangles (scene) | draw calls | visible instances | CPU ms/frame median | p90 |\n");
    std::printf("|---|---:|---:|---:|---:|---:|\n");
    for (const std::string& model : models) {
        auto imported = gltf::importFile(model);
        if (!imported) {
            std::fprintf(stderr, "error: %s\n", imported.error().message.c_str());
            return imported.error().exitCode;
        }
        const scene::Scene& scene = imported->scene;
        auto gpuScene = (*headless)->upload(scene);
        if (!gpuScene) {
            std::fprintf(stderr, "error: %s\n", gpuScene.error().message.c_str());
            return gpuScene.error().exitCode;
        }
        float aspect = 1440.0f / 1584.0f;
        gfx::Viewpoint base = gfx::frameBounds(scene.bounds, 1.6f, aspect);
        if (inside) {
            auto world = nav::buildCollisionWorld(scene);
            nav::WalkerParams walker;
            auto spot = world ? nav::findStartSpot(*world, walker) : Result<nav::StartSpot>(world.error());
            if (!spot) {
                std::fprintf(stderr, "error: %s: no start spot inside: %s\n", model.c_str(),
                             spot.error().message.c_str());
                return 2;
            }
            base = gfx::Viewpoint{spot->eye, std::atan2(-spot->forward.x, -spot->forward.z), 0.0f};
        }
        std::vector<double> cpuMs;
        gfx::FrameStats stats;
        for (int frame = 0; frame < frames + 2; ++frame) {
            gfx::Viewpoint viewpoint = base;
            viewpoint.yawRadians += 0.01f * float(frame);  // a slowly turning head
            glm::vec2 range = gfx::depthRangeFor(scene.bounds, viewpoint.eye);
            range.x = std::min(range.x, 0.05f);  // inside, walls are centimetres away
            glm::mat4 projection = gfx::perspective(1.6f, aspect, range.x, range.y);
            auto [left, right] = gfx::stereoEyeViews(viewpoint.viewMatrix(), 0.063f);
            gfx::View views[2] = {{left, projection}, {right, projection}};
            double seconds = 0.0;
            Status rendered = (*headless)->target().render((*headless)->renderer(), *gpuScene, views, {}, &stats,
                                                           &seconds);
            if (!rendered) {
                std::fprintf(stderr, "error: %s\n", rendered.error().message.c_str());
                return rendered.error().exitCode;
            }
            if (frame >= 2) cpuMs.push_back(seconds * 1000.0);  // the first frames warm caches
        }
        std::printf("| %s | %llu | %u | %u | %.3f | %.3f |\n",
                    std::filesystem::path(model).filename().c_str(),
                    (unsigned long long)scene.triangleCount(), stats.drawCalls, stats.visibleInstances,
                    percentile(cpuMs, 0.5), percentile(cpuMs, 0.9));
        std::fflush(stdout);
    }
    return 0;
}
