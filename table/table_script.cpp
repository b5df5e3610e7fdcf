#include "table/table_script.h"

#include <algorithm>
#include <sstream>

#include "core/exit_codes.h"

namespace oh::table {
namespace {

std::string trim(const std::string& text) {
    size_t begin = text.find_first_not_of(" \t\n");
    size_t end = text.find_last_not_of(" \t\n");
    return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

}  // namespace

Result<TableScript> TableScript::parse(const std::string& text) {
    TableScript script;
    std::stringstream items(text);
    std::string item;
    while (std::getline(items, item, ';')) {
        item = trim(item);
        if (item.empty()) continue;
        std::istringstream in(item);
        std::string verb;
        in >> verb;
        auto bad = [&](const char* why) {
            return makeError("table script: '" + item + "': " + why, kExitBadInput);
        };
        uint64_t frame = 0;
        if (!(in >> frame)) return bad("expected a frame number after the verb");
        auto add = [&](Event event) { script.m_events.push_back(event); };
        if (verb == "touch") {
            Event event{frame};
            std::string phase;
            if (!(in >> event.finger >> event.x >> event.y >> phase)) return bad("expected FINGER X Y PHASE");
            if (phase == "down") event.kind = Kind::FingerDown;
            else if (phase == "move") event.kind = Kind::FingerMove;
            else if (phase == "up") event.kind = Kind::FingerUp;
            else return bad("PHASE is down, move or up");
            add(event);
        } else if (verb == "tap") {
            float x = 0, y = 0;
            if (!(in >> x >> y)) return bad("expected X Y");
            add({frame, Kind::FingerDown, 1, x, y});
            add({frame + 1, Kind::FingerUp, 1, x, y});
        } else if (verb == "drag") {
            int64_t finger = 0;
            float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            int steps = 0;
            if (!(in >> finger >> x0 >> y0 >> x1 >> y1 >> steps) || steps < 1)
                return bad("expected FINGER X0 Y0 X1 Y1 N (N >= 1)");
            add({frame, Kind::FingerDown, finger, x0, y0});
            for (int step = 1; step <= steps; ++step) {
                float t = float(step) / float(steps);
                add({frame + uint64_t(step), Kind::FingerMove, finger, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t});
            }
            add({frame + uint64_t(steps) + 1, Kind::FingerUp, finger, x1, y1});
        } else if (verb == "pinch") {
            float x = 0, y = 0, span0 = 0, span1 = 0;
            int steps = 0;
            if (!(in >> x >> y >> span0 >> span1 >> steps) || steps < 1 || span0 <= 0 || span1 <= 0)
                return bad("expected X Y SPAN0 SPAN1 N (spans > 0, N >= 1)");
            add({frame, Kind::FingerDown, 11, x - span0 / 2, y});
            add({frame, Kind::FingerDown, 12, x + span0 / 2, y});
            for (int step = 1; step <= steps; ++step) {
                float half = (span0 + (span1 - span0) * float(step) / float(steps)) / 2;
                add({frame + uint64_t(step), Kind::FingerMove, 11, x - half, y});
                add({frame + uint64_t(step), Kind::FingerMove, 12, x + half, y});
            }
            add({frame + uint64_t(steps) + 1, Kind::FingerUp, 11, x - span1 / 2, y});
            add({frame + uint64_t(steps) + 1, Kind::FingerUp, 12, x + span1 / 2, y});
        } else if (verb == "click") {
            float x = 0, y = 0;
            if (!(in >> x >> y)) return bad("expected X Y");
            add({frame, Kind::MouseDown, 0, x, y});
            add({frame + 1, Kind::MouseUp, 0, x, y});
        } else if (verb == "wheel") {
            Event event{frame, Kind::Wheel};
            if (!(in >> event.x >> event.y >> event.wheel)) return bad("expected X Y N");
            add(event);
        } else if (verb == "key") {
            std::string name;
            if (!(in >> name)) return bad("expected a key name");
            SDL_Keycode key = SDL_GetKeyFromName(name.c_str());
            if (key == SDLK_UNKNOWN) return bad("unknown key name");
            add({frame, Kind::Key, 0, 0, 0, 0, key});
        } else {
            return bad("unknown verb (touch, tap, drag, pinch, click, wheel, key)");
        }
        std::string extra;
        if (in >> extra) return bad("unexpected words at the end");
    }
    std::stable_sort(script.m_events.begin(), script.m_events.end(),
                     [](const Event& a, const Event& b) { return a.frame < b.frame; });
    return script;
}

uint64_t TableScript::lastFrame() const { return m_events.empty() ? 0 : m_events.back().frame; }

void TableScript::push(uint64_t frame, SDL_Window* window, uint32_t pixelWidth, uint32_t pixelHeight) const {
    int windowWidth = 0, windowHeight = 0;
    SDL_GetWindowSize(window, &windowWidth, &windowHeight);
    // Mouse events are in window coordinates; fingers 0..1 across the window.
    float toWindowX = pixelWidth ? float(windowWidth) / float(pixelWidth) : 1.0f;
    float toWindowY = pixelHeight ? float(windowHeight) / float(pixelHeight) : 1.0f;
    Uint32 windowId = SDL_GetWindowID(window);
    for (const Event& scripted : m_events) {
        if (scripted.frame != frame) continue;
        SDL_Event event{};
        switch (scripted.kind) {
        case Kind::FingerDown:
        case Kind::FingerMove:
        case Kind::FingerUp:
            event.type = scripted.kind == Kind::FingerDown ? SDL_FINGERDOWN
                         : scripted.kind == Kind::FingerUp ? SDL_FINGERUP
                                                           : SDL_FINGERMOTION;
            event.tfinger.touchId = 1;
            event.tfinger.fingerId = scripted.finger;
            event.tfinger.x = pixelWidth ? scripted.x / float(pixelWidth) : 0.0f;
            event.tfinger.y = pixelHeight ? scripted.y / float(pixelHeight) : 0.0f;
            event.tfinger.pressure = 1.0f;
            event.tfinger.windowID = windowId;
            break;
        case Kind::MouseDown:
        case Kind::MouseUp:
            event.type = scripted.kind == Kind::MouseDown ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
            event.button.windowID = windowId;
            event.button.button = SDL_BUTTON_LEFT;
            event.button.state = scripted.kind == Kind::MouseDown ? SDL_PRESSED : SDL_RELEASED;
            event.button.clicks = 1;
            event.button.x = int(scripted.x * toWindowX);
            event.button.y = int(scripted.y * toWindowY);
            break;
        case Kind::Wheel: {
            SDL_Event motion{};
            motion.type = SDL_MOUSEMOTION;
            motion.motion.windowID = windowId;
            motion.motion.x = int(scripted.x * toWindowX);
            motion.motion.y = int(scripted.y * toWindowY);
            SDL_PushEvent(&motion);
            event.type = SDL_MOUSEWHEEL;
            event.wheel.windowID = windowId;
            event.wheel.y = int(scripted.wheel);
            event.wheel.preciseY = scripted.wheel;
            event.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
            break;
        }
        case Kind::Key:
            event.type = SDL_KEYDOWN;
            event.key.windowID = windowId;
            event.key.state = SDL_PRESSED;
            event.key.keysym.sym = scripted.key;
            event.key.keysym.scancode = SDL_GetScancodeFromKey(scripted.key);
            break;
        }
        SDL_PushEvent(&event);
    }
}

}  // namespace oh::table
