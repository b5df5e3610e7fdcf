// The furniture catalogue. Proportions follow common European sizes (seat
// 45 cm, table 75 cm, worktop 90 cm); every part stays inside the entry's
// size so plans can place pieces by their footprint.
#include "tools/scene_generator/furniture.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace oh::scenegen {

namespace {

using glm::vec3;

constexpr int kRound = 3;      // segments per rounded edge
constexpr int kCylinder = 16;  // segments around legs, poles, lamps

void box(MeshBuilder& b, uint32_t m, vec3 min, vec3 max) { b.box(m, min, max); }

// Four legs inset from the footprint corners, square (radius < 0) or round.
void legs(MeshBuilder& b, uint32_t m, float w, float d, float inset, float height, float radius) {
    for (float sx : {-1.0f, 1.0f})
        for (float sz : {-1.0f, 1.0f}) {
            glm::vec2 c(sx * (w * 0.5f - inset), sz * (d * 0.5f - inset));
            if (radius > 0.0f) b.cylinder(m, c, 0.0f, height, radius, radius * 0.8f, kCylinder, false, false);
            else box(b, m, {c.x + radius, 0.0f, c.y + radius}, {c.x - radius, height, c.y - radius});
        }
}

void handle(MeshBuilder& b, uint32_t m, vec3 centre, float length, bool vertical) {
    vec3 half = vertical ? vec3(0.006f, length * 0.5f, 0.006f) : vec3(length * 0.5f, 0.006f, 0.006f);
    box(b, m, centre - half + vec3(0, 0, 0.02f), centre + half + vec3(0, 0, 0.026f));
    vec3 along = vertical ? vec3(0, length * 0.4f, 0) : vec3(length * 0.4f, 0, 0);
    for (float s : {-1.0f, 1.0f}) {
        vec3 foot = centre + along * s;
        box(b, m, foot - vec3(0.004f, 0.004f, 0.0f), foot + vec3(0.004f, 0.004f, 0.021f));
    }
}

// Door/drawer fronts across a cabinet face at z = front, with 3 mm gaps.
void fronts(MeshBuilder& b, uint32_t body, uint32_t handles, float x0, float x1, float y0, float y1, float front,
            int columns, int rows, bool verticalHandles) {
    float gap = 0.003f, cw = (x1 - x0) / float(columns), rh = (y1 - y0) / float(rows);
    for (int c = 0; c < columns; ++c)
        for (int r = 0; r < rows; ++r) {
            vec3 min(x0 + cw * float(c) + gap, y0 + rh * float(r) + gap, front);
            vec3 max(x0 + cw * float(c + 1) - gap, y0 + rh * float(r + 1) - gap, front + 0.018f);
            box(b, body, min, max);
            float hx = verticalHandles ? (c % 2 == 0 ? max.x - 0.04f : min.x + 0.04f) : (min.x + max.x) * 0.5f;
            float hy = verticalHandles ? (rows == 1 ? min.y + (max.y - min.y) * (y0 > 1.0f ? 0.15f : 0.85f)
                                                    : (min.y + max.y) * 0.5f)
                                       : max.y - 0.05f;
            handle(b, handles, {hx, hy, max.z}, verticalHandles ? 0.12f : std::min(0.3f, (max.x - min.x) * 0.5f),
                   verticalHandles);
        }
}

void sofa(const FurnitureContext& c, MeshBuilder& b, int seats) {
    float w = c.size.x, h = c.size.y, d = c.size.z;
    uint32_t up = c.material("upholstery"), legM = c.material("legs");
    float arm = std::min(0.2f, w * 0.15f), legH = 0.1f, seatTop = 0.44f;
    legs(b, legM, w, d, 0.08f, legH, 0.022f);
    b.roundedBox(up, {-w * 0.5f, legH, -d * 0.5f}, {w * 0.5f, seatTop - 0.14f, d * 0.5f}, 0.03f, kRound);  // frame
    b.roundedBox(up, {-w * 0.5f + arm, legH, -d * 0.5f}, {w * 0.5f - arm, h, -d * 0.5f + 0.18f}, 0.05f, kRound);
    for (float s : {-1.0f, 1.0f})  // arms
        b.roundedBox(up, {s > 0 ? w * 0.5f - arm : -w * 0.5f, legH, -d * 0.5f},
                     {s > 0 ? w * 0.5f : -w * 0.5f + arm, 0.64f, d * 0.5f}, 0.06f, kRound);
    float inner = w - 2.0f * arm, cw = inner / float(seats);
    for (int i = 0; i < seats; ++i) {
        float x0 = -w * 0.5f + arm + cw * float(i);
        b.roundedBox(up, {x0 + 0.005f, seatTop - 0.15f, -d * 0.5f + 0.18f}, {x0 + cw - 0.005f, seatTop, d * 0.5f - 0.01f},
                     0.05f, kRound);
        // Back cushions lean back 12 degrees against the back rest.
        glm::mat4 lean = glm::translate(glm::mat4(1.0f), vec3(0, seatTop, -d * 0.5f + 0.2f)) *
                         glm::rotate(glm::mat4(1.0f), glm::radians(-12.0f), vec3(1, 0, 0));
        b.setTransform(lean);
        b.roundedBox(up, {x0 + 0.01f, 0.0f, 0.0f}, {x0 + cw - 0.01f, std::max(0.2f, h - seatTop - 0.02f), 0.16f}, 0.06f,
                     kRound);
        b.resetTransform();
    }
}

void table(const FurnitureContext& c, MeshBuilder& b, float topThickness, bool shelf) {
    float w = c.size.x, h = c.size.y, d = c.size.z;
    uint32_t top = c.material("top"), legM = c.material("legs");
    box(b, top, {-w * 0.5f, h - topThickness, -d * 0.5f}, {w * 0.5f, h, d * 0.5f});
    legs(b, legM, w, d, 0.06f, h - topThickness, -0.025f);
    float apron = 0.08f;
    if (h > 0.6f) {  // apron rails under a dining top
        for (float s : {-1.0f, 1.0f}) {
            box(b, legM, {-w * 0.5f + 0.085f, h - topThickness - apron, s * (d * 0.5f - 0.06f) - 0.01f},
                {w * 0.5f - 0.085f, h - topThickness, s * (d * 0.5f - 0.06f) + 0.01f});
            box(b, legM, {s * (w * 0.5f - 0.06f) - 0.01f, h - topThickness - apron, -d * 0.5f + 0.085f},
                {s * (w * 0.5f - 0.06f) + 0.01f, h - topThickness, d * 0.5f - 0.085f});
        }
    }
    if (shelf) box(b, top, {-w * 0.5f + 0.085f, 0.12f, -d * 0.5f + 0.085f}, {w * 0.5f - 0.085f, 0.14f, d * 0.5f - 0.085f});
}

void chair(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z, seat = 0.45f;
    uint32_t frame = c.material("frame"), cushion = c.material("seat");
    legs(b, frame, w, d, 0.03f, seat - 0.03f, -0.016f);
    box(b, frame, {-w * 0.5f, seat - 0.03f, -d * 0.5f}, {w * 0.5f, seat, d * 0.5f});
    b.roundedBox(cushion, {-w * 0.5f + 0.02f, seat, -d * 0.5f + 0.03f}, {w * 0.5f - 0.02f, seat + 0.04f, d * 0.5f - 0.02f},
                 0.015f, kRound);
    for (float s : {-1.0f, 1.0f})  // back posts
        box(b, frame, {s * (w * 0.5f - 0.03f) - 0.016f, seat, -d * 0.5f + 0.014f},
            {s * (w * 0.5f - 0.03f) + 0.016f, h, -d * 0.5f + 0.046f});
    box(b, frame, {-w * 0.5f + 0.01f, h - 0.2f, -d * 0.5f + 0.01f}, {w * 0.5f - 0.01f, h - 0.02f, -d * 0.5f + 0.03f});
}

void bed(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z;  // h: headboard top
    uint32_t frame = c.material("frame"), mattress = c.material("mattress"), duvet = c.material("duvet"),
             pillows = c.material("pillows");
    box(b, frame, {-w * 0.5f, 0.08f, -d * 0.5f + 0.06f}, {w * 0.5f, 0.32f, d * 0.5f});
    legs(b, frame, w, d - 0.06f, 0.05f, 0.08f, -0.025f);
    box(b, frame, {-w * 0.5f - 0.02f, 0.0f, -d * 0.5f}, {w * 0.5f + 0.02f, h, -d * 0.5f + 0.06f});  // headboard
    b.roundedBox(mattress, {-w * 0.5f + 0.02f, 0.32f, -d * 0.5f + 0.07f}, {w * 0.5f - 0.02f, 0.52f, d * 0.5f - 0.01f},
                 0.04f, kRound);
    b.roundedBox(duvet, {-w * 0.5f, 0.46f, -d * 0.5f + 0.7f}, {w * 0.5f, 0.57f, d * 0.5f + 0.02f}, 0.05f, kRound);
    int count = w > 1.2f ? 2 : 1;
    float pw = (w - 0.1f) / float(count);
    for (int i = 0; i < count; ++i) {
        float x0 = -w * 0.5f + 0.05f + pw * float(i);
        b.roundedBox(pillows, {x0 + 0.02f, 0.5f, -d * 0.5f + 0.1f}, {x0 + pw - 0.02f, 0.64f, -d * 0.5f + 0.5f}, 0.06f,
                     kRound + 1);
    }
}

void wardrobe(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z;
    uint32_t body = c.material("body"), handles = c.material("handles");
    box(b, body, {-w * 0.5f, 0.0f, -d * 0.5f}, {w * 0.5f, 0.08f, d * 0.5f - 0.04f});  // plinth
    box(b, body, {-w * 0.5f, 0.08f, -d * 0.5f}, {w * 0.5f, h, d * 0.5f - 0.018f});
    fronts(b, body, handles, -w * 0.5f, w * 0.5f, 0.08f, h, d * 0.5f - 0.018f, std::max(1, int(std::round(w / 0.5f))), 1,
           true);
}

void sideboard(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z;
    uint32_t body = c.material("body"), handles = c.material("handles");
    legs(b, handles, w, d, 0.05f, 0.1f, 0.012f);
    box(b, body, {-w * 0.5f, 0.1f, -d * 0.5f}, {w * 0.5f, h, d * 0.5f - 0.018f});
    fronts(b, body, handles, -w * 0.5f, w * 0.5f, 0.1f, h, d * 0.5f - 0.018f, std::max(1, int(std::round(w / 0.6f))), 1,
           false);
}

void bedsideTable(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z;
    uint32_t body = c.material("body"), handles = c.material("handles");
    legs(b, handles, w, d, 0.03f, 0.12f, 0.01f);
    box(b, body, {-w * 0.5f, 0.12f, -d * 0.5f}, {w * 0.5f, h, d * 0.5f - 0.018f});
    fronts(b, body, handles, -w * 0.5f, w * 0.5f, 0.12f, h, d * 0.5f - 0.018f, 1, 2, false);
}

// A run of base cabinets with a worktop; optional sink and hob positions
// (metres from the left end to their centres) cut the worktop around them.
void kitchenCounter(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z;
    uint32_t body = c.material("cabinets"), top = c.material("worktop"), steel = c.material("steel"),
             hob = c.material("hob"), plinth = c.material("plinth");
    float worktop = 0.04f, carcass = h - worktop, left = -w * 0.5f;
    box(b, plinth, {left, 0.0f, -d * 0.5f}, {-left, 0.1f, d * 0.5f - 0.06f});
    // No top on the carcass: the worktop covers it, and the sink shows through its cut-out.
    b.box(body, {left, 0.1f, -d * 0.5f}, {-left, carcass, d * 0.5f - 0.04f}, MeshBuilder::kAllFaces & ~(1u << 3));
    int units = std::max(1, int(std::round(w / 0.6f)));
    fronts(b, body, steel, left, -left, 0.1f, carcass, d * 0.5f - 0.04f, units, 1, false);
    // Worktop pieces between the cut-outs, left to right.
    float sinkAt = c.option("sinkAt", -1.0f), hobAt = c.option("hobAt", -1.0f);
    struct Cut { float x0, x1; int kind; };
    std::vector<Cut> cuts;
    if (sinkAt > 0.0f) cuts.push_back({left + sinkAt - 0.25f, left + sinkAt + 0.25f, 0});
    if (hobAt > 0.0f) cuts.push_back({left + hobAt - 0.3f, left + hobAt + 0.3f, 1});
    std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.x0 < b.x0; });
    float x = left, y0 = carcass, y1 = h, z0 = -d * 0.5f, z1 = d * 0.5f + 0.02f;
    for (const Cut& cut : cuts) {
        if (cut.x0 > x) box(b, top, {x, y0, z0}, {cut.x0, y1, z1});
        float hz0 = z0 + 0.1f, hz1 = z1 - 0.08f;
        if (cut.kind == 0) {
            box(b, top, {cut.x0, y0, z0}, {cut.x1, y1, hz0});
            box(b, top, {cut.x0, y0, hz1}, {cut.x1, y1, z1});
            // Basin: an open steel box below the cut, walls facing inwards.
            float depth = 0.18f, yb = y1 - depth;
            box(b, steel, {cut.x0 + 0.01f, yb - 0.01f, hz0}, {cut.x1 - 0.01f, yb, hz1});
            for (float s : {0.0f, 1.0f}) {
                float xs = s == 0.0f ? cut.x0 : cut.x1 - 0.01f;
                box(b, steel, {xs, yb, hz0}, {xs + 0.01f, y1, hz1});
                float zs = s == 0.0f ? hz0 : hz1 - 0.01f;
                box(b, steel, {cut.x0, yb, zs}, {cut.x1, y1, zs + 0.01f});
            }
            // Tap behind the basin.
            float tx = (cut.x0 + cut.x1) * 0.5f, tz = z0 + 0.05f;
            b.cylinder(steel, {tx, tz}, y1, y1 + 0.3f, 0.018f, 0.014f, kCylinder);
            box(b, steel, {tx - 0.012f, y1 + 0.27f, tz}, {tx + 0.012f, y1 + 0.3f, tz + 0.2f});
            box(b, steel, {tx - 0.012f, y1 + 0.22f, tz + 0.18f}, {tx + 0.012f, y1 + 0.27f, tz + 0.2f});
        } else {
            box(b, top, {cut.x0, y0, z0}, {cut.x1, y1, hz0});
            box(b, top, {cut.x0, y0, hz1}, {cut.x1, y1, z1});
            box(b, hob, {cut.x0, y0, hz0}, {cut.x1, y1 + 0.005f, hz1});
            for (int i = 0; i < 4; ++i) {  // burner rings, raised 1 mm over the glass
                glm::vec2 centre((cut.x0 + cut.x1) * 0.5f + (i % 2 ? 0.14f : -0.14f), (hz0 + hz1) * 0.5f + (i / 2 ? 0.11f : -0.11f));
                b.cylinder(steel, centre, y1 + 0.005f, y1 + 0.007f, i == 1 ? 0.1f : 0.08f, i == 1 ? 0.1f : 0.08f, 24,
                           false, true);
            }
        }
        x = cut.x1;
    }
    if (x < -left) box(b, top, {x, y0, z0}, {-left, y1, z1});
}

