// openhouse-scene: makes glTF scenes from floor plans.
//   openhouse-scene PLAN.json OUT.glb          one apartment, furnished and lit
//   openhouse-scene --block N [--plan P] OUT.glb  N apartments stacked in floors (benchmarks)
// Exit codes: 0 done; 2 bad input (one line naming the file and field); 4 cannot write.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "tools/scene_generator/apartment.h"
#include "tools/scene_generator/block.h"
#include "tools/scene_generator/gltf_write.h"
#include "tools/scene_generator/plan.h"

int main(int argc, char** argv) {
    CLI::App app{"openhouse-scene: make a glTF apartment (or a block of them) from a floor-plan JSON."};
    std::vector<std::string> paths;
    int block = 0;
    std::string planPath = OH_DEFAULT_PLAN;
    app.add_option("files", paths, "PLAN.json OUT.glb, or with --block only OUT.glb")->required()->expected(1, 2);
    app.add_option("--block", block, "make a block of this many apartments from the plan")->check(CLI::Range(1, 1000));
    app.add_option("--plan", planPath, "with --block: the plan to repeat (default: the demo apartment)");
    CLI11_PARSE(app, argc, argv);
    if ((block > 0) != (paths.size() == 1)) {
        std::fprintf(stderr, "openhouse-scene: give PLAN.json OUT.glb, or --block N OUT.glb\n");
        return oh::kExitBadInput;
    }
    if (block == 0) planPath = paths[0];
    const std::string& output = paths.back();

    auto start = std::chrono::steady_clock::now();
    auto plan = oh::scenegen::readPlan(planPath);
    if (!plan) {
        std::fprintf(stderr, "%s\n", plan.error().message.c_str());
        return plan.error().exitCode;
    }
    auto model = block > 0 ? oh::scenegen::buildBlock(*plan, block) : oh::scenegen::buildApartmentScene(*plan);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().message.c_str());
        return model.error().exitCode;
    }
    auto written = oh::scenegen::writeGlb(*model, output);
    if (!written) {
        std::fprintf(stderr, "%s\n", written.error().message.c_str());
        return written.error().exitCode;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %zu nodes, %zu meshes, %llu triangles, %zu lights (%.2f s)\n", output.c_str(), model->nodes.size(),
                model->meshes.size(), (unsigned long long)model->triangleCount(), model->lights.size(), seconds);
    return oh::kExitOk;
}
