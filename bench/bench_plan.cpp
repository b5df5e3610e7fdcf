// The floor plan's cost: making it from a model's collision world, drawing
// it to pixels (what the packer stores and a bare model's minimap shows),
// and printing it as PDF and SVG. Medians of several runs.
//   bench_plan MODEL.glb [--runs N]
// Rooms come from the model's floors, as for a bare glTF.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/model_bench.h"
#include "navigation/collision_world.h"
#include "plan/floor_plan.h"
#include "plan/plan_drawing.h"
#include "rooms/rooms.h"

int main(int argc, char** argv) {
    using namespace oh;
    using namespace oh::bench;
    std::optional<ModelBench> loaded = loadModelBench(argc, argv, "bench_plan");
    if (!loaded) return 2;
    const std::string& model = loaded->model;
    const int runs = loaded->runs;
    const nav::CollisionWorld& world = loaded->world;
    const rooms::TourRooms tourRooms = rooms::TourRooms::fromFloors(loaded->scene, world, nav::WalkerParams{});
    const std::vector<plan::RoomSeed> seeds = plan::roomSeeds(tourRooms, {});
    const std::filesystem::path out = std::filesystem::temp_directory_path();
    std::vector<double> make, draw, pdf, svg;
    size_t triangles = world.triangles.size(), rooms = seeds.size();
    for (int run = 0; run < runs; ++run) {
        auto start = Clock::now();
        auto plan = plan::makeFloorPlan(world, seeds);
        make.push_back(millisecondsSince(start));
        if (!plan) {
            std::fprintf(stderr, "%s: %s\n", model.c_str(), plan.error().message.c_str());
            return 2;
        }
        const plan::PlanPage page{.title = loaded->scene.name, .pngPixelsPerMetre = 60.0f};
        start = Clock::now();
        const plan::PlanPicture picture = plan::drawPlanPicture(*plan, page);
        draw.push_back(millisecondsSince(start));
        start = Clock::now();
        if (!plan::writePlan(*plan, page, out / "bench-plan.pdf", plan::PlanFormat::Pdf)) return 4;
        pdf.push_back(millisecondsSince(start));
        start = Clock::now();
        if (!plan::writePlan(*plan, page, out / "bench-plan.svg", plan::PlanFormat::Svg)) return 4;
        svg.push_back(millisecondsSince(start));
        if (run == 0)
            std::printf("%s: %zu triangles, %zu rooms, picture %ux%u, pdf %.0f kB, svg %.0f kB\n", model.c_str(),
                        triangles, rooms, picture.width, picture.height,
                        double(std::filesystem::file_size(out / "bench-plan.pdf")) / 1e3,
                        double(std::filesystem::file_size(out / "bench-plan.svg")) / 1e3);
    }
    std::printf("median of %d: make %.1f ms, draw %.1f ms, pdf %.1f ms, svg %.1f ms\n", runs, median(make),
                median(draw), median(pdf), median(svg));
    return 0;
}
