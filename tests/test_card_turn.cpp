// A card turned to face whoever opened it (table/card_turn.h): the edge a tap
// is nearest, where the card then stands on the table and which way its text
// runs, and ImGui's drawing and pointer carried through the turn.
#include <doctest/doctest.h>

#include <imgui.h>
#include <imgui_internal.h>  // ImDrawListSharedData, to fill a draw list without a whole ImGui frame

#include "table/card_turn.h"

using oh::table::CardTurn;
using oh::table::TableEdge;
using oh::table::nearestEdge;

namespace {

const glm::vec2 kScreen(1280, 800);
const glm::vec2 kCard(512, 752);  // the table's card on this screen: 0.4 of the width, the height less margins
constexpr float kMargin = 24;

// The way a line of the card's text runs on screen, and the way its top faces.
glm::vec2 wayOnScreen(const CardTurn& turn, glm::vec2 way) {
    return turn.toScreen(turn.layoutMin() + way) - turn.toScreen(turn.layoutMin());
}
glm::vec2 readingWay(const CardTurn& turn) { return wayOnScreen(turn, {1, 0}); }
glm::vec2 upWay(const CardTurn& turn) { return wayOnScreen(turn, {0, -1}); }

}  // namespace

TEST_CASE("a tap opens the card for the edge it is nearest, measured against the table's size") {
    CHECK(nearestEdge({640, 780}, kScreen) == TableEdge::Bottom);
    CHECK(nearestEdge({640, 20}, kScreen) == TableEdge::Top);
    CHECK(nearestEdge({30, 400}, kScreen) == TableEdge::Left);
    CHECK(nearestEdge({1250, 400}, kScreen) == TableEdge::Right);
    // 200 px from the bottom and 300 px from the left of a long, narrow
    // table: half its depth away from the bottom, a fifth of its length from the left.
    CHECK(nearestEdge({300, 200}, glm::vec2(1600, 400)) == TableEdge::Left);
    // The very middle belongs to the bottom edge, where the agent's desk is.
    CHECK(nearestEdge(kScreen * 0.5f, kScreen) == TableEdge::Bottom);
}

TEST_CASE("the bottom edge's card stands upright on the right, where it always stood") {
    CardTurn turn(TableEdge::Bottom, kCard, kScreen, kMargin);
    CHECK_FALSE(turn.turned());
    CHECK(turn.screenRect() == glm::vec4(744, 24, 1256, 776));
    CHECK(turn.layoutMin() == glm::vec2(744, 24));
    CHECK(turn.toScreen(glm::vec2(800, 300)) == glm::vec2(800, 300));
    CHECK(readingWay(turn) == glm::vec2(1, 0));
}

TEST_CASE("a card for the far edge is turned half round and stands on that reader's right, the screen's left") {
    CardTurn turn(TableEdge::Top, kCard, kScreen, kMargin);
    CHECK(turn.turned());
    CHECK(turn.screenRect() == glm::vec4(24, 24, 536, 776));
    CHECK(readingWay(turn) == glm::vec2(-1, 0));
    CHECK(upWay(turn) == glm::vec2(0, 1));  // its top towards the middle of the table, away from its reader
    // The card's top-left corner, as laid out, is its reader's top left: the screen's bottom right of the card.
    CHECK(turn.toScreen(turn.layoutMin()) == glm::vec2(536, 776));
}

TEST_CASE("a card for a side is turned a quarter, lies along that side and reads along it") {
    CardTurn left(TableEdge::Left, kCard, kScreen, kMargin);
    CHECK(left.screenRect() == glm::vec4(24, 264, 776, 776));  // 752 into the table, 512 along its side
    CHECK(readingWay(left) == glm::vec2(0, 1));
    CHECK(upWay(left) == glm::vec2(1, 0));
    CardTurn right(TableEdge::Right, kCard, kScreen, kMargin);
    CHECK(right.screenRect() == glm::vec4(504, 24, 1256, 536));
    CHECK(readingWay(right) == glm::vec2(0, -1));
    CHECK(upWay(right) == glm::vec2(-1, 0));
}

