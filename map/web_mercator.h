// Web Mercator (EPSG:3857) as slippy-map tiles use it: latitude/longitude to
// "world" coordinates and back, 256-pixel tiles at any zoom, XYZ tile ids and
// the TMS row MBTiles stores. Pure arithmetic, no state.
//
// World coordinates are normalised: x from 0 (180° W) to 1 (180° E), y from 0
// (85.0511° N) to 1 (85.0511° S), so a point keeps its world position at every
// zoom and only the pixel scale changes (worldPixels).
#pragma once

#include <cstdint>
#include <limits>

namespace oh::map {

struct LatLon {
    double lat = 0;  // degrees north
    double lon = 0;  // degrees east
};

struct WorldPoint {
    double x = 0;
    double y = 0;
};

// An axis-aligned box in world coordinates (y grows southwards, so minY is the north edge).
struct WorldRect {
    double minX = 0, minY = 0, maxX = 0, maxY = 0;

    // Holds nothing; the first include() makes it that point or box.
    static WorldRect none() {
        constexpr double kInf = std::numeric_limits<double>::infinity();
        return {kInf, kInf, -kInf, -kInf};
    }
    bool isNone() const { return minX > maxX || minY > maxY; }
    void include(WorldPoint p) {
        minX = p.x < minX ? p.x : minX;
        minY = p.y < minY ? p.y : minY;
        maxX = p.x > maxX ? p.x : maxX;
        maxY = p.y > maxY ? p.y : maxY;
    }
    void include(const WorldRect& o) {
        include(WorldPoint{o.minX, o.minY});
        include(WorldPoint{o.maxX, o.maxY});
    }
    bool contains(WorldPoint p) const { return p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY; }
    bool intersects(const WorldRect& o) const {
        return minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY;
    }
};

// A tile in XYZ order (y = 0 is the northernmost row), as web maps address them.
struct TileId {
    int z = 0;
    uint32_t x = 0;
    uint32_t y = 0;
    bool operator==(const TileId&) const = default;
};

constexpr int kTileSize = 256;                    // pixels along a tile's side
constexpr double kMaxLatitude = 85.051128779806;  // where the square world ends

WorldPoint toWorld(LatLon point);  // latitude clamped to ±kMaxLatitude
LatLon toLatLon(WorldPoint point);

// Pixels across the whole world at a (fractional) zoom: 256 · 2^zoom.
double worldPixels(double zoom);
// Ground metres one screen pixel covers at `lat` and `zoom` (WGS84 equator radius).
double metresPerPixel(double lat, double zoom);

// Tiles along one side of the world at integer zoom `z`.
inline uint32_t tilesAcross(int z) { return uint32_t(1) << z; }
// MBTiles 1.3 stores rows in TMS order (row 0 in the south); XYZ's y flipped. Its own inverse.
inline uint32_t tmsRow(int z, uint32_t y) { return tilesAcross(z) - 1 - y; }

// The tile containing a point at zoom `z` (edges clamped into the world).
TileId tileAt(WorldPoint point, int z);
// A tile's extent in world coordinates.
WorldRect tileRect(TileId tile);

}  // namespace oh::map
