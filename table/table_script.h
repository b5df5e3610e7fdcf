// Scripted touches, clicks and keys for the branch table, frame by frame, so
// window tests (and demos) can use it without a touchscreen. Events are
// pushed into SDL's own queue (SDL_PushEvent) as the touch device or the
// mouse would deliver them, so they take the same path as a person's.
//
//   "tap 10 800 500; drag 20 1 800 500 600 450 8; pinch 40 800 500 200 400 10; click 60 100 100; key 70 ESCAPE"
//
//   touch FRAME FINGER X Y PHASE   one finger event (PHASE: down, move, up)
//   tap FRAME X Y                  a finger down at FRAME and up at FRAME+1
//   drag FRAME FINGER X0 Y0 X1 Y1 N  down at FRAME, N moves to (X1, Y1), up after
//   pinch FRAME X Y SPAN0 SPAN1 N  two fingers either side of (X, Y), SPAN0 apart,
//                                  spread (or closed) to SPAN1 over N frames
//   click FRAME X Y                the mouse's left button down and up at (X, Y)
//   wheel FRAME X Y N              the mouse moves to (X, Y) and the wheel turns N notches
//   key FRAME NAME                 a key pressed (SDL's key name: Escape, F12, Space, A...)
//
// Coordinates are framebuffer pixels. Frames count from 0.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <SDL2/SDL.h>

#include "core/result.h"

namespace oh::table {

class TableScript {
public:
    // Errors name the item that could not be read.
    static Result<TableScript> parse(const std::string& text);

    // Pushes the events of `frame` into SDL's queue for `window`, whose
    // drawable is `pixelWidth` x `pixelHeight`.
    void push(uint64_t frame, SDL_Window* window, uint32_t pixelWidth, uint32_t pixelHeight) const;
    // The last frame any event is pushed on (0 for an empty script).
    uint64_t lastFrame() const;

private:
    enum class Kind : uint8_t { FingerDown, FingerMove, FingerUp, MouseDown, MouseUp, Wheel, Key };
    struct Event {
        uint64_t frame = 0;
        Kind kind = Kind::FingerDown;
        int64_t finger = 0;
        float x = 0, y = 0;
        float wheel = 0;
        int32_t key = 0;
    };
    std::vector<Event> m_events;  // in frame order, as they come in a frame
};

}  // namespace oh::table
