#include "tools/pack/pack_tour.h"

#include <cctype>
#include <chrono>
#include <cstdio>

#include "bundle/bundle_writer.h"
#include "bundle/manifest.h"
#include "bundle/scene_codec.h"
#include "core/file_io.h"
#include "core/log.h"
#include "listing/listing.h"
#include "scene/gltf_import.h"
#include "tools/pack/hotspot_stage.h"
#include "tools/pack/mesh_stage.h"
#include "tools/pack/picture_stage.h"
#include "tools/pack/plan_stage.h"
#include "tools/pack/texture_stage.h"

namespace oh::pack {
namespace {

namespace fs = std::filesystem;
using Clock = StageClock;

// [SECTION] Reading the input.

struct PackInput {
    fs::path folder;                          // the listing folder; empty for a bare model
    std::optional<listing::Listing> listing;  // none: a bare model
    std::optional<fs::path> model;            // none: a listing with pictures only
};

bool isModelFile(const fs::path& path) {
    std::string extension = path.extension().string();
    for (char& c : extension) c = char(std::tolower(static_cast<unsigned char>(c)));
    return extension == ".gltf" || extension == ".glb";
}

Result<PackInput> readInput(const fs::path& input) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
        auto listing = listing::loadListing(input / "listing.json");
        if (!listing) return listing.error();
        OH_TRY(listing::checkListingFiles(*listing, input));
        PackInput packInput{input, std::move(listing.value()), std::nullopt};
        if (packInput.listing->model) packInput.model = input / *packInput.listing->model;
        return packInput;
    }
    if (!fs::exists(input, ec)) return makeError(displayPath(input) + ": not found");
    if (!isModelFile(input))
        return makeError(displayPath(input) + ": expected a listing folder (with listing.json) or a .gltf/.glb model");
    return PackInput{{}, std::nullopt, input};
}

Result<scene::Scene> importModel(const PackInput& input) {
    if (!input.model) return scene::Scene{};
    auto imported = gltf::importFile(*input.model);
    if (!imported) return imported.error();
    for (const std::string& warning : imported->warnings) OH_LOG_WARN("%s", warning.c_str());
    return std::move(imported->scene);
}

// [SECTION] The manifest.

std::string titleOf(const PackInput& input, const scene::Scene& scene) {
    if (input.listing) return input.listing->address.street + ", " + input.listing->address.city;
    return scene.name.empty() ? displayPath(input.model->stem()) : scene.name;
}

bundle::SceneSummary summarize(const bundle::BundledScene& bundled) {
    bundle::SceneSummary summary;
    summary.triangles = bundled.scene.triangleCount();
    summary.meshes = uint32_t(bundled.scene.meshes.size());
    summary.materials = uint32_t(bundled.scene.materials.size());
    summary.textures = uint32_t(bundled.scene.images.size());
    for (const scene::Image& image : bundled.scene.images) summary.textureBytes += image.pixels.size();
    summary.walkable = bundled.world.has_value();
    return summary;
}

Status checkCancelled(const PackOptions& options) {
    if (options.cancelled && options.cancelled())
        return makeError(displayPath(options.output) + ": interrupted; nothing was written", kExitIo);
    return ok();
}

// [SECTION] The stages after reading.

// Meshes optimised, the walk prepared, textures compressed.
Result<bundle::BundledScene> prepareScene(scene::Scene model, const PackOptions& options, EncodeCache* cache,
                                          ProgressBar& progress, PackReport& report) {
    auto stageStart = Clock::now();
    optimizeMeshes(model);
    report.meshSeconds = secondsSince(stageStart);
    stageStart = Clock::now();
    bundle::BundledScene bundled = prepareWalk(std::move(model));
    report.walkSeconds = secondsSince(stageStart);
    OH_TRY(checkCancelled(options));
    auto textures = compressTextures(bundled.scene, {options.maxTextureSize, options.threads, cache}, progress);
    if (!textures) return textures.error();
    report.textureSeconds = textures->seconds;
    report.resizeThreadSeconds += textures->resizeSeconds;
    report.compressThreadSeconds += textures->compressSeconds;
    OH_TRY(checkCancelled(options));
    return bundled;
}

// The listing's photos, panoramas and floor plan: into `parts`, indexed in `manifest`.
Status addPictures(const PackInput& input, const PackOptions& options, EncodeCache* cache, ProgressBar& progress,
                   bundle::Manifest& manifest, std::vector<bundle::Part>& parts, PackReport& report) {
    PictureStageOptions pictureOptions;
    pictureOptions.threads = options.threads;
    pictureOptions.cache = cache;
    auto pictures = packPictures(*input.listing, input.folder, pictureOptions, progress);
    if (!pictures) return pictures.error();
    report.pictureSeconds = pictures->stats.seconds;
    report.decodeThreadSeconds += pictures->stats.decodeSeconds;
    report.resizeThreadSeconds += pictures->stats.resizeSeconds;
    report.compressThreadSeconds += pictures->stats.compressSeconds;
    manifest.photos = std::move(pictures->photos);
    manifest.panoramas.resize(pictures->panoramas.size());
    for (size_t i = 0; i < pictures->panoramas.size(); ++i)
        manifest.panoramas[i].cube = std::move(pictures->panoramas[i]);
    manifest.floorPlan = std::move(pictures->floorPlan);
    for (bundle::Part& part : pictures->parts) parts.push_back(std::move(part));
    return checkCancelled(options);
}

