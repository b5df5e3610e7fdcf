// A listing card turned to face the person who opened it. People stand on
// all four sides of the branch table; a card opened by a finger stands at the
// edge nearest the tap, its text upright for someone at that edge (a quarter
// turn for the sides, half a turn for the far edge).
//
// Dear ImGui 1.86 cannot turn a window, so ImGui lays the card out upright
// where the bottom edge has it, and the card is turned afterwards: its draw
// lists' vertices and clip rectangles, its picture's quad, and the pointer on
// its way in (mapped back, so ImGui hits what the person touched). Turns are
// whole quarters, so clip rectangles stay axis-aligned and pixels stay sharp.
//
// Not for: laying the card out (table_app.cpp) or the map's own twist (map/map_view.h).
#pragma once

#include <cstdint>
#include <optional>

#include <glm/glm.hpp>

#include "renderer/screen_quads.h"

struct ImDrawList;

namespace oh::table {

enum class TableEdge : uint8_t { Bottom, Left, Top, Right };

// The edge of a `screen`-sized table nearest `position` (pixels), each
// distance taken relative to the screen's size across that way, so a wide
// table's sides are not favoured. Ties go to the bottom, then left, top, right.
TableEdge nearestEdge(glm::vec2 position, glm::vec2 screen);

// Clockwise quarter turns on screen that make text upright for someone at
// `edge`: 0 bottom, 1 left (its top points to the right), 2 top, 3 right.
int quarterTurns(TableEdge edge);

// Where a card stands and how it is turned, for one frame. Layout space is
// where ImGui lays the card out; screen space is where it is seen.
class CardTurn {
public:
    // A card of `size` (as laid out, upright) for someone at `edge` of a
    // `screen`-sized table: in that person's own view of the table it stands
    // at the right-hand end of their edge, `margin` from both, as the bottom
    // edge's card stands on the right. ImGui lays it out in that bottom-edge
    // place, which is on screen whenever the card fits the screen upright.
    CardTurn(TableEdge edge, glm::vec2 size, glm::vec2 screen, float margin);

    TableEdge edge() const { return m_edge; }
    bool turned() const { return m_turns != 0; }
    glm::vec2 layoutMin() const { return m_layoutCentre - m_size * 0.5f; }
    glm::vec2 size() const { return m_size; }

    glm::vec2 toScreen(glm::vec2 layout) const;
    glm::vec2 toLayout(glm::vec2 screen) const;
    // A layout rectangle (x0, y0, x1, y1) on screen: still axis-aligned.
    glm::vec4 toScreen(const glm::vec4& layoutRect) const;
    // The card on screen (x0, y0, x1, y1).
    glm::vec4 screenRect() const;
    bool onCard(glm::vec2 screen) const;

    // Where ImGui should see a pointer that is at `screen`: on the card (or
    // held by it since going down on it), the place on the upright layout it
    // touches; elsewhere where it is, unless that is on the layout's empty
    // place (the card is not seen there), which is nowhere (nullopt).
    std::optional<glm::vec2> uiPointer(glm::vec2 screen, bool heldByCard) const;

    // Turns what ImGui drew for the card: every vertex and clip rectangle of
    // `list` (call once per list, after the card's windows have ended).
    void turn(ImDrawList& list) const;
    // Turns a picture placed in layout space.
    gfx::ScreenQuad turn(const gfx::ScreenQuad& quad) const;

private:
    TableEdge m_edge;
    int m_turns;
    glm::vec2 m_size;
    glm::vec2 m_layoutCentre;
    glm::vec2 m_screenCentre;
};

}  // namespace oh::table
