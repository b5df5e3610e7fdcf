#include "viewer/desktop/measure_tool.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>


namespace oh::viewer {
namespace {

// Tape-measure yellow over a dark edge, so it reads on a white wall and a dark floor alike.
const ImU32 kTape = IM_COL32(255, 196, 28, 255);
const ImU32 kLiveTape = IM_COL32(255, 196, 28, 170);
const ImU32 kTapeEdge = IM_COL32(20, 20, 20, 170);
const ImU32 kPill = IM_COL32(252, 250, 242, 240);
const ImU32 kLivePill = IM_COL32(252, 250, 242, 190);
const ImU32 kPillEdge = IM_COL32(30, 30, 30, 200);
const ImU32 kLabelText = IM_COL32(18, 20, 24, 255);
const ImU32 kStatusPlate = IM_COL32(12, 14, 18, 210);
const ImU32 kStatusText = IM_COL32(245, 245, 245, 255);

constexpr float kTapeWidth = 3.0f;      // pixels
constexpr float kTickHalfLength = 8.0f; // pixels either side of the tape
constexpr float kMarkerSize = 7.0f;     // pixels from the snap's centre
// ImGui's built-in font is a 13-pixel bitmap: doubled, a length reads from a sofa's distance.
constexpr float kLabelScale = 2.0f;
// Clip space's w is the distance ahead of the eye: a tape is cut where it
// comes nearer than this, so an end behind the eye never flips through the
// projection to the other side of the window.
constexpr float kNearMetres = 0.05f;
// How finely a tape is tested against the model for the parts a wall hides (metres, at most so many tests).
constexpr float kVisibilityStep = 0.1f;
constexpr int kMaxVisibilitySteps = 48;
// A tape ends on a surface: a hit this near its point is that surface, not something in front of it.
constexpr float kSurfaceSlack = 0.03f;

// What draw() works with: where the view is, and the model that may hide a tape.
struct Canvas {
    ImDrawList& list;
    const glm::mat4& viewProjection;
    glm::vec2 viewport;
    const nav::CollisionWorld& world;
    glm::vec3 eye;
};

ImVec2 toScreen(const Canvas& canvas, const glm::vec4& clip) {
    // Vulkan clip space: y grows downwards, as window pixels do.
    glm::vec2 ndc = glm::vec2(clip) / clip.w;
    return ImVec2((ndc.x + 1.0f) * 0.5f * canvas.viewport.x, (ndc.y + 1.0f) * 0.5f * canvas.viewport.y);
}

// The screen segment of the world segment a..b after cutting away what is
// nearer than kNearMetres; none when all of it is.
std::optional<std::pair<ImVec2, ImVec2>> projectSegment(const Canvas& canvas, const glm::vec3& a, const glm::vec3& b) {
    glm::vec4 ca = canvas.viewProjection * glm::vec4(a, 1.0f);
    glm::vec4 cb = canvas.viewProjection * glm::vec4(b, 1.0f);
    if (ca.w < kNearMetres && cb.w < kNearMetres) return std::nullopt;
    // Clip-space coordinates are linear along the segment, so the cut is a mix.
    if (ca.w < kNearMetres) ca = glm::mix(ca, cb, (kNearMetres - ca.w) / (cb.w - ca.w));
    else if (cb.w < kNearMetres) cb = glm::mix(cb, ca, (kNearMetres - cb.w) / (ca.w - cb.w));
    return std::make_pair(toScreen(canvas, ca), toScreen(canvas, cb));
}

// The part of a screen segment inside the window (Liang-Barsky clipping); none when it misses the window.
std::optional<std::pair<ImVec2, ImVec2>> insideWindow(const std::pair<ImVec2, ImVec2>& segment, glm::vec2 viewport) {
    const ImVec2 a = segment.first;
    const float dx = segment.second.x - a.x, dy = segment.second.y - a.y;
    const float towards[4] = {-dx, dx, -dy, dy};
    const float room[4] = {a.x, viewport.x - a.x, a.y, viewport.y - a.y};
    float enter = 0.0f, leave = 1.0f;
    for (int side = 0; side < 4; ++side) {
        if (towards[side] == 0.0f) {
            if (room[side] < 0.0f) return std::nullopt;
            continue;
        }
        const float t = room[side] / towards[side];
        if (towards[side] < 0.0f) enter = std::max(enter, t);
        else leave = std::min(leave, t);
    }
    if (enter > leave) return std::nullopt;
    return std::make_pair(ImVec2(a.x + dx * enter, a.y + dy * enter), ImVec2(a.x + dx * leave, a.y + dy * leave));
}

bool inWindow(ImVec2 p, glm::vec2 viewport) {
    return p.x >= 0.0f && p.y >= 0.0f && p.x <= viewport.x && p.y <= viewport.y;
}

std::optional<ImVec2> projectPoint(const Canvas& canvas, const glm::vec3& p) {
    glm::vec4 clip = canvas.viewProjection * glm::vec4(p, 1.0f);
    if (clip.w < kNearMetres) return std::nullopt;
    return toScreen(canvas, clip);
}

// Nothing of the model between the eye and `p` (glass hides nothing: a tape
// outside a window is seen through it).
bool seen(const Canvas& canvas, const glm::vec3& p) {
    glm::vec3 toPoint = p - canvas.eye;
    float distance = glm::length(toPoint);
    if (distance <= kSurfaceSlack) return true;
    nav::RayQuery ray{canvas.eye, toPoint, distance - kSurfaceSlack, /*throughSeeThrough=*/true};
    return !nav::anyHit(canvas.world, ray);
}

void drawLine(ImDrawList& list, ImVec2 a, ImVec2 b, ImU32 color) {
    list.AddLine(a, b, kTapeEdge, kTapeWidth + 2.0f);
    list.AddLine(a, b, color, kTapeWidth);
}

// A short bar across the tape's end at `end`, the tape running towards `towards`.
void drawTick(ImDrawList& list, ImVec2 end, ImVec2 towards, ImU32 color) {
    glm::vec2 along(towards.x - end.x, towards.y - end.y);
    if (glm::length(along) < 1e-3f) return;
    glm::vec2 across = glm::normalize(glm::vec2(-along.y, along.x)) * kTickHalfLength;
    drawLine(list, ImVec2(end.x - across.x, end.y - across.y), ImVec2(end.x + across.x, end.y + across.y), color);
}

// The length on a light pill centred on `centre`; `square`: a "⟂" drawn
// after it (ImGui's built-in font has no such glyph) for a length taken
// square to the surface rather than between the two clicks.
void drawLabel(ImDrawList& list, ImVec2 centre, const std::string& text, bool square, ImU32 pill) {
    ImFont* font = ImGui::GetFont();
    float size = ImGui::GetFontSize() * kLabelScale;
    ImVec2 textSize = font->CalcTextSizeA(size, 1e6f, 0.0f, text.c_str());
    float badge = square ? textSize.y * 0.6f : 0.0f;
    float gap = square ? size * 0.3f : 0.0f;
    ImVec2 padding(size * 0.45f, size * 0.15f);
    float width = textSize.x + gap + badge;
    ImVec2 min(std::round(centre.x - width * 0.5f), std::round(centre.y - textSize.y * 0.5f));
    ImVec2 plateMin(min.x - padding.x, min.y - padding.y);
    ImVec2 plateMax(min.x + width + padding.x, min.y + textSize.y + padding.y);
    float rounding = (plateMax.y - plateMin.y) * 0.5f;
    list.AddRectFilled(plateMin, plateMax, pill, rounding);
    list.AddRect(plateMin, plateMax, kPillEdge, rounding, 0, 1.0f);
    list.AddText(font, size, min, kLabelText, text.c_str());
    if (square) {
        float left = min.x + textSize.x + gap, bottom = min.y + textSize.y * 0.8f, top = bottom - badge;
        float thickness = std::max(2.0f, size / 12.0f);
        list.AddLine(ImVec2(left + badge * 0.5f, top), ImVec2(left + badge * 0.5f, bottom), kLabelText, thickness);
        list.AddLine(ImVec2(left, bottom), ImVec2(left + badge, bottom), kLabelText, thickness);
    }
}

// A tape with ticks at its ends and its length in the middle. Only what the
// eye can see of it is drawn: it is cut into kVisibilityStep pieces tested
// against the model, and runs of seen pieces are drawn. The label keeps to
// the part in the window when the tape's middle is out of it (or hidden), so
// the figure reads while any of the tape shows.
void drawTape(const Canvas& canvas, const nav::Measurement& tape, bool live) {
    const ImU32 color = live ? kLiveTape : kTape;
    int steps = std::clamp(int(std::ceil(tape.metres / kVisibilityStep)), 1, kMaxVisibilitySteps);
    auto at = [&](int i) { return glm::mix(tape.from, tape.to, float(i) / float(steps)); };
    std::optional<std::pair<ImVec2, ImVec2>> longest;
    auto screenLength = [](const std::pair<ImVec2, ImVec2>& s) {
        return std::hypot(s.second.x - s.first.x, s.second.y - s.first.y);
    };
    bool previousSeen = seen(canvas, tape.from);
    for (int begin = 0; begin < steps;) {
        if (!previousSeen) {
            previousSeen = seen(canvas, at(++begin));
            continue;
        }
        int end = begin;
        bool nextSeen = false;
        while (end < steps && (nextSeen = seen(canvas, at(end + 1)))) ++end;
        if (end > begin) {
            if (auto piece = projectSegment(canvas, at(begin), at(end))) {
                drawLine(canvas.list, piece->first, piece->second, color);
                auto shown = insideWindow(*piece, canvas.viewport);
                if (shown && (!longest || screenLength(*shown) > screenLength(*longest))) longest = shown;
                // Ticks only at the tape's true ends, not where a wall or the near plane cuts it.
                if (begin == 0 && projectPoint(canvas, tape.from))
                    drawTick(canvas.list, piece->first, piece->second, color);
                if (end == steps && projectPoint(canvas, tape.to))
                    drawTick(canvas.list, piece->second, piece->first, color);
            }
        }
        begin = end + 1;
        previousSeen = nextSeen;
    }
    if (!longest) return;
    glm::vec3 middle = (tape.from + tape.to) * 0.5f;
    std::optional<ImVec2> centre = seen(canvas, middle) ? projectPoint(canvas, middle) : std::nullopt;
    if (!centre || !inWindow(*centre, canvas.viewport))
        centre = ImVec2((longest->first.x + longest->second.x) * 0.5f, (longest->first.y + longest->second.y) * 0.5f);
    drawLabel(canvas.list, *centre, nav::formatLength(tape.metres), tape.rule == nav::MeasureRule::SquareToSurface,
              live ? kLivePill : kPill);
}

// Where a pick would land: a ring on a surface, a square on an edge (with the
// edge drawn along), a diamond on a corner.
void drawSnap(const Canvas& canvas, const nav::MeasurePoint& snap) {
    std::optional<ImVec2> at = projectPoint(canvas, snap.point);
    if (!at) return;
    ImDrawList& list = canvas.list;
    const float r = kMarkerSize;
    for (int layer = 0; layer < 2; ++layer) {  // a dark outline, then the colour
        ImU32 color = layer == 0 ? kTapeEdge : kTape;
        float thickness = layer == 0 ? 4.0f : 2.0f;
        switch (snap.snap) {
            case nav::SnapKind::Surface: list.AddCircle(*at, r, color, 24, thickness); break;
            case nav::SnapKind::Edge:
                if (auto edge = projectSegment(canvas, snap.edgeFrom, snap.edgeTo))
                    list.AddLine(edge->first, edge->second, color, thickness - 1.0f);
                list.AddRect(ImVec2(at->x - r, at->y - r), ImVec2(at->x + r, at->y + r), color, 0.0f, 0, thickness);
                break;
            case nav::SnapKind::Corner:
                list.AddQuad(ImVec2(at->x, at->y - r * 1.3f), ImVec2(at->x + r * 1.3f, at->y),
                             ImVec2(at->x, at->y + r * 1.3f), ImVec2(at->x - r * 1.3f, at->y), color, thickness);
                break;
        }
    }
}

// What measuring mode expects next, at the bottom of the window on a dark plate.
void drawStatus(ImDrawList& list, glm::vec2 viewport, nav::MeasureConstraint constraint, bool firstPicked) {
    const char* kind = constraint == nav::MeasureConstraint::Horizontal ? "Measuring level: "
                       : constraint == nav::MeasureConstraint::Vertical ? "Measuring plumb: "
                                                                         : "Measuring: ";
    std::string text = std::string(kind) +
                       (firstPicked ? "click where the tape ends." : "click a surface, then another.") +
                       "\nH level, V plumb, C clears, M ends";
    ImVec2 size = ImGui::CalcTextSize(text.c_str());
    ImVec2 padding(8.0f, 5.0f);
    ImVec2 min(std::round((viewport.x - size.x) * 0.5f), std::round(viewport.y - size.y - padding.y - 10.0f));
    list.AddRectFilled(ImVec2(min.x - padding.x, min.y - padding.y),
                       ImVec2(min.x + size.x + padding.x, min.y + size.y + padding.y), kStatusPlate, 4.0f);
    list.AddText(min, kStatusText, text.c_str());
}

}  // namespace

void MeasureTool::update(DesktopInput& input, const glm::vec3& eye, const PixelRay& rayThrough, bool keysFree,
                         bool pointerFree) {
    if (!m_tape.available()) return;
    if (keysFree) {
        if (input.pressed(GLFW_KEY_M)) m_tape.setMeasuring(!m_tape.measuring());
        if (input.pressed(GLFW_KEY_C)) m_tape.clear();
        if (m_tape.measuring() && input.pressed(GLFW_KEY_H))
            m_tape.toggleConstraint(nav::MeasureConstraint::Horizontal);
        if (m_tape.measuring() && input.pressed(GLFW_KEY_V))
            m_tape.toggleConstraint(nav::MeasureConstraint::Vertical);
    }
    m_tape.hover(std::nullopt);
    if (!m_tape.measuring() || !pointerFree) return;
    m_tape.hover(eye, rayThrough(input.cursor));
    if (!input.click) return;
    glm::vec3 clicked = rayThrough(*input.click);
    input.click.reset();  // measuring: a click never glides, even one into the sky
    m_tape.select(eye, clicked);
}

void MeasureTool::draw(ImDrawList& list, const glm::mat4& viewProjection, const glm::vec3& eye,
                       glm::vec2 viewport) const {
    if (!m_world) return;
    const Canvas canvas{list, viewProjection, viewport, *m_world, eye};
    for (const nav::Measurement& tape : m_tape.tapes().items()) drawTape(canvas, tape, false);
    if (!m_tape.measuring()) return;
    if (std::optional<nav::Measurement> live = m_tape.liveTape()) drawTape(canvas, *live, true);
    else if (m_tape.first()) drawSnap(canvas, *m_tape.first());
    if (m_tape.hovered()) drawSnap(canvas, *m_tape.hovered());
    drawStatus(list, viewport, m_tape.constraint(), m_tape.first().has_value());
}

}  // namespace oh::viewer
