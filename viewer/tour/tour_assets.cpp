#include "viewer/tour/tour_assets.h"

#include "core/log.h"
#include "scene/gltf_import.h"

namespace oh::viewer {

Result<std::unique_ptr<TourAssets>> loadTour(gfx::GpuContext& context, const std::filesystem::path& model,
                                             const std::filesystem::path& environment,
                                             const gfx::RendererOptions& rendererOptions) {
    auto imported = gltf::importFile(model);
    if (!imported) return imported.error();
    for (const std::string& warning : imported->warnings) OH_LOG_WARN("%s", warning.c_str());

    auto lighting = environment.empty() ? gfx::Environment::createDefaultSky(context)
                                        : gfx::Environment::createFromFile(context, environment);
    if (!lighting) return lighting.error();
    std::unique_ptr<TourAssets> tour(new TourAssets{std::move(imported->scene), std::move(lighting.value()), nullptr,
                                                    gfx::GpuScene(), std::nullopt});
    auto renderer = gfx::Renderer::create(context, tour->environment, rendererOptions);
    if (!renderer) return renderer.error();
    tour->renderer = std::move(renderer.value());
    auto gpuScene = gfx::GpuScene::upload(context, tour->scene, tour->renderer->materialSetLayout());
    if (!gpuScene) return gpuScene.error();
    tour->gpuScene = std::move(gpuScene.value());

    // Walking needs something to stand on; a model with no geometry is only looked at.
    auto world = nav::buildCollisionWorld(tour->scene);
    if (world) tour->world = std::move(world.value());
    else OH_LOG_INFO("walking is off: %s", world.error().message.c_str());
    return tour;
}

}  // namespace oh::viewer