TEST_CASE("every edge's card is whole on the table, on wide and tall screens alike") {
    for (glm::vec2 screen : {kScreen, glm::vec2(1920, 1080), glm::vec2(1080, 1920), glm::vec2(3840, 2160)}) {
        glm::vec2 size(std::min(560.0f, std::max(screen.x, screen.y) * 0.4f), std::min(screen.x, screen.y) - 48);
        for (TableEdge edge : {TableEdge::Bottom, TableEdge::Left, TableEdge::Top, TableEdge::Right}) {
            CAPTURE(screen.x);
            CAPTURE(int(edge));
            CardTurn turn(edge, size, screen, kMargin);
            glm::vec4 seen = turn.screenRect();
            CHECK(seen.x >= kMargin);
            CHECK(seen.y >= kMargin);
            CHECK(seen.z <= screen.x - kMargin);
            CHECK(seen.w <= screen.y - kMargin);
            // ImGui lays it out upright, and that place must be on screen too, or ImGui would clip it.
            CHECK(turn.layoutMin().x >= 0);
            CHECK(turn.layoutMin().y >= 0);
            CHECK(turn.layoutMin().x + turn.size().x <= screen.x);
            CHECK(turn.layoutMin().y + turn.size().y <= screen.y);
            glm::vec2 somewhere = turn.layoutMin() + glm::vec2(37, 211);
            CHECK(turn.toLayout(turn.toScreen(somewhere)) == somewhere);
        }
    }
}

TEST_CASE("a finger on a turned card reaches ImGui where it touches the card as laid out") {
    CardTurn turn(TableEdge::Top, kCard, kScreen, kMargin);
    // The "Close" button sits at the card's top right as laid out, that is
    // at the screen's bottom left of the turned card.
    glm::vec2 close = turn.layoutMin() + glm::vec2(kCard.x - 40, 30);
    glm::vec2 seen = turn.toScreen(close);
    CHECK(seen == glm::vec2(64, 746));
    REQUIRE(turn.uiPointer(seen, false).has_value());
    CHECK(*turn.uiPointer(seen, false) == close);
    // Off the card on the bare map, it is where it is...
    CHECK(*turn.uiPointer({640, 400}, false) == glm::vec2(640, 400));
    // ...except over the empty place the card is laid out in, which nobody sees.
    CHECK_FALSE(turn.uiPointer({1000, 400}, false).has_value());
    // A finger that went down on the card keeps going through the turn as it slides off it (a swipe).
    CHECK(*turn.uiPointer({600, 400}, true) == turn.toLayout({600, 400}));
    // An upright card leaves pointers alone.
    CardTurn upright(TableEdge::Bottom, kCard, kScreen, kMargin);
    CHECK(*upright.uiPointer({1000, 400}, false) == glm::vec2(1000, 400));
}

TEST_CASE("what ImGui drew for the card, and its photo, turn with it, clip rectangles staying upright boxes") {
    CardTurn turn(TableEdge::Left, kCard, kScreen, kMargin);
    ImDrawListSharedData shared;
    ImDrawList list(&shared);
    ImDrawVert vertex{};
    vertex.pos = ImVec2(744, 24);  // the card's top-left corner as laid out
    list.VtxBuffer.push_back(vertex);
    vertex.pos = ImVec2(1256, 776);
    list.VtxBuffer.push_back(vertex);
    ImDrawCmd command;
    command.ClipRect = ImVec4(760, 40, 1000, 100);  // a strip along the card's top
    list.CmdBuffer.push_back(command);
    turn.turn(list);
    // The left edge's reader has the card's top towards the table's middle (+x), its left towards the screen's top.
    CHECK(list.VtxBuffer[0].pos.x == doctest::Approx(776));
    CHECK(list.VtxBuffer[0].pos.y == doctest::Approx(264));
    CHECK(list.VtxBuffer[1].pos.x == doctest::Approx(24));
    CHECK(list.VtxBuffer[1].pos.y == doctest::Approx(776));
    const ImVec4& clip = list.CmdBuffer[0].ClipRect;
    CHECK(clip.x == doctest::Approx(700));
    CHECK(clip.y == doctest::Approx(280));
    CHECK(clip.z == doctest::Approx(760));
    CHECK(clip.w == doctest::Approx(520));

    oh::gfx::ScreenQuad photo;
    photo.corners = {glm::vec2(762, 100), glm::vec2(1238, 100), glm::vec2(1238, 400), glm::vec2(762, 400)};
    oh::gfx::ScreenQuad turned = turn.turn(photo);
    for (size_t i = 0; i < 4; ++i) CHECK(turned.corners[i] == turn.toScreen(photo.corners[i]));
    CHECK(turned.corners[0] == glm::vec2(700, 282));  // the photo's top left, turned towards its reader's left
}
