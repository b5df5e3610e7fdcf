// Scripted desktop input, frame by frame, so window tests (and demos) can
// walk, look, click and press keys without a person:
//
//   "hold W 0 90; drag 100 -40 0; click 120 640 360; press 150 TAB"
//
//   hold KEY FROM TO   KEY is down from frame FROM up to (not including) TO
//   drag FRAME DX DY   a left-button drag of (DX, DY) pixels at FRAME
//   click FRAME X Y    a left click at pixel (X, Y) at FRAME
//   press FRAME KEY    KEY is pressed once at FRAME
//
// Keys: A-Z, UP, DOWN, LEFT, RIGHT, SHIFT, TAB, F1, F12, ESC.
#pragma once

#include <cstdint>
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

    // Adds this frame's scripted input to `input`.
    void apply(uint64_t frame, DesktopInput& input) const;
    bool empty() const { return m_events.empty(); }

private:
    struct Event {
        enum class Kind { Hold, Drag, Click, Press } kind;
        uint64_t from = 0, to = 0;
        int key = 0;
        glm::vec2 value{0.0f};
    };
    std::vector<Event> m_events;
};

}  // namespace oh::viewer