void wallCabinets(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z, bottom = c.option("bottom", 1.45f);
    uint32_t body = c.material("cabinets"), handles = c.material("steel");
    box(b, body, {-w * 0.5f, bottom, -d * 0.5f}, {w * 0.5f, bottom + h, d * 0.5f - 0.018f});
    fronts(b, body, handles, -w * 0.5f, w * 0.5f, bottom, bottom + h, d * 0.5f - 0.018f,
           std::max(1, int(std::round(w / 0.6f))), 1, true);
}

void fridge(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z;
    uint32_t body = c.material("body"), handles = c.material("handles");
    b.roundedBox(body, {-w * 0.5f, 0.0f, -d * 0.5f}, {w * 0.5f, h, d * 0.5f - 0.05f}, 0.01f, 2);
    float split = h * 0.62f;
    b.roundedBox(body, {-w * 0.5f + 0.003f, 0.02f, d * 0.5f - 0.05f}, {w * 0.5f - 0.003f, split - 0.005f, d * 0.5f}, 0.01f, 2);
    b.roundedBox(body, {-w * 0.5f + 0.003f, split + 0.005f, d * 0.5f - 0.05f}, {w * 0.5f - 0.003f, h - 0.01f, d * 0.5f},
                 0.01f, 2);
    handle(b, handles, {w * 0.5f - 0.05f, split + 0.25f, d * 0.5f - 0.01f}, 0.3f, true);
    handle(b, handles, {w * 0.5f - 0.05f, split - 0.25f, d * 0.5f - 0.01f}, 0.3f, true);
}

