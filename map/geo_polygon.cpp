#include "map/geo_polygon.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <queue>

namespace oh::map {

bool contains(const Polygon& polygon, WorldPoint p) {
    bool inside = false;
    for (const Ring& ring : polygon.rings) {
        for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const WorldPoint& a = ring[i];
            const WorldPoint& b = ring[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
        }
    }
    return inside;
}

WorldRect boundsOf(std::span<const WorldPoint> points) {
    WorldRect box = WorldRect::none();
    for (const WorldPoint& p : points) box.include(p);
    return box;
}

WorldRect boundsOf(const Polygon& polygon) {
    WorldRect box = WorldRect::none();
    for (const Ring& ring : polygon.rings) box.include(boundsOf(ring));
    return box;
}

double area(const Polygon& polygon) {
    double sum = 0;
    for (const Ring& ring : polygon.rings) {
        double twice = 0;
        for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
            twice += (ring[j].x - ring[i].x) * (ring[j].y + ring[i].y);
        sum += twice / 2;
    }
    return std::abs(sum);
}

namespace {

// Distance from `p` to the nearest edge, positive inside, negative outside.
double signedDistance(const Polygon& polygon, WorldPoint p) {
    double best = std::numeric_limits<double>::infinity();
    for (const Ring& ring : polygon.rings) {
        for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            WorldPoint a = ring[j], b = ring[i];
            double dx = b.x - a.x, dy = b.y - a.y;
            double lengthSq = dx * dx + dy * dy;
            double t = lengthSq > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSq, 0.0, 1.0) : 0.0;
            double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
            best = std::min(best, ex * ex + ey * ey);
        }
    }
    return (contains(polygon, p) ? 1 : -1) * std::sqrt(best);
}

struct Cell {
    WorldPoint centre;
    double half;      // half the cell's side
    double distance;  // signed distance of the centre
    double potential() const { return distance + half * std::numbers::sqrt2; }  // the best any point inside can do
};

}  // namespace

WorldPoint visualCentre(const Polygon& polygon, double precision) {
    WorldRect box = boundsOf(polygon);
    double width = box.maxX - box.minX, height = box.maxY - box.minY;
    double side = std::min(width, height);
    if (side <= 0) return {box.minX, box.minY};

    auto makeCell = [&](WorldPoint centre, double half) {
        return Cell{centre, half, signedDistance(polygon, centre)};
    };
    auto lower = [](const Cell& a, const Cell& b) { return a.potential() < b.potential(); };
    std::priority_queue<Cell, std::vector<Cell>, decltype(lower)> queue(lower);
    for (double x = box.minX; x < box.maxX; x += side)
        for (double y = box.minY; y < box.maxY; y += side)
            queue.push(makeCell({x + side / 2, y + side / 2}, side / 2));

    // Start from the box's centre; cells then only replace it when truly deeper inside.
    Cell best = makeCell({box.minX + width / 2, box.minY + height / 2}, 0);
    while (!queue.empty()) {
        Cell cell = queue.top();
        queue.pop();
        if (cell.distance > best.distance) best = cell;
        // A max-heap: once the most promising cell cannot beat the best by
        // `precision`, none of the rest can.
        if (cell.potential() - best.distance <= precision) break;
        double h = cell.half / 2;
        for (double sx : {-h, h})
            for (double sy : {-h, h}) queue.push(makeCell({cell.centre.x + sx, cell.centre.y + sy}, h));
    }
    return best.centre;
}

}  // namespace oh::map
