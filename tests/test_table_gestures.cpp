// The table's gestures: one finger pans, two pinch about the point between
// them, a touch that stays put is a tap, and pointers on a card never move
// the map (table/map_gestures.h).
#include <doctest/doctest.h>

#include <vector>

#include "table/map_gestures.h"

using oh::table::MapGesture;
using oh::table::MapGestures;
using oh::table::PointerEvent;
using Phase = oh::table::PointerEvent::Phase;

namespace {

auto everywhereMap = [](glm::vec2) { return true; };

// Where a map point ends up after the gesture: pan, then zoom about the anchor.
glm::vec2 applied(const MapGesture& gesture, glm::vec2 point) {
    glm::vec2 panned = point + gesture.pan;
    return gesture.zoomAnchor + (panned - gesture.zoomAnchor) * gesture.zoomFactor;
}

}  // namespace

TEST_CASE("a touch that stays put is a tap where it went down") {
    MapGestures gestures;
    std::vector<PointerEvent> down{{5, Phase::Down, {400, 300}}};
    CHECK(gestures.update(down, everywhereMap).empty());
    std::vector<PointerEvent> up{{5, Phase::Move, {405, 303}}, {5, Phase::Up, {405, 303}}};
    MapGesture gesture = gestures.update(up, everywhereMap);
    REQUIRE(gesture.taps.size() == 1);
    CHECK(gesture.taps[0].position == glm::vec2(400, 300));
    CHECK(gesture.taps[0].pointer == 5);  // the finger, so the card can face whoever tapped
    CHECK(gesture.pan == glm::vec2(0.0f));
}

TEST_CASE("a drag pans by the whole distance and is no tap") {
    MapGestures gestures;
    std::vector<PointerEvent> events{{5, Phase::Down, {400, 300}}, {5, Phase::Move, {410, 300}},
                                     {5, Phase::Move, {460, 340}}, {5, Phase::Up, {460, 340}}};
    MapGesture gesture = gestures.update(events, everywhereMap);
    CHECK(gesture.taps.empty());
    CHECK(gesture.pan.x == doctest::Approx(60));
    CHECK(gesture.pan.y == doctest::Approx(40));
}

TEST_CASE("a pinch keeps the map under both fingers") {
    MapGestures gestures;
    // The fingers start on map points A and B; wherever they go, A and B follow.
    glm::vec2 a{300, 400}, b{500, 400};
    std::vector<PointerEvent> down{{1, Phase::Down, a}, {2, Phase::Down, b}};
    gestures.update(down, everywhereMap);
    std::vector<PointerEvent> moves{{1, Phase::Move, {250, 380}}, {2, Phase::Move, {600, 450}},
                                    {1, Phase::Move, {240, 370}}};
    MapGesture gesture = gestures.update(moves, everywhereMap);
    glm::vec2 aNow = applied(gesture, a), bNow = applied(gesture, b);
    // A pinch scales and translates (no turn), so the fingers' midpoint and
    // span carry the map: check those.
    glm::vec2 fingersMid = (glm::vec2(240, 370) + glm::vec2(600, 450)) * 0.5f;
    CHECK(glm::length((aNow + bNow) * 0.5f - fingersMid) < 0.5f);
    float span = glm::length(glm::vec2(600, 450) - glm::vec2(240, 370));
    CHECK(glm::length(bNow - aNow) == doctest::Approx(span).epsilon(0.01));
    std::vector<PointerEvent> up{{1, Phase::Up, {240, 370}}, {2, Phase::Up, {600, 450}}};
    CHECK(gestures.update(up, everywhereMap).taps.empty());  // a pinch is never a tap
}

TEST_CASE("a finger on a card never moves the map, while another pans it") {
    MapGestures gestures;
    auto mapLeftOfCard = [](glm::vec2 at) { return at.x < 1000; };
    std::vector<PointerEvent> events{{1, Phase::Down, {1200, 300}},  // on the card
                                     {2, Phase::Down, {400, 300}},   // on the map
                                     {1, Phase::Move, {1300, 500}},  {2, Phase::Move, {450, 300}},
                                     {1, Phase::Up, {1300, 500}}};
    MapGesture gesture = gestures.update(events, mapLeftOfCard);
    CHECK(gesture.zoomFactor == 1.0f);
    CHECK(gesture.pan == glm::vec2(50, 0));
    CHECK(gesture.taps.empty());
    CHECK(gestures.mapPointers() == 1);
}

TEST_CASE("a third finger waits, and a pinch losing a finger goes on as a drag without a jump") {
    MapGestures gestures;
    std::vector<PointerEvent> down{{1, Phase::Down, {300, 300}}, {2, Phase::Down, {500, 300}},
                                   {3, Phase::Down, {700, 700}}};
    gestures.update(down, everywhereMap);
    std::vector<PointerEvent> third{{3, Phase::Move, {900, 900}}};
    CHECK(gestures.update(third, everywhereMap).empty());
    std::vector<PointerEvent> lift{{1, Phase::Up, {300, 300}}};
    gestures.update(lift, everywhereMap);
    // Fingers 2 and 3 now lead: 3 moving pinches about 2.
    std::vector<PointerEvent> after{{2, Phase::Move, {510, 300}}};
    MapGesture gesture = gestures.update(after, everywhereMap);
    CHECK(gesture.zoomFactor != 1.0f);
    std::vector<PointerEvent> liftAll{{3, Phase::Up, {900, 900}}};
    gestures.update(liftAll, everywhereMap);
    std::vector<PointerEvent> drag{{2, Phase::Move, {530, 310}}};
    gesture = gestures.update(drag, everywhereMap);
    CHECK(gesture.pan == glm::vec2(20, 10));
    CHECK(gesture.zoomFactor == 1.0f);
}