void bathtub(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z, rim = 0.07f;
    uint32_t shell = c.material("shell"), tap = c.material("tap");
    b.roundedBox(shell, {-w * 0.5f, 0.0f, -d * 0.5f}, {w * 0.5f, h - 0.2f, d * 0.5f}, 0.03f, kRound);
    b.roundedBox(shell, {-w * 0.5f, h - 0.22f, -d * 0.5f}, {-w * 0.5f + rim, h, d * 0.5f}, 0.03f, kRound);
    b.roundedBox(shell, {w * 0.5f - rim, h - 0.22f, -d * 0.5f}, {w * 0.5f, h, d * 0.5f}, 0.03f, kRound);
    b.roundedBox(shell, {-w * 0.5f, h - 0.22f, -d * 0.5f}, {w * 0.5f, h, -d * 0.5f + rim}, 0.03f, kRound);
    b.roundedBox(shell, {-w * 0.5f, h - 0.22f, d * 0.5f - rim}, {w * 0.5f, h, d * 0.5f}, 0.03f, kRound);
    b.cylinder(tap, {-w * 0.5f + 0.04f, 0.0f}, h, h + 0.12f, 0.015f, 0.015f, kCylinder);
    box(b, tap, {-w * 0.5f + 0.03f, h + 0.1f, -0.012f}, {-w * 0.5f + 0.18f, h + 0.12f, 0.012f});
    // Shower on the wall behind: riser and head.
    b.cylinder(tap, {-w * 0.5f + 0.04f, -d * 0.5f + 0.03f}, h, 2.0f, 0.01f, 0.01f, kCylinder);
    b.cylinder(tap, {-w * 0.5f + 0.04f, -d * 0.5f + 0.12f}, 1.98f, 2.0f, 0.1f, 0.1f, 24);
    box(b, tap, {-w * 0.5f + 0.03f, 1.99f, -d * 0.5f + 0.02f}, {-w * 0.5f + 0.05f, 2.0f, -d * 0.5f + 0.12f});
}

