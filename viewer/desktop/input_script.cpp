#include "viewer/desktop/input_script.h"

#include <cctype>
#include <sstream>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace oh::viewer {
namespace {

int keyCode(const std::string& name) {
    if (name.size() == 1 && name[0] >= 'A' && name[0] <= 'Z') return GLFW_KEY_A + (name[0] - 'A');
    if (name == "UP") return GLFW_KEY_UP;
    if (name == "DOWN") return GLFW_KEY_DOWN;
    if (name == "LEFT") return GLFW_KEY_LEFT;
    if (name == "RIGHT") return GLFW_KEY_RIGHT;
    if (name == "SHIFT") return GLFW_KEY_LEFT_SHIFT;
    if (name == "TAB") return GLFW_KEY_TAB;
    if (name == "F1") return GLFW_KEY_F1;
    if (name == "F12") return GLFW_KEY_F12;
    if (name == "ESC") return GLFW_KEY_ESCAPE;
    return GLFW_KEY_UNKNOWN;
}

}  // namespace

Result<InputScript> InputScript::parse(const std::string& text) {
    InputScript script;
    std::stringstream events(text);
    std::string item;
    while (std::getline(events, item, ';')) {
        std::istringstream words(item);
        std::string verb;
        if (!(words >> verb)) continue;
        Event event{};
        bool read = false;
        std::string key;
        if (verb == "hold") {
            event.kind = Event::Kind::Hold;
            read = bool(words >> key >> event.from >> event.to) && event.to > event.from;
        } else if (verb == "drag") {
            event.kind = Event::Kind::Drag;
            read = bool(words >> event.from >> event.value.x >> event.value.y);
        } else if (verb == "move" || verb == "click") {
            event.kind = verb == "move" ? Event::Kind::Move : Event::Kind::Click;
            read = bool(words >> event.from >> event.value.x >> event.value.y);
        } else if (verb == "scroll") {
            event.kind = Event::Kind::Scroll;
            read = bool(words >> event.from >> event.value.y);
        } else if (verb == "press") {
            event.kind = Event::Kind::Press;
            read = bool(words >> event.from >> key);
        } else if (verb == "tour") {
            event.kind = Event::Kind::Tour;
            std::string path;
            read = bool(words >> event.from) && std::getline(words >> std::ws, path) && !path.empty();
            while (!path.empty() && std::isspace(static_cast<unsigned char>(path.back()))) path.pop_back();
            event.tour = path;
        }
        std::string trailing;
        if (!read || (words >> trailing)) return makeError("--input-script: cannot read '" + item + "'");
        if (!key.empty()) {
            event.key = keyCode(key);
            if (event.key == GLFW_KEY_UNKNOWN) return makeError("--input-script: unknown key '" + key + "' in '" + item + "'");
        }
        if (event.kind != Event::Kind::Hold) event.to = event.from + 1;
        script.m_events.push_back(event);
    }
    return script;
}

void InputScript::apply(uint64_t frame, DesktopInput& input) const {
    if (std::optional<glm::vec2> pointer = pointerAt(frame)) input.cursor = *pointer;
    for (const Event& event : m_events) {
        if (frame < event.from || frame >= event.to) continue;
        switch (event.kind) {
            case Event::Kind::Hold: input.keysHeld.push_back(event.key); break;
            case Event::Kind::Drag: input.leftDrag += event.value; break;
            case Event::Kind::Move: break;
            case Event::Kind::Click: input.click = event.value; break;
            case Event::Kind::Scroll: input.scroll += event.value.y; break;
            case Event::Kind::Press: input.keysPressed.push_back(event.key); break;
            case Event::Kind::Tour: break;  // the tour asks tourAt(): a switch is no window input
        }
    }
}

std::optional<glm::vec2> InputScript::pointerAt(uint64_t frame) const {
    std::optional<glm::vec2> pointer;
    uint64_t movedAt = 0;
    for (const Event& event : m_events)
        if ((event.kind == Event::Kind::Move || event.kind == Event::Kind::Click) && event.from <= frame &&
            (!pointer || event.from >= movedAt)) {
            pointer = event.value;
            movedAt = event.from;
        }
    return pointer;
}

std::optional<std::filesystem::path> InputScript::tourAt(uint64_t frame) const {
    for (const Event& event : m_events)
        if (event.kind == Event::Kind::Tour && event.from == frame) return event.tour;
    return std::nullopt;
}

}  // namespace oh::viewer
