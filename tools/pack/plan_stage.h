// The floor plan of a packed scene (plan/): made from its collision world and
// the listing's rooms (or the rooms found from the floors of a bare model),
// drawn into the bundle for the minimap and the table's card, and printed by
// `openhouse-pack plan`.
#pragma once

#include <filesystem>
#include <vector>

#include "bundle/bundle_writer.h"
#include "bundle/manifest.h"
#include "bundle/scene_codec.h"
#include "core/result.h"
#include "plan/floor_plan.h"
#include "plan/plan_drawing.h"
#include "tools/pack/encode_cache.h"

namespace oh::pack {

// The plan of `bundled` with the listing's rooms (none: a bare model).
// `source` names the input in messages. Errors (kExitBadInput): no model to
// walk in (a listing of panoramas only), no floor to stand on, no walls.
Result<plan::FloorPlan> planOfScene(const bundle::BundledScene& bundled, const listing::Listing* listing,
                                    const std::string& source);

// The page's title, subtitle and north for a manifest's listing (or title).
plan::PlanPage planPageOf(const bundle::Manifest& manifest);

// Draws the plan into the bundle: its picture as a part, indexed in
// manifest.generatedPlan.
Status addGeneratedPlan(const plan::FloorPlan& plan, EncodeCache* cache, bundle::Manifest& manifest,
                        std::vector<bundle::Part>& parts);

// `openhouse-pack plan`: the bundle's plan printed to `out` (.png, .svg, .pdf).
Status printBundlePlan(const std::filesystem::path& bundlePath, const std::filesystem::path& out);

}  // namespace oh::pack
