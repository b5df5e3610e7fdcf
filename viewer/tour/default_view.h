// The field of view every flat-screen image uses (window, `openhouse render`,
// previews), so a window screenshot and a headless render of the default view
// frame the model identically.
#pragma once

namespace oh::viewer {

constexpr float kDefaultFovRadians = 0.8726646f;  // 50 degrees vertical

}  // namespace oh::viewer
