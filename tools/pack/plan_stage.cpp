#include "tools/pack/plan_stage.h"

#include <cstdio>

#include "bundle/bundle_reader.h"
#include "core/file_io.h"
#include "rooms/rooms.h"
#include "texture/texture_encode.h"
#include "tools/pack/texture_stage.h"

namespace oh::pack {
namespace {

constexpr const char* kPlanPart = "plan/generated";
constexpr float kBundlePixelsPerMetre = 60.0f;  // a 10 m apartment is about 650 pixels wide: sharp on the table's card

std::string formatNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, value == double(int64_t(value)) ? "%.0f" : "%.1f", value);
    return text;
}

}  // namespace

Result<plan::FloorPlan> planOfScene(const bundle::BundledScene& bundled, const listing::Listing* listing,
                                    const std::string& source) {
    if (!bundled.world) {
        const bool panoramasOnly = listing && !listing->model && !listing->panoramas.empty();
        return makeError(source + ": " +
                         (panoramasOnly ? "a listing of panoramas only has no model to draw a floor plan from; "
                                          "give the listing its own plan image (listing.json \"floorPlan\")"
                                        : "the model has nothing to walk on, so no floors to draw a plan of"));
    }
    const nav::WalkerParams params;
    std::vector<std::optional<double>> areas;
    rooms::TourRooms tourRooms;
    if (listing && !listing->spots.empty()) {
        tourRooms = rooms::TourRooms::fromListing(listing->spots, &*bundled.world, params);
        for (const listing::Spot& spot : listing->spots) areas.push_back(spot.area);
    } else {
        tourRooms = rooms::TourRooms::fromFloors(bundled.scene, *bundled.world, params);
    }
    auto made = plan::makeFloorPlan(*bundled.world, plan::roomSeeds(tourRooms, areas));
    if (!made) return makeError(source + ": " + made.error().message);
    return made;
}

plan::PlanPage planPageOf(const bundle::Manifest& manifest) {
    plan::PlanPage page;
    page.title = manifest.title;
    if (const auto& listing = manifest.listing) {
        page.title = listing->address.street + ", " + listing->address.postalCode + " " + listing->address.city;
        page.subtitle = formatNumber(listing->area.living) + " m\u00B2 \u00B7 " + std::to_string(listing->rooms.count) +
                        (listing->rooms.count == 1 ? " room" : " rooms");
        if (listing->rooms.notation) page.subtitle += " (" + *listing->rooms.notation + ")";
        if (listing->floor) {
            page.subtitle += " \u00B7 floor " + std::to_string(listing->floor->number);
            if (listing->floor->of) page.subtitle += " of " + std::to_string(*listing->floor->of);
        }
        if (listing->north) page.northDegrees = float(*listing->north);
    }
    return page;
}

Status addGeneratedPlan(const plan::FloorPlan& plan, EncodeCache* cache, bundle::Manifest& manifest,
                        std::vector<bundle::Part>& parts) {
    plan::PlanPage page = planPageOf(manifest);
    page.pngPixelsPerMetre = kBundlePixelsPerMetre;
    plan::PlanPicture picture = plan::drawPlanPicture(plan, page);
    auto encoded = encodeTexture(cache, RgbaImage{picture.width, picture.height, std::move(picture.rgba)},
                                 texture::TextureUsage::Color);
    if (!encoded) return makeError("the floor plan: " + encoded.error().message);
    bundle::GeneratedPlan generated;
    generated.image = {kPlanPart, pixelFormatOf(encoded->format), encoded->width, encoded->height,
                       uint32_t(encoded->levels.size())};
    for (const plan::StoreyPlacement& storey : picture.storeys)
        generated.storeys.push_back({.originX = storey.origin.x,
                                     .originY = storey.origin.y,
                                     .pixelsPerMetre = storey.pixelsPerMetre,
                                     .floorY = storey.floorY,
                                     .minX = storey.min.x,
                                     .minZ = storey.min.y,
                                     .maxX = storey.max.x,
                                     .maxZ = storey.max.y});
    parts.push_back({kPlanPart, bundle::PartKind::GeneratedPlan, std::move(encoded->data)});
    manifest.generatedPlan = std::move(generated);
    return ok();
}

Status printBundlePlan(const std::filesystem::path& bundlePath, const std::filesystem::path& out) {
    auto format = plan::planFormatOf(out);
    if (!format)
        return makeError(displayPath(out) + ": the plan is written as .png, .svg or .pdf; name the file so");
    auto reader = bundle::BundleReader::open(bundlePath);
    if (!reader) return reader.error();
    auto manifest = bundle::decodeManifest(*reader);
    if (!manifest) return manifest.error();
    auto scene = bundle::decodeScene(*reader);
    if (!scene) return scene.error();
    auto plan = planOfScene(*scene, manifest->listing ? &*manifest->listing : nullptr, displayPath(bundlePath));
    if (!plan) return plan.error();
    return plan::writePlan(*plan, planPageOf(*manifest), out, *format);
}

}  // namespace oh::pack
