#include "map/web_mercator.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace oh::map {

namespace {
constexpr double kEarthRadius = 6378137.0;  // WGS84 semi-major axis, the sphere Web Mercator uses
double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }
double degrees(double radians) { return radians * 180.0 / std::numbers::pi; }
}  // namespace

WorldPoint toWorld(LatLon point) {
    double lat = radians(std::clamp(point.lat, -kMaxLatitude, kMaxLatitude));
    double x = (point.lon + 180.0) / 360.0;
    double y = 0.5 - std::log(std::tan(std::numbers::pi / 4 + lat / 2)) / (2 * std::numbers::pi);
    return {x, y};
}

LatLon toLatLon(WorldPoint point) {
    double lon = point.x * 360.0 - 180.0;
    double lat = degrees(2 * std::atan(std::exp((0.5 - point.y) * 2 * std::numbers::pi)) - std::numbers::pi / 2);
    return {lat, lon};
}

double worldPixels(double zoom) { return kTileSize * std::exp2(zoom); }

double metresPerPixel(double lat, double zoom) {
    return std::cos(radians(lat)) * 2 * std::numbers::pi * kEarthRadius / worldPixels(zoom);
}

TileId tileAt(WorldPoint point, int z) {
    double n = tilesAcross(z);
    auto index = [&](double v) { return uint32_t(std::clamp(std::floor(v * n), 0.0, n - 1)); };
    return {z, index(point.x), index(point.y)};
}

WorldRect tileRect(TileId tile) {
    double size = 1.0 / tilesAcross(tile.z);
    return {tile.x * size, tile.y * size, (tile.x + 1) * size, (tile.y + 1) * size};
}

}  // namespace oh::map