// Each panorama's place and hotspots; after addPictures (one entry per listing panorama).
void addHotspots(const listing::Listing& listing, const bundle::BundledScene& bundled, bundle::Manifest& manifest) {
    Hotspots hotspots = resolveHotspots(listing, bundled.world ? &*bundled.world : nullptr);
    for (const std::string& warning : hotspots.warnings) OH_LOG_WARN("%s", warning.c_str());
    for (size_t i = 0; i < manifest.panoramas.size(); ++i) manifest.panoramas[i].place = std::move(hotspots.places[i]);
}

// The floor plan drawn from the model, when it has rooms to draw; a model
// without (one object, a façade) is packed all the same, with a warning.
Status addPlan(const bundle::BundledScene& bundled, const listing::Listing* listing, const std::string& source,
               EncodeCache* cache, bundle::Manifest& manifest, std::vector<bundle::Part>& parts, PackReport& report) {
    if (!bundled.world) return ok();
    const auto stageStart = Clock::now();
    auto plan = planOfScene(bundled, listing, source);
    if (!plan) {
        OH_LOG_WARN("no floor plan: %s", plan.error().message.c_str());
        return ok();
    }
    OH_TRY(addGeneratedPlan(*plan, cache, manifest, parts));
    report.planSeconds = secondsSince(stageStart);
    return ok();
}

Status writeStage(const PackOptions& options, const bundle::SecretKey* signingKey, std::vector<bundle::Part> parts,
                  ProgressBar& progress, PackReport& report) {
    auto stageStart = Clock::now();
    bundle::WriteOptions writeOptions;
    writeOptions.signingKey = signingKey;
    writeOptions.cancelled = options.cancelled;
    uint64_t total = 0;
    for (const bundle::Part& part : parts) total += part.bytes.size();
    progress.begin("writing", size_t(total >> 20));
    writeOptions.progress = [&](uint64_t written, uint64_t) { progress.update(size_t(written >> 20)); };
    OH_TRY(bundle::writeBundle(options.output, std::move(parts), writeOptions));
    report.writeSeconds = secondsSince(stageStart);
    report.bundleBytes = fs::file_size(options.output);
    char summary[160];
    std::snprintf(summary, sizeof summary, "%s: %.1f MB%s, %.1f s", displayPath(options.output).c_str(),
                  double(report.bundleBytes) / 1e6, signingKey ? ", signed" : "", report.writeSeconds);
    progress.finish(summary);
    return ok();
}

}  // namespace

const char* packerVersion() { return "openhouse-pack " OH_VERSION; }

Result<PackReport> packTour(const PackOptions& options) {
    const auto start = Clock::now();
    PackReport report;
    ProgressBar progress(options.progress);

    auto stageStart = Clock::now();
    std::optional<bundle::SecretKey> signingKey;
    if (options.signingKey) {
        auto key = bundle::readSecretKey(*options.signingKey);
        if (!key) return key.error();
        signingKey = *key;
    }
    std::optional<EncodeCache> cache;
    if (options.cacheFolder) {
        auto opened = EncodeCache::open(*options.cacheFolder);
        if (!opened) return opened.error();
        cache.emplace(std::move(opened.value()));
    }
    auto input = readInput(options.input);
    if (!input) return input.error();
    auto model = importModel(*input);
    if (!model) return model.error();
    report.readSeconds = secondsSince(stageStart);
    OH_TRY(checkCancelled(options));

    EncodeCache* encodeCache = cache ? &*cache : nullptr;
    auto bundled = prepareScene(std::move(model.value()), options, encodeCache, progress, report);
    if (!bundled) return bundled.error();
    bundle::Manifest manifest{packerVersion(), titleOf(*input, bundled->scene), input->listing, summarize(*bundled),
                              {}, {}, std::nullopt};
    std::vector<bundle::Part> parts = bundle::encodeScene(*bundled);
    if (input->listing) {
        OH_TRY(addPictures(*input, options, encodeCache, progress, manifest, parts, report));
        addHotspots(*input->listing, *bundled, manifest);
    }
    OH_TRY(addPlan(*bundled, input->listing ? &*input->listing : nullptr, displayPath(options.input), encodeCache,
                   manifest, parts, report));
    parts.push_back({bundle::kManifestPart, bundle::PartKind::Manifest, bundle::encodeManifest(manifest)});

    OH_TRY(writeStage(options, signingKey ? &*signingKey : nullptr, std::move(parts), progress, report));
    report.totalSeconds = secondsSince(start);
    if (cache) {
        report.cacheHits = cache->hits();
        report.cacheMisses = cache->misses();
    }
    return report;
}

}  // namespace oh::pack
