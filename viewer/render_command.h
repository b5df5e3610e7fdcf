// `openhouse render`: one image (or a stereo pair, or a 360° panorama) of a
// model with no window and no X server, as PNG or JPEG; and the preview set
// written when no display is available. Listing photos and panoramas are made
// with it (scenes/demo_listing.cmake). Of a tour bundle it also renders the
// view from inside one of its panoramas and a photo opened large, as the tour
// shows them.
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
    float yawDegrees = 0.0f;             // ...turned left from -Z (with `eye` or `insidePanorama`)
    float pitchDegrees = 0.0f;           // ...looking up
    std::optional<float> fovDegrees;     // vertical, 10..170; default 50. A glTF camera keeps its own.
    bool panorama = false;               // 360°x180° equirectangular from `eye` (required), forward
                                         // turned by `yawDegrees`, size 2:1 (viewer/panorama_render.h);
                                         // level and mono: pitch, fov, stereo and camera do not apply
    // A tour bundle's panorama (index into its manifest) around the viewer,
    // as the tour shows it (gfx::PanoramaBackdrop at full opacity, the full
    // cube): at its position, or `eye`; yaw, pitch, fov and stereo apply.
    std::optional<uint32_t> insidePanorama;
    // A tour bundle's photo shown large, as the tour opens it: on a panel in
    // front of the view (viewer/tour/photo_panel.h), over the model or the panorama.
    std::optional<uint32_t> photo;
    bool stereo = false;                 // both eyes side by side from one multiview pass
    float ipd = 0.063f;                  // metres between the eyes
    std::filesystem::path environment;   // equirectangular .hdr/.png/.jpg; empty: default sky
    float exposure = 1.0f;
    uint32_t msaaSamples = 4;            // 1 (off), 2, 4 or 8; clamped to what the GPU has
};

// The size of a panorama when none is asked for: 1024 px per cube face.
constexpr uint32_t kDefaultPanoramaWidth = 4096;
constexpr uint32_t kDefaultPanoramaHeight = 2048;

// Renders `request` and writes it to `request.output`: a PNG for .png, a JPEG
// (quality kJpegQuality) for .jpg/.jpeg (any case); any other extension, a
// size out of 1..16384, a panorama that is not 2:1 or has no eye, a field of
// view out of 10..170, or a panorama to be inside or a photo with a camera
// or a 360° panorama is refused (exit 2) before anything is loaded; a
// panorama or photo the bundle lacks (or a model that is not a bundle) once
// it is.
// Returns the process exit code; prints one error line on failure.
int runRender(const RenderRequest& request);

// Renders an overview, the view from where a walk-through starts (if there is
// a place to stand inside) and one image per camera of `input` into `folder`,
// printing each path; for machines with no display. Returns the exit code.
int renderPreviews(const std::filesystem::path& input, const std::filesystem::path& folder);

}  // namespace oh::viewer
