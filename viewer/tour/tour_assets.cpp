#include "viewer/tour/tour_assets.h"

#include <algorithm>
#include <cctype>

#include "bundle/scene_codec.h"
#include "core/file_io.h"
#include "core/log.h"
#include "scene/gltf_import.h"

namespace oh::viewer {
namespace {

Result<bundle::OpenOptions> trustOptions(const TourRequest& request) {
    bundle::OpenOptions options;
    for (const auto& keyFile : request.trustedKeys) {
        auto key = bundle::readPublicKey(keyFile);
        if (!key) return key.error();
        options.trustedKeys.push_back(*key);
    }
    return options;
}

Result<TourModel> openBundle(const TourRequest& request) {
    auto options = trustOptions(request);
    if (!options) return options.error();
    auto reader = bundle::BundleReader::open(request.input, *options);
    if (!reader) return reader.error();
    auto manifest = bundle::decodeManifest(*reader);
    if (!manifest) return manifest.error();
    auto packed = bundle::decodeScene(*reader);
    if (!packed) return packed.error();
    if (!packed->world) OH_LOG_INFO("walking is off: the bundle has nothing to stand on");
    return TourModel{std::move(reader.value()), std::move(manifest.value()), packed->start,
                       std::move(packed->scene), std::move(packed->world)};
}

Result<TourModel> importModel(const TourRequest& request, bool buildCollision) {
    if (!request.trustedKeys.empty())
        return makeError(displayPath(request.input) +
                             ": refused: only signed tour bundles open with --trust, and this is not one",
                         kExitUntrusted);
    auto imported = gltf::importFile(request.input);
    if (!imported) return imported.error();
    for (const std::string& warning : imported->warnings) OH_LOG_WARN("%s", warning.c_str());
    TourModel model{std::nullopt, std::nullopt, std::nullopt, std::move(imported->scene), std::nullopt};
    if (!buildCollision) return model;
    // Walking needs something to stand on; a model with no geometry is only looked at.
    auto world = nav::buildCollisionWorld(model.scene);
    if (world) model.world = std::move(world.value());
    else OH_LOG_INFO("walking is off: %s", world.error().message.c_str());
    return model;
}

}  // namespace

bool isTourBundle(const std::filesystem::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return extension == ".tour";
}

std::span<const listing::Spot> TourAssets::rooms() const {
    if (!manifest || !manifest->listing) return {};
    return manifest->listing->spots;
}

std::string TourAssets::title(const std::filesystem::path& input) const {
    return manifest ? manifest->title : displayPath(input.filename());
}

Result<TourModel> loadTourModel(const TourRequest& request, bool buildCollision) {
    return isTourBundle(request.input) ? openBundle(request) : importModel(request, buildCollision);
}

Result<std::unique_ptr<TourAssets>> loadTour(gfx::GpuContext& context, const TourRequest& request,
                                             const gfx::RendererOptions& rendererOptions) {
    auto model = loadTourModel(request);
    if (!model) return model.error();
    auto lighting = request.environment.empty() ? gfx::Environment::createDefaultSky(context)
                                                : gfx::Environment::createFromFile(context, request.environment);
    if (!lighting) return lighting.error();
    TourModel& loaded = model.value();
    std::unique_ptr<TourAssets> tour(new TourAssets{std::move(loaded.bundle), std::move(loaded.manifest),
                                                    loaded.packedStart, std::move(loaded.scene),
                                                    std::move(lighting.value()), nullptr, gfx::GpuScene(),
                                                    std::move(loaded.world)});
    auto renderer = gfx::Renderer::create(context, tour->environment, rendererOptions);
    if (!renderer) return renderer.error();
    tour->renderer = std::move(renderer.value());
    auto gpuScene = gfx::GpuScene::upload(context, tour->scene, tour->renderer->materialSetLayout());
    if (!gpuScene) return gpuScene.error();
    tour->gpuScene = std::move(gpuScene.value());
    return tour;
}

}  // namespace oh::viewer
