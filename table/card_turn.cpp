#include "table/card_turn.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace oh::table {
namespace {

// `v` turned `turns` quarter turns clockwise as seen on screen (+y down).
glm::vec2 rotate(glm::vec2 v, int turns) {
    switch (turns & 3) {
    case 1: return {-v.y, v.x};
    case 2: return {-v.x, -v.y};
    case 3: return {v.y, -v.x};
    default: return v;
    }
}

bool inside(glm::vec2 point, const glm::vec4& rect) {
    return point.x >= rect.x && point.x <= rect.z && point.y >= rect.y && point.y <= rect.w;
}

}  // namespace

TableEdge nearestEdge(glm::vec2 position, glm::vec2 screen) {
    const float distances[4] = {(screen.y - position.y) / screen.y, position.x / screen.x, position.y / screen.y,
                                (screen.x - position.x) / screen.x};
    return TableEdge(std::min_element(std::begin(distances), std::end(distances)) - std::begin(distances));
}

int quarterTurns(TableEdge edge) { return int(edge); }

CardTurn::CardTurn(TableEdge edge, glm::vec2 size, glm::vec2 screen, float margin)
    : m_edge(edge), m_turns(quarterTurns(edge)),
      // Even sizes keep both centres on whole pixels, so a turned card's text
      // lands on pixels as sharply as an upright one's.
      m_size(2.0f * glm::floor(size * 0.5f)) {
    // The bottom edge's place: on the right, `margin` from the right and bottom edges.
    const glm::vec2 corner = screen - glm::vec2(margin) - m_size * 0.5f;
    m_layoutCentre = glm::floor(corner);
    // The same place in the turned person's view of the table (their width
    // and depth swap on a side), brought back to the screen about its middle.
    const glm::vec2 seen = (m_turns & 1) ? glm::vec2(screen.y, screen.x) : screen;
    const glm::vec2 theirs = glm::floor(seen - glm::vec2(margin) - m_size * 0.5f);
    m_screenCentre = glm::floor(screen * 0.5f) + rotate(theirs - glm::floor(seen * 0.5f), m_turns);
}

glm::vec2 CardTurn::toScreen(glm::vec2 layout) const {
    return m_screenCentre + rotate(layout - m_layoutCentre, m_turns);
}

glm::vec2 CardTurn::toLayout(glm::vec2 screen) const {
    return m_layoutCentre + rotate(screen - m_screenCentre, 4 - m_turns);
}

glm::vec4 CardTurn::toScreen(const glm::vec4& layoutRect) const {
    glm::vec2 a = toScreen(glm::vec2(layoutRect.x, layoutRect.y));
    glm::vec2 b = toScreen(glm::vec2(layoutRect.z, layoutRect.w));
    return {std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
}

glm::vec4 CardTurn::screenRect() const {
    glm::vec2 min = layoutMin(), max = layoutMin() + m_size;
    return toScreen(glm::vec4(min.x, min.y, max.x, max.y));
}

bool CardTurn::onCard(glm::vec2 screen) const { return inside(screen, screenRect()); }

std::optional<glm::vec2> CardTurn::uiPointer(glm::vec2 screen, bool heldByCard) const {
    if (heldByCard || onCard(screen)) return toLayout(screen);
    glm::vec2 min = layoutMin(), max = layoutMin() + m_size;
    if (turned() && inside(screen, glm::vec4(min.x, min.y, max.x, max.y))) return std::nullopt;
    return screen;
}

void CardTurn::turn(ImDrawList& list) const {
    if (!turned()) return;
    for (ImDrawVert& vertex : list.VtxBuffer) {
        glm::vec2 at = toScreen(glm::vec2(vertex.pos.x, vertex.pos.y));
        vertex.pos = ImVec2(at.x, at.y);
    }
    for (ImDrawCmd& command : list.CmdBuffer) {
        glm::vec4 clip = toScreen(glm::vec4(command.ClipRect.x, command.ClipRect.y, command.ClipRect.z,
                                            command.ClipRect.w));
        command.ClipRect = ImVec4(clip.x, clip.y, clip.z, clip.w);
    }
}

gfx::ScreenQuad CardTurn::turn(const gfx::ScreenQuad& quad) const {
    gfx::ScreenQuad turned = quad;
    for (glm::vec2& corner : turned.corners) corner = toScreen(corner);
    return turned;
}

}  // namespace oh::table
