// The agent's guided tour (viewer/tour/guided_tour.h): stepping through the
// stops, autoplay's dwell, its pause when the customer moves on their own,
// resuming, and its end at the last stop. Plain state, no GPU.
#include <doctest/doctest.h>

#include <optional>
#include <vector>

#include "viewer/tour/guided_tour.h"

namespace oh::test {
namespace {

using viewer::GuidedTour;
using Stop = std::optional<uint32_t>;

// Runs autoplay's clock for `seconds` in frames of `dt`; the stops it moved to, in order.
std::vector<uint32_t> play(GuidedTour& tour, float seconds, float dt = 0.25f) {
    std::vector<uint32_t> moves;
    for (float t = 0.0f; t < seconds - 1e-4f; t += dt)
        if (Stop stop = tour.advance(dt, false)) moves.push_back(*stop);
    return moves;
}

TEST_CASE("next and previous step through the stops in order and wrap around at either end") {
    GuidedTour tour(3);
    CHECK(tour.current() == std::nullopt);
    CHECK(tour.next() == Stop(0));
    CHECK(tour.next() == Stop(1));
    CHECK(tour.next() == Stop(2));
    CHECK(tour.next() == Stop(0));  // from the last stop back to the first, the door
    CHECK(tour.previous() == Stop(2));
    CHECK(tour.previous() == Stop(1));
    CHECK(tour.current() == Stop(1));

    GuidedTour fresh(3);
    CHECK(fresh.previous() == Stop(2));  // before any stop: previous is the last

    CHECK(tour.goTo(0) == Stop(0));
    CHECK(tour.goTo(3) == std::nullopt);  // no such stop: the customer stays
    CHECK(tour.current() == Stop(0));
}

TEST_CASE("a tour with no stops answers none to every step and never autoplays") {
    GuidedTour tour(0);
    CHECK(tour.next() == std::nullopt);
    CHECK(tour.previous() == std::nullopt);
    CHECK(tour.goTo(0) == std::nullopt);
    CHECK(tour.setAutoplay(true) == std::nullopt);
    CHECK_FALSE(tour.autoplay());
    CHECK(tour.advance(100.0f, false) == std::nullopt);
}

TEST_CASE("autoplay starts at the first stop, moves on after each dwell and stops at the last stop") {
    GuidedTour tour(3, 5.0f);
    CHECK(tour.setAutoplay(true) == Stop(0));
    CHECK(tour.autoplay());
    CHECK(tour.secondsLeft() == doctest::Approx(5.0f));
    CHECK(play(tour, 4.75f).empty());  // not before the dwell is over
    CHECK(tour.secondsLeft() == doctest::Approx(0.25f));
    CHECK(play(tour, 0.25f) == std::vector<uint32_t>{1});
    CHECK(play(tour, 5.0f) == std::vector<uint32_t>{2});
    // The last stop's dwell ends the tour: autoplay off, the customer stays.
    CHECK(play(tour, 5.0f).empty());
    CHECK_FALSE(tour.autoplay());
    CHECK(tour.current() == Stop(2));
    CHECK(play(tour, 60.0f).empty());
}

TEST_CASE("autoplay turned on mid-tour dwells where the customer is; at the last stop it starts over") {
    GuidedTour tour(3, 5.0f);
    tour.goTo(1);
    CHECK(tour.setAutoplay(true) == std::nullopt);  // stays at stop 1, full dwell
    CHECK(play(tour, 5.0f) == std::vector<uint32_t>{2});
    CHECK(tour.setAutoplay(false) == std::nullopt);
    CHECK(play(tour, 60.0f).empty());  // off: nothing moves on
    CHECK(tour.setAutoplay(true) == Stop(0));  // at the last stop: the tour again from the start
}

TEST_CASE("the agent's step during autoplay gives the new stop its full dwell") {
    GuidedTour tour(4, 5.0f);
    tour.setAutoplay(true);
    play(tour, 4.0f);
    CHECK(tour.next() == Stop(1));
    CHECK(tour.secondsLeft() == doctest::Approx(5.0f));
    CHECK(play(tour, 4.75f).empty());
    CHECK(play(tour, 0.25f) == std::vector<uint32_t>{2});
}

TEST_CASE("autoplay pauses when the customer moves on their own and goes on to the next stop when resumed") {
    GuidedTour tour(3, 5.0f);
    tour.setAutoplay(true);
    play(tour, 2.0f);
    CHECK(tour.advance(0.25f, true) == std::nullopt);  // a teleport of their own
    CHECK(tour.paused());
    CHECK(tour.autoplay());
    CHECK(play(tour, 60.0f).empty());  // paused: the clock stands still
    CHECK(tour.current() == Stop(0));

    CHECK(tour.resume() == Stop(1));  // they have seen this stop and more: on to the next
    CHECK_FALSE(tour.paused());
    CHECK(tour.secondsLeft() == doctest::Approx(5.0f));
    CHECK(play(tour, 5.0f) == std::vector<uint32_t>{2});
    CHECK(tour.resume() == std::nullopt);  // not paused: nothing to resume
}

TEST_CASE("a pause is ended by the agent's own step, and resuming at the last stop ends the tour") {
    GuidedTour tour(3, 5.0f);
    tour.setAutoplay(true);
    tour.advance(0.25f, true);
    CHECK(tour.previous() == Stop(2));  // the agent leads again
    CHECK_FALSE(tour.paused());
    tour.advance(0.25f, true);
    CHECK(tour.resume() == std::nullopt);  // nothing after the last stop
    CHECK_FALSE(tour.autoplay());
    CHECK_FALSE(tour.paused());
    CHECK(tour.current() == Stop(2));
}

TEST_CASE("a stop with a dwell of its own (the listing's spots[].dwell) keeps autoplay there that long") {
    GuidedTour tour(3, 5.0f);
    tour.setStopDwell(1, 12.0f);
    tour.setStopDwell(2, 0.0f);  // refused: a stop cannot be skipped so
    CHECK(tour.dwellAt(0) == doctest::Approx(5.0f));
    CHECK(tour.dwellAt(1) == doctest::Approx(12.0f));
    CHECK(tour.dwellAt(2) == doctest::Approx(5.0f));
    CHECK(tour.setAutoplay(true) == Stop(0));
    CHECK(play(tour, 5.0f) == std::vector<uint32_t>{1});
    CHECK(tour.secondsLeft() == doctest::Approx(12.0f));
    CHECK(play(tour, 11.75f).empty());  // still there after 11.75 s
    CHECK(play(tour, 0.25f) == std::vector<uint32_t>{2});
    CHECK(tour.goTo(1) == Stop(1));  // the agent's step: that stop's own full dwell
    CHECK(tour.secondsLeft() == doctest::Approx(12.0f));
}

TEST_CASE("the customer's moves count only while autoplay is on") {
    GuidedTour tour(3, 5.0f);
    tour.next();
    CHECK(tour.advance(0.25f, true) == std::nullopt);
    CHECK_FALSE(tour.paused());
    CHECK(tour.setAutoplay(true) == std::nullopt);
    CHECK(play(tour, 5.0f) == std::vector<uint32_t>{1});
}

}  // namespace
}  // namespace oh::test
