// What the model benchmarks share (bench_plan, bench_session): the command
// line "MODEL.glb [--runs N]", the model's collision world loaded as the
// viewer loads a bare glTF (no images), and medians of timed runs.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "navigation/collision_world.h"
#include "scene/gltf_import.h"

namespace oh::bench {

using Clock = std::chrono::steady_clock;

inline double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

inline double millisecondsSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct ModelBench {
    std::string model;
    int runs = 5;
    scene::Scene scene;
    nav::CollisionWorld world;
};

// Reads the command line and loads the model; none (after a line on
// standard error: the usage, or why the model cannot be used) to exit 2.
inline std::optional<ModelBench> loadModelBench(int argc, char** argv, const char* program) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s MODEL.glb [--runs N]\n", program);
        return std::nullopt;
    }
    ModelBench bench;
    bench.model = argv[1];
    if (argc >= 4 && std::string(argv[2]) == "--runs") bench.runs = std::max(1, std::atoi(argv[3]));
    gltf::ImportOptions importOptions;
    importOptions.loadImages = false;
    auto imported = gltf::importFile(bench.model, importOptions);
    if (!imported) {
        std::fprintf(stderr, "%s\n", imported.error().message.c_str());
        return std::nullopt;
    }
    auto world = nav::buildCollisionWorld(imported->scene);
    if (!world) {
        std::fprintf(stderr, "%s\n", world.error().message.c_str());
        return std::nullopt;
    }
    bench.scene = std::move(imported->scene);
    bench.world = std::move(world.value());
    return bench;
}

}  // namespace oh::bench
