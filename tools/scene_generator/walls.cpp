#include "tools/scene_generator/walls.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "tools/scene_generator/polygon.h"

namespace oh::scenegen {

namespace {

constexpr float kJoin = 0.01f;       // points closer than 1 cm are the same junction
constexpr float kSkirtHeight = 0.08f, kSkirtDepth = 0.012f;
constexpr float kArchitrave = 0.07f;  // door casing width: skirting stops at it

float distanceToSegment(glm::vec2 p, glm::vec2 a, glm::vec2 b, float* along) {
    glm::vec2 d = b - a;
    float t = std::clamp(glm::dot(p - a, d) / glm::dot(d, d), 0.0f, 1.0f);
    if (along) *along = t * glm::length(d);
    return glm::distance(p, a + d * t);
}

bool parallel(const Wall& a, const Wall& b) {
    glm::vec2 da = glm::normalize(a.to - a.from), db = glm::normalize(b.to - b.from);
    return std::abs(da.x * db.y - da.y * db.x) < 0.02f;
}

// How the wall's end at `point` meets the others: sets the extension (this
// wall owns an L corner: it runs on to the other wall's outer face and shows
// an end there) or cut-back (it stops at the face of a wall running through
// or owning the corner), and the skirting adjustment on each side.
struct EndJoin {
    float extend = 0.0f;
    bool cap = true;
    float skirt[2] = {0, 0};  // how far the skirting runs past the junction point, per side (< 0: stops short)
};

EndJoin joinAt(const Plan& plan, size_t self, glm::vec2 point, glm::vec2 normal) {
    EndJoin join;
    const Wall& wall = plan.walls[self];
    for (size_t i = 0; i < plan.walls.size(); ++i) {
        if (i == self) continue;
        const Wall& other = plan.walls[i];
        float along = 0.0f;
        if (distanceToSegment(point, other.from, other.to, &along) > kJoin) continue;
        if (parallel(wall, other)) {  // runs on in line: a seamless continuation
            join.cap = false;
            continue;
        }
        float half = other.thickness * 0.5f;
        bool atOtherEnd = along < kJoin || along > glm::distance(other.from, other.to) - kJoin;
        glm::vec2 otherFar = glm::distance(other.from, point) > glm::distance(other.to, point) ? other.from : other.to;
        // Which side of this wall the other one lies on, near this end.
        int otherSide = glm::dot(otherFar - point, normal) > 0.0f ? 0 : 1;
        if (atOtherEnd && self < i) {
            join.extend = half;
            join.cap = true;
            join.skirt[otherSide] = -half;
            join.skirt[1 - otherSide] = half;
        } else {
            join.extend = -half;
            join.cap = false;
            if (!atOtherEnd) {  // T: the other wall runs through; both sides end at its face
                join.skirt[0] = join.skirt[1] = -half;
            } else {  // the corner's owner shows its end on the outer side, past which our skirting runs
                join.skirt[otherSide] = -half;
                join.skirt[1 - otherSide] = half;
            }
        }
    }
    return join;
}

std::string metres(float value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f m", value);
    return text;
}

}  // namespace

Result<WallLayout> layoutWall(const Plan& plan, size_t wallIndex) {
    const Wall& wall = plan.walls[wallIndex];
    WallLayout layout;
    float length = glm::distance(wall.from, wall.to);
    layout.origin = wall.from;
    layout.direction = (wall.to - wall.from) / length;
    layout.normal = {-layout.direction.y, layout.direction.x};

    // Junctions inside the wall: other walls ending on it.
    struct Cut { float at; float half; int side; std::string name; };
    std::vector<Cut> cuts;
    for (size_t i = 0; i < plan.walls.size(); ++i) {
        if (i == wallIndex) continue;
        const Wall& other = plan.walls[i];
        for (glm::vec2 end : {other.from, other.to}) {
            float along = 0.0f;
            if (distanceToSegment(end, wall.from, wall.to, &along) > kJoin) continue;
            if (along < kJoin || along > length - kJoin) continue;
            glm::vec2 far = end == other.from ? other.to : other.from;
            int side = glm::dot(far - end, layout.normal) > 0.0f ? 0 : 1;
            cuts.push_back({along, parallel(wall, other) ? 0.0f : other.thickness * 0.5f, side, other.name});
        }
    }
    std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.at < b.at; });

    for (const Opening& o : wall.openings)
        for (const Cut& cut : cuts)
            if (o.at - o.width * 0.5f < cut.at + cut.half + 0.02f && o.at + o.width * 0.5f > cut.at - cut.half - 0.02f)
                return makeError(plan.sourceName + ": " + o.pointer + "/at: the opening from " +
                                 metres(o.at - o.width * 0.5f) + " to " + metres(o.at + o.width * 0.5f) +
                                 " runs into wall '" + cut.name + "', which meets wall '" + wall.name + "' at " +
                                 metres(cut.at));

    EndJoin startJoin = joinAt(plan, wallIndex, wall.from, layout.normal);
    EndJoin endJoin = joinAt(plan, wallIndex, wall.to, layout.normal);
    std::vector<float> stops = {0.0f};
    for (const Cut& cut : cuts) stops.push_back(cut.at);
    stops.push_back(length);
    for (size_t k = 0; k + 1 < stops.size(); ++k) {
        WallPiece piece;
        piece.start = stops[k];
        piece.end = stops[k + 1];
        if (k == 0) {
            piece.extendStart = startJoin.extend;
            piece.capStart = startJoin.cap;
        }
        if (k + 2 == stops.size()) {
            piece.extendEnd = endJoin.extend;
            piece.capEnd = endJoin.cap;
        }
        for (int side = 0; side < 2; ++side) {
            float sign = side == 0 ? 1.0f : -1.0f;
            glm::vec2 probe = wall.from + layout.direction * ((piece.start + piece.end) * 0.5f) +
                              layout.normal * (sign * (wall.thickness * 0.5f + 0.05f));
            for (const Room& room : plan.rooms)
                if (pointInPolygon(room.polygon, probe)) piece.room[side] = room.name;
            piece.skirtStart[side] = piece.start + (k == 0 ? -startJoin.skirt[side]
                                                           : (cuts[k - 1].side == side ? cuts[k - 1].half : 0.0f));
            piece.skirtEnd[side] = piece.end - (k + 2 == stops.size() ? -endJoin.skirt[side]
                                                                       : (cuts[k].side == side ? cuts[k].half : 0.0f));
        }
        for (const Opening& o : wall.openings)
            if (o.at > piece.start && o.at < piece.end) piece.openings.push_back(o);
        layout.pieces.push_back(std::move(piece));
    }
    return layout;
}

