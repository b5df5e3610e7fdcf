#include "map/map_view.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

namespace oh::map {

ViewLimits limitsOf(const TileSetInfo& info) {
    WorldPoint northWest = map::toWorld(LatLon{info.northEast.lat, info.southWest.lon});
    WorldPoint southEast = map::toWorld(LatLon{info.southWest.lat, info.northEast.lon});
    return {{northWest.x, northWest.y, southEast.x, southEast.y}, double(info.minZoom), double(info.maxZoom)};
}

MapView::MapView(const TileSetInfo& info, double widthPx, double heightPx)
    : MapView(limitsOf(info), info.center, info.centerZoom, widthPx, heightPx) {}

MapView::MapView(ViewLimits limits, LatLon center, double zoom, double widthPx, double heightPx)
    : m_limits(limits), m_center(map::toWorld(center)), m_zoom(zoom), m_width(widthPx), m_height(heightPx) {
    clamp();
}

void MapView::setScreenSize(double widthPx, double heightPx) {
    m_width = widthPx;
    m_height = heightPx;
}

void MapView::setCenter(LatLon center) {
    m_center = map::toWorld(center);
    clamp();
}

void MapView::setZoom(double zoom) {
    m_zoom = zoom;
    clamp();
}

void MapView::setRotation(double radians) { m_rotation = std::remainder(radians, 2 * std::numbers::pi); }

ScreenPoint MapView::toScreen(WorldPoint point) const {
    double dx = (point.x - m_center.x) * scale(), dy = (point.y - m_center.y) * scale();
    double c = std::cos(m_rotation), s = std::sin(m_rotation);
    return {m_width / 2 + c * dx - s * dy, m_height / 2 + s * dx + c * dy};
}

WorldPoint MapView::toWorld(ScreenPoint point) const {
    double dx = point.x - m_width / 2, dy = point.y - m_height / 2;
    double c = std::cos(m_rotation), s = std::sin(m_rotation);  // the inverse turn
    return {m_center.x + (c * dx + s * dy) / scale(), m_center.y + (-s * dx + c * dy) / scale()};
}

void MapView::keepUnder(WorldPoint world, ScreenPoint anchor) {
    WorldPoint shown = toWorld(anchor);
    m_center.x += world.x - shown.x;
    m_center.y += world.y - shown.y;
    clamp();
}

void MapView::panBy(double dx, double dy) {
    ScreenPoint centre{m_width / 2, m_height / 2};
    keepUnder(toWorld(centre), {centre.x + dx, centre.y + dy});
}

void MapView::zoomBy(double factor, ScreenPoint anchor) {
    if (!(factor > 0)) return;
    WorldPoint world = toWorld(anchor);
    m_zoom = std::clamp(m_zoom + std::log2(factor), m_limits.minZoom, m_limits.maxZoom);
    keepUnder(world, anchor);
}

void MapView::rotateBy(double radians, ScreenPoint anchor) {
    WorldPoint world = toWorld(anchor);
    setRotation(m_rotation + radians);
    keepUnder(world, anchor);
}

void MapView::clamp() {
    m_zoom = std::clamp(m_zoom, m_limits.minZoom, m_limits.maxZoom);
    m_center.x = std::clamp(m_center.x, m_limits.bounds.minX, m_limits.bounds.maxX);
    m_center.y = std::clamp(m_center.y, m_limits.bounds.minY, m_limits.bounds.maxY);
}

int MapView::tileZoom(int tileMin, int tileMax) const {
    return std::clamp(int(std::lround(m_zoom)), tileMin, tileMax);
}

std::vector<VisibleTile> MapView::visibleTiles(int tileMin, int tileMax) const {
    int z = tileZoom(tileMin, tileMax);
    // The screen's corners in the world; a turned screen covers their box
    // (a few tiles past the corners are drawn off screen, which is harmless).
    WorldRect seen = WorldRect::none();
    for (ScreenPoint corner : {ScreenPoint{0, 0}, ScreenPoint{m_width, 0}, ScreenPoint{m_width, m_height},
                               ScreenPoint{0, m_height}})
        seen.include(toWorld(corner));
    const WorldRect& bounds = m_limits.bounds;
    seen = {std::max(seen.minX, bounds.minX), std::max(seen.minY, bounds.minY), std::min(seen.maxX, bounds.maxX),
            std::min(seen.maxY, bounds.maxY)};
    std::vector<VisibleTile> tiles;
    if (seen.isNone()) return tiles;

    TileId first = tileAt({seen.minX, seen.minY}, z), last = tileAt({seen.maxX, seen.maxY}, z);
    for (uint32_t y = first.y; y <= last.y; ++y)
        for (uint32_t x = first.x; x <= last.x; ++x) {
            TileId tile{z, x, y};
            WorldRect r = tileRect(tile);
            tiles.push_back({tile, {toScreen(WorldPoint{r.minX, r.minY}), toScreen(WorldPoint{r.maxX, r.minY}),
                                    toScreen(WorldPoint{r.maxX, r.maxY}), toScreen(WorldPoint{r.minX, r.maxY})}});
        }
    auto distance = [&](const VisibleTile& t) {
        double cx = (t.corners[0].x + t.corners[2].x) / 2 - m_width / 2;
        double cy = (t.corners[0].y + t.corners[2].y) / 2 - m_height / 2;
        return cx * cx + cy * cy;
    };
    std::stable_sort(tiles.begin(), tiles.end(),
                     [&](const VisibleTile& a, const VisibleTile& b) { return distance(a) < distance(b); });
    return tiles;
}

ParentPart parentPart(TileId tile, int levelsUp) {
    assert(levelsUp >= 1 && levelsUp <= tile.z);
    uint32_t span = uint32_t(1) << levelsUp;  // this tile's size's inverse inside the parent
    ParentPart part;
    part.parent = {tile.z - levelsUp, tile.x >> levelsUp, tile.y >> levelsUp};
    double size = 1.0 / span;
    part.u0 = (tile.x % span) * size;
    part.v0 = (tile.y % span) * size;
    part.u1 = part.u0 + size;
    part.v1 = part.v0 + size;
    return part;
}

}  // namespace oh::map
