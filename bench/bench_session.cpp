// The visit summary's cost: what recording adds to each headset frame (the
// head's ray into the model and the record's bookkeeping, as the headset tour
// does it), making the summary of a long visit, and drawing and saving its
// page. Medians of several runs.
//   bench_session MODEL.glb [--runs N]
// The visit is synthetic: 30 minutes at 90 Hz, the head sweeping slowly
// round each room of the model (found from its floors) in turn.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/model_bench.h"
#include "navigation/collision_world.h"
#include "plan/floor_plan.h"
#include "plan/plan_drawing.h"
#include "rooms/rooms.h"
#include "session/session_record.h"
#include "session/summary_page.h"

int main(int argc, char** argv) {
    using namespace oh;
    using namespace oh::bench;
    std::optional<ModelBench> loaded = loadModelBench(argc, argv, "bench_session");
    if (!loaded) return 2;
    const std::string& model = loaded->model;
    const int runs = loaded->runs;
    const nav::CollisionWorld& world = loaded->world;
    const nav::WalkerParams params;
    rooms::TourRooms tourRooms = rooms::TourRooms::fromFloors(loaded->scene, world, params);
    if (tourRooms.empty()) {
        std::fprintf(stderr, "%s: no rooms to visit\n", model.c_str());
        return 2;
    }
    std::vector<std::string> names;
    for (const rooms::TourRoom& room : tourRooms.rooms()) names.push_back(room.name);
    auto plan = plan::makeFloorPlan(world, plan::roomSeeds(tourRooms, {}));
    if (!plan) {
        std::fprintf(stderr, "%s\n", plan.error().message.c_str());
        return 2;
    }
    const plan::PlanPicture picture = plan::drawPlanPicture(*plan, plan::PlanPage{"bench", "", 0.0f, 60.0f});
    const RgbaImage planImage{picture.width, picture.height, picture.rgba};
    const session::PlanBackdrop backdrop{&planImage, picture.storeys};

    constexpr float kFrame = 1.0f / 90.0f;
    constexpr int kFrames = 30 * 60 * 90;
    const std::filesystem::path stem = std::filesystem::temp_directory_path() / "bench-visit";
    std::vector<double> perFrameMicroseconds, summarise, page, save;
    size_t heatCells = 0;
    for (int run = 0; run < runs; ++run) {
        session::SessionRecord record("bench", names);
        const size_t roomCount = tourRooms.rooms().size();
        auto start = Clock::now();
        for (int frame = 0; frame < kFrames; ++frame) {
            const uint32_t room = uint32_t(size_t(frame) * roomCount / kFrames);
            const glm::vec3 eye = tourRooms.rooms()[room].floorPoint + glm::vec3(0.0f, params.eyeHeight, 0.0f);
            const float yaw = float(frame) * kFrame * 0.5f;  // a turn every 12.6 s
            const glm::vec3 forward(-std::sin(yaw), -0.15f, -std::cos(yaw));
            std::optional<glm::vec3> lookedAt;
            if (auto hit = nav::raycast(world, nav::RayQuery{eye, forward, 30.0f})) lookedAt = hit->point;
            record.observe(kFrame, tourRooms.roomAt(eye - glm::vec3(0.0f, params.eyeHeight, 0.0f)),
                           tourRooms.rooms()[room].floorPoint.y, lookedAt);
        }
        perFrameMicroseconds.push_back(millisecondsSince(start) * 1000.0 / kFrames);
        start = Clock::now();
        const session::SessionSummary summary = record.summary();
        summarise.push_back(millisecondsSince(start));
        heatCells = summary.heat.size();
        start = Clock::now();
        const RgbaImage drawn = session::drawSummaryPage(summary, backdrop);
        page.push_back(millisecondsSince(start));
        start = Clock::now();
        if (Status saved = session::saveSummary(summary, backdrop, stem); !saved) {
            std::fprintf(stderr, "%s\n", saved.error().message.c_str());
            return 1;
        }
        save.push_back(millisecondsSince(start));
    }
    std::printf("%s: %zu rooms, %zu triangles; 30 min at 90 Hz, %zu heat cells\n", model.c_str(), names.size(),
                world.triangles.size(), heatCells);
    std::printf("recording per frame %.2f us (ray and record), summary %.1f ms, page %.1f ms, save (JSON + PNG) %.1f ms\n",
                median(perFrameMicroseconds), median(summarise), median(page), median(save));
    std::filesystem::remove(stem.string() + ".json");
    std::filesystem::remove(stem.string() + ".png");
    return 0;
}
