// The branch table's map viewport: where the map is centred, how far in, how
// it is turned, on a screen of some size; turning screen points into places
// and back; the gestures (pan, pinch-zoom and two-finger turn about the
// fingers); and which tiles cover the screen. Arithmetic only: no drawing,
// no input events, no tile loading (the table does those).
#pragma once

#include <array>
#include <vector>

#include "map/mbtiles.h"
#include "map/web_mercator.h"

namespace oh::map {

struct ScreenPoint {
    double x = 0;  // pixels from the left edge
    double y = 0;  // pixels down from the top edge
};

// Where the view may go: the centre stays inside `bounds`, zoom within [minZoom, maxZoom].
struct ViewLimits {
    WorldRect bounds{0, 0, 1, 1};
    double minZoom = 0;
    double maxZoom = 22;
};
// A tile set's bounds and zoom range.
ViewLimits limitsOf(const TileSetInfo& info);

// A tile to draw and where: its corners on screen, north-west first then
// clockwise (north-east, south-east, south-west); a rotated view turns the
// square into a turned quad.
struct VisibleTile {
    TileId tile;
    std::array<ScreenPoint, 4> corners;
};

class MapView {
public:
    // Opens at the tile set's centre and centre zoom (clamped to the limits).
    MapView(const TileSetInfo& info, double widthPx, double heightPx);
    MapView(ViewLimits limits, LatLon center, double zoom, double widthPx, double heightPx);

    LatLon center() const { return map::toLatLon(m_center); }
    double zoom() const { return m_zoom; }
    // Radians; positive turns the map clockwise on screen (a card-facing table
    // turns the map to face whoever stands at its side).
    double rotation() const { return m_rotation; }
    double width() const { return m_width; }
    double height() const { return m_height; }
    const ViewLimits& limits() const { return m_limits; }

    void setScreenSize(double widthPx, double heightPx);
    void setCenter(LatLon center);  // clamped
    void setZoom(double zoom);      // clamped, about the screen's centre
    void setRotation(double radians);

    ScreenPoint toScreen(WorldPoint point) const;
    WorldPoint toWorld(ScreenPoint point) const;
    ScreenPoint toScreen(LatLon point) const { return toScreen(map::toWorld(point)); }
    LatLon toLatLon(ScreenPoint point) const { return map::toLatLon(toWorld(point)); }

    // The map follows a finger that moved by (dx, dy) pixels.
    void panBy(double dx, double dy);
    // Zooms by `factor` (2: twice as large) keeping the place under `anchor`
    // there, as a pinch keeps the map under the fingers; the limits win when
    // they are reached.
    void zoomBy(double factor, ScreenPoint anchor);
    // Turns the map by `radians` about `anchor` (a two-finger twist).
    void rotateBy(double radians, ScreenPoint anchor);

    // The integer zoom whose tiles are drawn now: the nearest to zoom(), so a
    // tile is shown between 0.71 and 1.41 times its size, within [tileMin, tileMax].
    int tileZoom(int tileMin, int tileMax) const;
    // The tiles of zoom tileZoom(...) that cover the screen, inside the
    // limits' bounds, nearest the centre first (the order to load them in).
    std::vector<VisibleTile> visibleTiles(int tileMin, int tileMax) const;

private:
    double scale() const { return worldPixels(m_zoom); }
    // Moves the centre so `world` shows at `anchor`, then clamps.
    void keepUnder(WorldPoint world, ScreenPoint anchor);
    void clamp();

    ViewLimits m_limits;
    WorldPoint m_center;
    double m_zoom = 0;
    double m_rotation = 0;
    double m_width = 0;
    double m_height = 0;
};

// Where a tile's image lies inside an ancestor's image, for drawing the part
// of a loaded parent while the tile itself is still loading.
struct ParentPart {
    TileId parent;
    double u0 = 0, v0 = 0, u1 = 1, v1 = 1;  // texture coordinates in the parent, top-left origin
};
// `levelsUp` ≥ 1 and ≤ tile.z.
ParentPart parentPart(TileId tile, int levelsUp);

}  // namespace oh::map
