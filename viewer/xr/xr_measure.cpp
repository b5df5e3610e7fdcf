#include "viewer/xr/xr_measure.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace oh::viewer {
namespace {

// Tape-measure yellow (the desktop's, sRGB 255 196 28) in linear light, as shapes take it.
const glm::vec4 kTape{1.0f, 0.55f, 0.012f, 1.0f};
const glm::vec4 kLiveTape{1.0f, 0.55f, 0.012f, 0.65f};
const glm::vec4 kSnap{1.0f, 0.55f, 0.012f, 0.9f};
// The plate: light with dark digits and edge (sRGB, as ImGui takes colours).
const ImVec4 kPlate(0.99f, 0.98f, 0.95f, 1.0f);
const ImVec4 kPlateEdge(0.12f, 0.12f, 0.12f, 1.0f);
const ImVec4 kDigits(0.07f, 0.08f, 0.09f, 1.0f);
constexpr float kLivePlateOpacity = 0.8f;

// The plate's image: one line of ProggyClean, a little padding (at the sides
// the rounded ends' radius); as wide as its text.
constexpr float kPaddingY = 7.0f;
constexpr float kPaddingX = 0.5f * WorldPanel::kFontPixels + kPaddingY;
constexpr uint32_t kPlateWidthPixels = 256;
constexpr uint32_t kPlateHeightPixels = uint32_t(WorldPanel::kFontPixels + 2.0f * kPaddingY);
// ProggyClean's digits span this share of its line.
constexpr float kDigitsShareOfLine = 0.62f;
constexpr float kNearestScaleMetres = 0.3f;  // nearer, the plate shrinks no further
// Towards the eye from the tape's middle, so the plate hides the bar behind it rather than cutting it.
constexpr float kPlateLift = 0.04f;

// The bar: at least 8 mm thick, thicker far away so it stays a line.
constexpr float kBarHalfWidth = 0.004f;
constexpr float kBarHalfWidthPerMetre = 0.0015f;
constexpr float kStopHalfSize = 0.025f;   // the square stop across each end
constexpr float kStopHalfDepth = 0.003f;
// A surface: this near its point is the surface itself, not something in front of it.
constexpr float kSurfaceSlack = 0.03f;

// A frame with its +Z along `along` (unit) and its X level where it can be.
glm::mat4 frameAlong(const glm::vec3& centre, const glm::vec3& along) {
    glm::vec3 reference = std::abs(along.y) < 0.9f ? glm::vec3(0.0f, 1.0f, 0.0f) : glm::vec3(1.0f, 0.0f, 0.0f);
    glm::vec3 x = glm::normalize(glm::cross(reference, along));
    glm::vec3 y = glm::cross(along, x);
    return glm::mat4(glm::vec4(x, 0.0f), glm::vec4(y, 0.0f), glm::vec4(along, 0.0f), glm::vec4(centre, 1.0f));
}

void addTape(gfx::OverlayGeometry& shapes, const nav::Measurement& tape, const glm::vec3& eye, bool live) {
    glm::vec3 span = tape.to - tape.from;
    float length = glm::length(span);
    if (length < 1e-4f) return;
    glm::vec3 along = span / length;
    glm::vec3 middle = (tape.from + tape.to) * 0.5f;
    float halfWidth = std::max(kBarHalfWidth, kBarHalfWidthPerMetre * glm::distance(eye, middle));
    const glm::vec4& colour = live ? kLiveTape : kTape;
    shapes.addBox(frameAlong(middle, along), glm::vec3(halfWidth, halfWidth, 0.5f * length), colour);
    // Stops just off the surfaces they end on, or they fight them for depth.
    float inset = std::min(kStopHalfDepth + 0.002f, 0.5f * length);
    shapes.addBox(frameAlong(tape.from + along * inset, along), glm::vec3(kStopHalfSize, kStopHalfSize, kStopHalfDepth),
                  colour);
    shapes.addBox(frameAlong(tape.to - along * inset, along), glm::vec3(kStopHalfSize, kStopHalfSize, kStopHalfDepth),
                  colour);
}

// Where a pick would land: a ring on a surface, a cube on an edge (with the
// edge drawn along), a diamond on a corner; about 1.2 % of its distance across.
void addSnap(gfx::OverlayGeometry& shapes, const nav::MeasurePoint& snap, const glm::vec3& eye) {
    float size = std::clamp(0.012f * glm::distance(eye, snap.point), 0.01f, 0.06f);
    switch (snap.snap) {
        case nav::SnapKind::Surface:
            shapes.addDisc(snap.point + snap.normal * 0.004f, snap.normal, size, kSnap, size * 0.6f);
            break;
        case nav::SnapKind::Edge: {
            glm::vec3 edge[2] = {snap.edgeFrom + snap.normal * 0.003f, snap.edgeTo + snap.normal * 0.003f};
            shapes.addTube(edge, 0.003f, kSnap);
            glm::vec3 along = snap.edgeTo - snap.edgeFrom;
            along = glm::length(along) > 1e-5f ? glm::normalize(along) : glm::vec3(0.0f, 0.0f, 1.0f);
            shapes.addBox(frameAlong(snap.point, along), glm::vec3(size * 0.6f), kSnap);
            break;
        }
        case nav::SnapKind::Corner: {
            // A cube stood on its corner: a diamond from every side.
            glm::mat4 diamond = frameAlong(snap.point, glm::normalize(glm::vec3(1.0f, 1.0f, 1.0f)));
            shapes.addBox(diamond, glm::vec3(size * 0.6f), kSnap);
            break;
        }
    }
}

}  // namespace

