#include "tools/scene_generator/openings.h"

#include <algorithm>

namespace oh::scenegen {

namespace {
constexpr float kLining = 0.02f, kCasingWidth = 0.07f, kCasingDepth = 0.015f;
}

void buildDoorFrame(const Opening& door, float wallThickness, uint32_t frame, MeshBuilder& b) {
    float a = -door.width * 0.5f, c = door.width * 0.5f, h = door.height, half = wallThickness * 0.5f;
    // Linings cover the reveals (they stand 2 cm into the opening, so no face
    // shares a plane with the plaster behind them).
    b.box(frame, {a, 0.0f, -half}, {a + kLining, h, half});
    b.box(frame, {c - kLining, 0.0f, -half}, {c, h, half});
    b.box(frame, {a + kLining, h - kLining, -half}, {c - kLining, h, half});
    for (float s : {1.0f, -1.0f}) {
        float z0 = s > 0 ? half : -half - kCasingDepth, z1 = s > 0 ? half + kCasingDepth : -half;
        b.box(frame, {a - kCasingWidth, 0.0f, z0}, {a, h + kCasingWidth, z1});
        b.box(frame, {c, 0.0f, z0}, {c + kCasingWidth, h + kCasingWidth, z1});
        b.box(frame, {a, h, z0}, {c, h + kCasingWidth, z1});
    }
}

void buildWindow(const Opening& w, float wallThickness, float insideSign, uint32_t frame, uint32_t glass,
                 uint32_t sill, MeshBuilder& b) {
    float a = -w.width * 0.5f, c = w.width * 0.5f, y0 = w.sill, y1 = w.sill + w.height, half = wallThickness * 0.5f;
    const float profile = 0.06f, depth = 0.07f;
    // Frame set towards the outside third of the wall, as in a real facade.
    float zc = -insideSign * std::min(half * 0.3f, half - depth * 0.5f);
    float z0 = zc - depth * 0.5f, z1 = zc + depth * 0.5f;
    b.box(frame, {a, y0, z0}, {a + profile, y1, z1});
    b.box(frame, {c - profile, y0, z0}, {c, y1, z1});
    b.box(frame, {a + profile, y0, z0}, {c - profile, y0 + profile, z1});
    b.box(frame, {a + profile, y1 - profile, z0}, {c - profile, y1, z1});
    int panes = w.width > 1.3f ? 2 : 1;
    if (panes == 2) b.box(frame, {-profile * 0.5f, y0 + profile, z0}, {profile * 0.5f, y1 - profile, z1});
    // Glass: one face in the frame's middle plane; its material is double-sided.
    const float g = 0.0005f;
    b.box(glass, {a + profile, y0 + profile, zc - g}, {c - profile, y1 - profile, zc + g},
          1u << 5);
    // Inside window board and outside drip sill, each from the frame to just
    // past the wall face, 1 cm above the reveal's bottom so no faces coincide.
    if (y0 > 0.1f) {
        float frameIn = insideSign > 0 ? z1 : z0, frameOut = insideSign > 0 ? z0 : z1;
        float boardEnd = insideSign * (half + 0.03f), dripEnd = -insideSign * (half + 0.04f);
        b.box(sill, {a - 0.03f, y0 - 0.02f, std::min(frameIn, boardEnd)}, {c + 0.03f, y0 + 0.01f, std::max(frameIn, boardEnd)});
        b.box(frame, {a - 0.02f, y0 - 0.02f, std::min(frameOut, dripEnd)}, {c + 0.02f, y0 + 0.01f, std::max(frameOut, dripEnd)});
    }
}

}  // namespace oh::scenegen