void toilet(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z;
    uint32_t ceramic = c.material("ceramic"), seat = c.material("seat");
    b.cylinder(ceramic, {0.0f, 0.05f}, 0.0f, 0.36f, 0.14f, w * 0.5f, 24);                         // bowl
    b.roundedBox(seat, {-w * 0.5f, 0.36f, -d * 0.5f + 0.18f}, {w * 0.5f, 0.4f, d * 0.5f}, 0.015f, kRound);
    b.roundedBox(ceramic, {-w * 0.5f, 0.0f, -d * 0.5f}, {w * 0.5f, h, -d * 0.5f + 0.18f}, 0.03f, kRound);  // cistern
}

void washbasin(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z;
    uint32_t ceramic = c.material("ceramic"), cabinet = c.material("cabinet"), tap = c.material("tap");
    box(b, cabinet, {-w * 0.5f + 0.02f, 0.3f, -d * 0.5f}, {w * 0.5f - 0.02f, h - 0.12f, d * 0.5f - 0.03f});
    fronts(b, cabinet, tap, -w * 0.5f + 0.02f, w * 0.5f - 0.02f, 0.3f, h - 0.12f, d * 0.5f - 0.03f, 1, 2, false);
    b.roundedBox(ceramic, {-w * 0.5f, h - 0.12f, -d * 0.5f}, {w * 0.5f, h, d * 0.5f}, 0.02f, kRound);
    b.cylinder(tap, {0.0f, -d * 0.5f + 0.06f}, h, h + 0.18f, 0.015f, 0.012f, kCylinder);
    box(b, tap, {-0.01f, h + 0.15f, -d * 0.5f + 0.06f}, {0.01f, h + 0.17f, -d * 0.5f + 0.18f});
    // Mirror above, on the wall behind.
    box(b, c.material("mirror"), {-w * 0.5f + 0.03f, h + 0.3f, -d * 0.5f}, {w * 0.5f - 0.03f, h + 1.0f, -d * 0.5f + 0.01f});
}