std::optional<nav::Measurement> XrMeasure::point(std::optional<LaserRay> laser, bool triggerPressed) {
    if (!laser) {
        m_tape.hover(std::nullopt);
        return std::nullopt;
    }
    m_tape.hover(laser->origin, laser->direction);
    if (!triggerPressed) return std::nullopt;
    return m_tape.select(laser->origin, laser->direction);
}

bool XrMeasure::seen(const glm::vec3& eye, const glm::vec3& point) const {
    if (!m_world) return false;
    glm::vec3 toPoint = point - eye;
    float distance = glm::length(toPoint);
    if (distance <= kSurfaceSlack) return true;
    // Glass hides nothing: a tape outside a window is read through it.
    return !nav::anyHit(*m_world, nav::RayQuery{eye, toPoint, distance - kSurfaceSlack, true});
}

Status XrMeasure::record(const glm::vec3& eye, float dt, gfx::OverlayGeometry& shapes,
                         std::vector<gfx::OverlayQuad>& quads, VkCommandBuffer cmd, uint32_t frameSlot) {
    if (!m_tape.available()) return ok();
    struct Label {
        nav::Measurement tape;
        bool live;
        float distance;
    };
    std::vector<Label> labels;
    for (const nav::Measurement& tape : m_tape.tapes().items()) {
        addTape(shapes, tape, eye, false);
        glm::vec3 middle = (tape.from + tape.to) * 0.5f;
        labels.push_back({tape, false, glm::distance(eye, middle)});
    }
    std::sort(labels.begin(), labels.end(), [](const Label& a, const Label& b) { return a.distance < b.distance; });
    if (m_tape.measuring()) {
        std::optional<nav::Measurement> live = m_tape.liveTape();
        if (live) {
            addTape(shapes, *live, eye, true);
            labels.insert(labels.begin(), {*live, true, glm::distance(eye, (live->from + live->to) * 0.5f)});
        } else if (m_tape.first()) {
            addSnap(shapes, *m_tape.first(), eye);
        }
        if (m_tape.hovered()) addSnap(shapes, *m_tape.hovered(), eye);
    }

    size_t used = 0;
    for (const Label& label : labels) {
        if (used == kMaxLabels) break;
        glm::vec3 middle = (label.tape.from + label.tape.to) * 0.5f;
        if (!seen(eye, middle)) continue;
        if (used == m_plates.size()) {
            WorldPanelOptions options;
            options.widthPixels = kPlateWidthPixels;
            options.heightPixels = kPlateHeightPixels;
            options.framesInFlight = m_framesInFlight;
            options.transparent = true;
            options.name = "tape length plate";
            auto panel = WorldPanel::create(m_context, options);
            if (!panel) return panel.error();
            m_plates.push_back({std::move(panel.value()), 0.0f});
        }
        Plate& plate = m_plates[used++];
        OH_TRY(drawPlate(plate, nav::formatLength(label.tape.metres),
                         label.tape.rule == nav::MeasureRule::SquareToSurface, dt, cmd, frameSlot));

        // Upright, its face turned to the eye; sized by its distance (the header's rule).
        glm::vec3 toEye = eye - middle;
        float distance = glm::length(toEye);
        if (distance < 1e-3f) continue;
        glm::vec3 centre = middle + toEye / distance * std::min(kPlateLift, 0.5f * distance);
        glm::vec3 facing = eye - centre;
        float seenFrom = glm::length(facing);
        float yaw = std::atan2(facing.x, facing.z);
        float pitch = std::asin(std::clamp(facing.y / seenFrom, -1.0f, 1.0f));
        float digits = kDigitsAtOneMetre * std::sqrt(std::clamp(seenFrom, kNearestScaleMetres, kGrowsUntil));
        float metresPerPixel = digits / (kDigitsShareOfLine * WorldPanel::kFontPixels);
        glm::vec2 size = glm::vec2(plate.widthPixels, float(kPlateHeightPixels)) * metresPerPixel;
        quads.push_back({WorldPanel::panelTransform(centre, yaw, pitch, size), plate.panel->imageView(),
                         label.live ? kLivePlateOpacity : 1.0f});
    }
    return ok();
}

