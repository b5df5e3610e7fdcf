#include "viewer/tour/tour_switch.h"

#include <utility>

#include "core/file_io.h"

namespace oh::viewer {
namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TourSwitch TourSwitch::start(TourRequest request) {
    TourSwitch next;
    next.m_request = std::move(request);
    next.m_requested = std::chrono::steady_clock::now();
    // The worker gets its own copy: the switch may move while it reads.
    next.m_read = std::async(std::launch::async, [request = next.m_request] {
        auto start = std::chrono::steady_clock::now();
        Result<TourModel> model = loadTourModel(request);
        return Read{std::move(model), millisecondsSince(start)};
    });
    return next;
}

bool TourSwitch::reading() const { return m_read.wait_for(std::chrono::seconds(0)) != std::future_status::ready; }

Result<std::optional<NextTour>> TourSwitch::poll(gfx::GpuContext& context, VkDescriptorSetLayout materialSetLayout) {
    if (!m_read.valid()) return makeError(displayPath(m_request.input) + ": this tour switch is already spent");
    if (reading()) return std::optional<NextTour>();
    Read read = m_read.get();
    if (!read.model) return read.model.error();
    auto uploadStart = std::chrono::steady_clock::now();
    auto gpuScene = gfx::GpuScene::upload(context, read.model->scene, materialSetLayout);
    if (!gpuScene) return gpuScene.error();
    return std::optional<NextTour>(NextTour{std::move(read.model.value()), std::move(gpuScene.value()),
                                            read.milliseconds, millisecondsSince(uploadStart)});
}

void adoptTour(TourAssets& tour, NextTour next) {
    // The old scene goes before the bundle its parts were read from, as TourAssets' own order has it.
    tour.gpuScene = std::move(next.gpuScene);
    tour.world = std::move(next.model.world);
    tour.scene = std::move(next.model.scene);
    tour.packedStart = next.model.packedStart;
    tour.manifest = std::move(next.model.manifest);
    tour.bundle = std::move(next.model.bundle);
}

}  // namespace oh::viewer