void shelves(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z, t = 0.02f;
    uint32_t frame = c.material("frame"), books = c.material("books"), books2 = c.material("books2");
    box(b, frame, {-w * 0.5f, 0.0f, -d * 0.5f}, {-w * 0.5f + t, h, d * 0.5f});
    box(b, frame, {w * 0.5f - t, 0.0f, -d * 0.5f}, {w * 0.5f, h, d * 0.5f});
    box(b, frame, {-w * 0.5f + t, 0.0f, -d * 0.5f}, {w * 0.5f - t, h, -d * 0.5f + 0.008f});
    int levels = std::max(2, int(h / 0.36f));
    float step = (h - t) / float(levels);
    for (int i = 0; i <= levels; ++i) {
        float y = step * float(i);
        box(b, frame, {-w * 0.5f + t, y, -d * 0.5f + 0.008f}, {w * 0.5f - t, y + t, d * 0.5f});
        if (i == levels || i == 0) continue;
        // Books: deterministic widths and heights per shelf.
        float x = -w * 0.5f + t + 0.01f;
        for (int k = 0; x < w * 0.5f - t - 0.08f && k < 40; ++k) {
            uint32_t seed = uint32_t(i * 131 + k * 17);
            float bw = 0.02f + 0.025f * float(seed * 2654435761u % 100) / 100.0f;
            float bh = std::min(step - t - 0.02f, 0.18f + 0.1f * float(seed * 40503u % 100) / 100.0f);
            if (k % 7 == 5) { x += 0.08f; continue; }  // gaps, as on real shelves
            box(b, k % 3 == 0 ? books2 : books, {x, y + t, -d * 0.5f + 0.04f}, {x + bw, y + t + bh, d * 0.5f - 0.03f});
            x += bw + 0.002f;
        }
    }
}