// "380 cm" on a rounded light plate as wide as it; a "⟂" after a length
// taken square to the surface (the desktop's badge: the font has no such
// glyph). The live tape's plate differs only by its quad's opacity.
Status XrMeasure::drawPlate(Plate& plate, const std::string& text, bool square, float dt, VkCommandBuffer cmd,
                            uint32_t frameSlot) {
    plate.panel->beginFrame(dt, std::nullopt, false);
    ImVec2 textSize = ImGui::CalcTextSize(text.c_str());
    float badge = square ? textSize.y * 0.6f : 0.0f;
    float gap = square ? textSize.y * 0.3f : 0.0f;
    float width = std::min(std::ceil(textSize.x + gap + badge) + 2.0f * kPaddingX, float(kPlateWidthPixels));
    ImVec2 plateSize(width, float(kPlateHeightPixels));
    plate.widthPixels = width;
    plate.panel->showLeftPart(width);

    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f), ImGuiCond_Always);
    ImGui::SetNextWindowSize(plateSize, ImGuiCond_Always);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(kPaddingX, kPaddingY));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.5f * plateSize.y);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, kPlate);
    ImGui::PushStyleColor(ImGuiCol_Border, kPlateEdge);
    ImGui::PushStyleColor(ImGuiCol_Text, kDigits);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoNav |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;
    if (ImGui::Begin("##tape length", nullptr, flags)) {
        ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::TextUnformatted(text.c_str());
        if (square) {
            ImDrawList& list = *ImGui::GetWindowDrawList();
            ImU32 ink = ImGui::GetColorU32(kDigits);
            float left = at.x + textSize.x + gap, bottom = at.y + textSize.y * 0.8f, top = bottom - badge;
            list.AddLine(ImVec2(left + badge * 0.5f, top), ImVec2(left + badge * 0.5f, bottom), ink, 2.0f);
            list.AddLine(ImVec2(left, bottom), ImVec2(left + badge, bottom), ink, 2.0f);
        }
    }
    ImGui::End();
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar(3);
    return plate.panel->record(cmd, frameSlot);
}

}  // namespace oh::viewer