glm::mat4 wallFrame(const WallLayout& layout) {
    glm::mat4 m(1.0f);
    m[0] = glm::vec4(layout.direction.x, 0.0f, layout.direction.y, 0.0f);
    m[1] = glm::vec4(0.0f, 1.0f, 0.0f, 0.0f);
    m[2] = glm::vec4(layout.normal.x, 0.0f, layout.normal.y, 0.0f);
    m[3] = glm::vec4(layout.origin.x, 0.0f, layout.origin.y, 1.0f);
    return m;
}

void buildWall(const Plan& plan, const Wall& wall, const WallLayout& layout, const WallMaterials& materials,
               MeshBuilder& b) {
    // Walls rise through the ceiling slab and 2 cm beyond, so from above the
    // roof meets a rim instead of sharing a plane with the wall tops.
    const float top = plan.wallHeight + plan.slabThickness + 0.02f;
    const float half = wall.thickness * 0.5f;
    constexpr unsigned kMinusX = 1u << 0, kPlusX = 1u << 1, kMinusY = 1u << 2, kPlusY = 1u << 3, kMinusZ = 1u << 4,
                       kPlusZ = 1u << 5;
    b.setTransform(wallFrame(layout));
    for (const WallPiece& piece : layout.pieces) {
        uint32_t sideMaterial[2];
        uint32_t revealMaterial = materials.facade;
        for (int side = 1; side >= 0; --side) {
            sideMaterial[side] = materials.facade;
            for (size_t r = 0; r < plan.rooms.size(); ++r)
                if (plan.rooms[r].name == piece.room[side]) sideMaterial[side] = revealMaterial = materials.roomWalls[r];
        }
        float u0 = piece.start - piece.extendStart, u1 = piece.end + piece.extendEnd;
        auto sides = [&](float x0, float x1, float y0, float y1) {
            if (x1 - x0 < 1e-4f || y1 - y0 < 1e-4f) return;
            b.box(sideMaterial[0], {x0, y0, -half}, {x1, y1, half}, kPlusZ);
            b.box(sideMaterial[1], {x0, y0, -half}, {x1, y1, half}, kMinusZ);
        };
        // Quads around the openings: full height between them, below sills and above heads.
        float x = u0;
        for (const Opening& o : piece.openings) {
            float a = o.at - o.width * 0.5f, c = o.at + o.width * 0.5f, y0 = o.sill, y1 = o.sill + o.height;
            sides(x, a, 0.0f, top);
            sides(a, c, 0.0f, y0);
            sides(a, c, y1, top);
            b.box(revealMaterial, {a - 1.0f, y0, -half}, {a, y1, half}, kPlusX);
            b.box(revealMaterial, {c, y0, -half}, {c + 1.0f, y1, half}, kMinusX);
            b.box(revealMaterial, {a, y1, -half}, {c, y1 + 1.0f, half}, kMinusY);
            if (y0 > 0.0f) b.box(revealMaterial, {a, y0 - 1.0f, -half}, {c, y0, half}, kPlusY);
            x = c;
        }
        sides(x, u1, 0.0f, top);
        if (piece.capStart) b.box(materials.facade, {u0, 0.0f, -half}, {u0 + 1.0f, top, half}, kMinusX);
        if (piece.capEnd) b.box(materials.facade, {u1 - 1.0f, 0.0f, -half}, {u1, top, half}, kPlusX);
        b.box(materials.facade, {u0, top - 1.0f, -half}, {u1, top, half}, kPlusY);

        // Skirting on room sides, broken at doors (and their casings).
        for (int side = 0; side < 2; ++side) {
            if (piece.room[side].empty()) continue;
            float z0 = side == 0 ? half : -half - kSkirtDepth, z1 = side == 0 ? half + kSkirtDepth : -half;
            float s = piece.skirtStart[side];
            auto run = [&](float from, float to) {
                if (to - from > 0.02f) b.box(materials.skirting, {from, 0.0f, z0}, {to, kSkirtHeight, z1});
            };
            for (const Opening& o : piece.openings) {
                if (o.sill > kSkirtHeight) continue;
                float casing = o.kind == Opening::Kind::Door ? kArchitrave : 0.0f;
                run(s, o.at - o.width * 0.5f - casing);
                s = o.at + o.width * 0.5f + casing;
            }
            run(s, piece.skirtEnd[side]);
        }
    }
    b.resetTransform();
}

}  // namespace oh::scenegen