void rug(const FurnitureContext& c, MeshBuilder& b) {
    b.box(c.material("rug"), {-c.size.x * 0.5f, 0.0f, -c.size.z * 0.5f}, {c.size.x * 0.5f, c.size.y, c.size.z * 0.5f},
          0x3f & ~(1u << 2));  // no underside: it lies on the floor
}

void tv(const FurnitureContext& c, MeshBuilder& b) {
    float w = c.size.x, h = c.size.y, d = c.size.z, foot = c.option("standHeight", 0.5f);
    uint32_t body = c.material("body"), screen = c.material("screen");
    box(b, body, {-0.15f, foot, -d * 0.5f}, {0.15f, foot + 0.008f, d * 0.5f + 0.12f});
    box(b, body, {-0.03f, foot, -0.01f}, {0.03f, foot + 0.12f, 0.01f});
    box(b, body, {-w * 0.5f, foot + 0.1f, -d * 0.5f}, {w * 0.5f, foot + h, d * 0.5f - 0.002f});
    box(b, screen, {-w * 0.5f + 0.01f, foot + 0.11f, d * 0.5f - 0.002f}, {w * 0.5f - 0.01f, foot + h - 0.01f, d * 0.5f});
}

// Pendant: canopy at the ceiling, cord, open drum shade with a glowing bulb.
void ceilingLamp(const FurnitureContext& c, MeshBuilder& b) {
    float r = c.size.x * 0.5f, drop = c.size.y, top = c.ceilingHeight;
    uint32_t shade = c.material("shade"), fitting = c.material("fitting"), bulb = c.material("bulb");
    b.cylinder(fitting, {0, 0}, top - 0.03f, top, 0.06f, 0.06f, kCylinder, true, false);
    b.cylinder(fitting, {0, 0}, top - drop + 0.2f, top - 0.03f, 0.004f, 0.004f, 8, false, false);
    b.cylinder(shade, {0, 0}, top - drop, top - drop + 0.2f, r, r * 0.6f, 32, false, true, true);
    b.sphere(bulb, {0.0f, top - drop + 0.08f, 0.0f}, 0.04f, 12);
}

void floorLamp(const FurnitureContext& c, MeshBuilder& b) {
    float r = c.size.x * 0.5f, h = c.size.y;
    uint32_t shade = c.material("shade"), fitting = c.material("fitting"), bulb = c.material("bulb");
    b.cylinder(fitting, {0, 0}, 0.0f, 0.025f, 0.15f, 0.14f, kCylinder * 2);
    b.cylinder(fitting, {0, 0}, 0.025f, h - 0.2f, 0.012f, 0.012f, kCylinder, false, false);
    b.cylinder(shade, {0, 0}, h - 0.3f, h, r, r * 0.75f, 32, false, false, true);
    b.sphere(bulb, {0.0f, h - 0.18f, 0.0f}, 0.04f, 12);
}

