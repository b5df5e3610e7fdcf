// One 256-pixel map tile drawn with cairo in the table's calm style: light
// warm-grey land, soft blue sea and lakes, pale green parks, buildings a
// shade darker than the land, white streets with grey casings widening with
// their class, thin district borders. No text: the table writes district
// names itself, upright for whoever reads them. Colours stay pale so the
// table's coloured pins stand out on any of them.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "map/web_mercator.h"
#include "tools/mapgen/map_features.h"

namespace oh::mapgen {

struct RenderedTile {
    std::vector<uint8_t> png;
    bool uniform = false;  // one colour throughout (open sea, bare land): the parent tile shows the same
};

// Draws every feature touching `tile`. Deterministic: the same features give the same bytes.
Result<RenderedTile> renderTile(const MapFeatures& features, map::TileId tile);

}  // namespace oh::mapgen
