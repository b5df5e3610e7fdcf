// What the table's window hands on each frame: every finger and the mouse as
// pointers going down, moving and coming up, in framebuffer pixels, plus the
// wheel and keys. One shape for touch and mouse, so the gestures (and tests
// that inject either) need no second path.
#pragma once

#include <cstdint>
#include <vector>

#include <glm/glm.hpp>

namespace oh::table {

// The mouse's left button is a pointer too, with this id; fingers keep the
// ids the touch device gives them (SDL's finger id, offset past this).
inline constexpr uint64_t kMousePointer = 0;

struct PointerEvent {
    enum class Phase : uint8_t { Down, Move, Up };
    uint64_t id = kMousePointer;
    Phase phase = Phase::Down;
    glm::vec2 position{0.0f};  // framebuffer pixels, top-left origin
};

struct TableInput {
    std::vector<PointerEvent> pointers;  // in the order they happened
    glm::vec2 hover{0.0f};               // where the mouse is (framebuffer pixels)
    float wheel = 0.0f;                  // notches, positive away from the user
    std::vector<int32_t> keysPressed;    // SDL keycodes, in order
};

}  // namespace oh::table