std::vector<FurnitureType> makeCatalogue() {
    auto seating = [](int seats) { return [seats](const FurnitureContext& c, MeshBuilder& b) { sofa(c, b, seats); }; };
    std::vector<FurnitureRole> cabinet = {{"body", "white-lacquer"}, {"handles", "steel"}};
    std::vector<FurnitureRole> lamp = {{"shade", "lamp-shade"}, {"fitting", "black-metal"}, {"bulb", "bulb"}};
    return {
        {"sofa", {2.2f, 0.85f, 0.95f}, {{"upholstery", "upholstery"}, {"legs", "dark-wood"}}, {}, false, seating(3), {}},
        {"armchair", {0.85f, 0.85f, 0.85f}, {{"upholstery", "upholstery"}, {"legs", "dark-wood"}}, {}, false, seating(1), {}},
        {"coffee-table", {1.1f, 0.42f, 0.6f}, {{"top", "wood"}, {"legs", "wood"}}, {}, false,
         [](const FurnitureContext& c, MeshBuilder& b) { table(c, b, 0.03f, true); }, {}},
        {"dining-table", {1.6f, 0.75f, 0.9f}, {{"top", "wood"}, {"legs", "wood"}}, {}, false,
         [](const FurnitureContext& c, MeshBuilder& b) { table(c, b, 0.04f, false); }, {}},
        {"chair", {0.45f, 0.85f, 0.5f}, {{"frame", "wood"}, {"seat", "upholstery"}}, {}, false, chair, {}},
        {"bed", {1.6f, 1.0f, 2.1f}, {{"frame", "wood"}, {"mattress", "linen"}, {"duvet", "duvet"}, {"pillows", "linen"}},
         {}, false, bed, {}},
        {"wardrobe", {1.8f, 2.2f, 0.6f}, cabinet, {}, false, wardrobe, {}},
        {"sideboard", {1.6f, 0.5f, 0.42f}, cabinet, {}, false, sideboard, {}},
        {"bedside-table", {0.45f, 0.5f, 0.4f}, cabinet, {}, false, bedsideTable, {}},
        {"kitchen-counter", {3.0f, 0.9f, 0.62f},
         {{"cabinets", "white-lacquer"}, {"worktop", "worktop"}, {"steel", "steel"}, {"hob", "black-gloss"},
          {"plinth", "black-metal"}},
         {{"sinkAt", 0.3f, 10.0f}, {"hobAt", 0.35f, 10.0f}}, false, kitchenCounter, {}},
        {"wall-cabinets", {3.0f, 0.7f, 0.35f}, {{"cabinets", "white-lacquer"}, {"steel", "steel"}},
         {{"bottom", 1.2f, 2.4f}}, false, wallCabinets, {}},
        {"fridge", {0.6f, 1.85f, 0.65f}, {{"body", "steel"}, {"handles", "black-metal"}}, {}, false, fridge, {}},
        {"bathtub", {1.7f, 0.58f, 0.75f}, {{"shell", "ceramic"}, {"tap", "chrome"}}, {}, false, bathtub, {}},
        {"toilet", {0.38f, 0.8f, 0.65f}, {{"ceramic", "ceramic"}, {"seat", "ceramic"}}, {}, false, toilet, {}},
        {"washbasin", {0.6f, 0.85f, 0.46f},
         {{"ceramic", "ceramic"}, {"cabinet", "white-lacquer"}, {"tap", "chrome"}, {"mirror", "mirror"}}, {}, false,
         washbasin, {}},
        {"shelves", {0.8f, 1.8f, 0.32f}, {{"frame", "wood"}, {"books", "books"}, {"books2", "books2"}}, {}, false, shelves, {}},
        {"rug", {2.0f, 0.01f, 1.4f}, {{"rug", "rug"}}, {}, false, rug, {}},
        {"tv", {1.2f, 0.7f, 0.06f}, {{"body", "black-gloss"}, {"screen", "screen"}}, {{"standHeight", 0.0f, 2.0f}}, false, tv,
         {}},
        {"ceiling-lamp", {0.45f, 0.7f, 0.45f}, lamp, {}, true, ceilingLamp,
         [](const FurnitureContext& c) { return vec3(0.0f, c.ceilingHeight - c.size.y + 0.08f, 0.0f); }},
        {"floor-lamp", {0.4f, 1.6f, 0.4f}, lamp, {}, true, floorLamp,
         [](const FurnitureContext& c) { return vec3(0.0f, c.size.y - 0.18f, 0.0f); }},
    };
}

const std::vector<FurnitureType>& catalogue() {
    static const std::vector<FurnitureType> types = makeCatalogue();
    return types;
}

}  // namespace

const FurnitureType* findFurnitureType(const std::string& name) {
    for (const FurnitureType& type : catalogue())
        if (type.name == name) return &type;
    return nullptr;
}

std::string furnitureTypeList() {
    std::string list;
    for (const FurnitureType& type : catalogue()) list += (list.empty() ? "" : ", ") + type.name;
    return list;
}

}  // namespace oh::scenegen
