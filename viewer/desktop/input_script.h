// Scripted desktop input, frame by frame, so window tests (and demos) can
// walk, look, click and press keys without a person:
//
//   "hold W 0 90; drag 100 -40 0; click 120 640 360; press 150 TAB"
//
//   hold KEY FROM TO   KEY is down from frame FROM up to (not including) TO
//   drag FRAME DX DY   a left-button drag of (DX, DY) pixels at FRAME
//   move FRAME X Y     the pointer moves to pixel (X, Y) at FRAME
//   click FRAME X Y    the pointer moves to (X, Y) and clicks there at FRAME
//   scroll FRAME N     the wheel turns N notches at FRAME (negative: towards the user)
//   press FRAME KEY    KEY is pressed once at FRAME
//   tour FRAME PATH    at FRAME, switch to the tour at PATH (the rest of the
//                      item: a path may hold spaces, not ';')
//
// Keys: A-Z, UP, DOWN, LEFT, RIGHT, SHIFT, TAB, F1, F12, ESC.
//
// Once a script has moved the pointer it stays where the script left it, for
// the panel as for the view. The view leaves a click to the panel when the
// pointer was over the panel the frame before, as with a hand on a mouse, so
// a click on the panel follows a move to the same place a frame or more
// earlier (else the view takes the click as well).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"
#include "viewer/desktop/desktop_presenter.h"

namespace oh::viewer {

class InputScript {
public:
    // Errors name the event that could not be read.
    static Result<InputScript> parse(const std::string& text);

    // Adds this frame's scripted input to `input` (the pointer too, once the script has moved it).
    void apply(uint64_t frame, DesktopInput& input) const;
    bool empty() const { return m_events.empty(); }
    // Where the script has put the pointer by `frame`; none before it first moves it.
    std::optional<glm::vec2> pointerAt(uint64_t frame) const;
    // The tour the script switches to at `frame`, if it does then.
    std::optional<std::filesystem::path> tourAt(uint64_t frame) const;

private:
    struct Event {
        enum class Kind { Hold, Drag, Move, Click, Scroll, Press, Tour } kind;
        uint64_t from = 0, to = 0;
        int key = 0;
        glm::vec2 value{0.0f};
        std::filesystem::path tour;
    };
    std::vector<Event> m_events;
};

}  // namespace oh::viewer
