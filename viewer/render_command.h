// `openhouse render`: one image (or a stereo pair) of a model with no window
// and no X server; and the preview set written when no display is available.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <glm/glm.hpp>

namespace oh::viewer {

struct RenderRequest {
    std::filesystem::path input;
    std::filesystem::path output;
    uint32_t width = 1024;
    uint32_t height = 768;
    std::string cameraName;              // a glTF camera's (or its node's) name
    std::optional<glm::vec3> eye;        // explicit viewpoint...
    float yawDegrees = 0.0f;             // ...turned left from -Z
    float pitchDegrees = 0.0f;           // ...looking up
    bool stereo = false;                 // both eyes side by side from one multiview pass
    float ipd = 0.063f;                  // metres between the eyes
    std::filesystem::path environment;   // equirectangular .hdr/.png/.jpg; empty: default sky
    float exposure = 1.0f;
    uint32_t msaaSamples = 4;            // 1 (off), 2, 4 or 8; clamped to what the GPU has
};

// Returns the process exit code; prints one error line on failure.
int runRender(const RenderRequest& request);

// Renders an overview, the view from where a walk-through starts (if there is
// a place to stand inside) and one image per camera of `input` into `folder`,
// printing each path; for machines with no display. Returns the exit code.
int renderPreviews(const std::filesystem::path& input, const std::filesystem::path& folder);

}  // namespace oh::viewer
