// openhouse: the OpenHouse viewer.
//   openhouse INPUT                 the tour in the headset when one is connected (with the agent's
//                                   mirror on the desktop), else in a window (previews if no display)
//   openhouse INPUT --xr            insist on the headset: say why not if there is none
//   openhouse INPUT --desktop       the window only
//   openhouse render INPUT --out F  render an image with no window
#include <chrono>
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "core/log.h"
#include "core/result.h"
#include "viewer/desktop_viewer.h"
#include "viewer/render_command.h"
#include "viewer/xr_runtime.h"
#include "viewer/xr_viewer.h"

namespace {

bool parseVec3(const std::string& text, glm::vec3& out) {
    return std::sscanf(text.c_str(), "%f,%f,%f", &out.x, &out.y, &out.z) == 3;
}

bool parseSize(const std::string& text, uint32_t& width, uint32_t& height) {
    char trailing = 0;
    return std::sscanf(text.c_str(), "%ux%u%c", &width, &height, &trailing) == 2;
}

}  // namespace

int main(int argc, char** argv) {
    auto launch = std::chrono::steady_clock::now();  // "first head-tracked frame N s after launch"
    CLI::App app{"OpenHouse: walk through apartments from glTF 2.0 models, on a desktop or in a headset."};
    app.require_subcommand(0, 1);

    oh::viewer::DesktopRequest desktop;
    std::string input;
    std::string previewFolder = "openhouse-previews";
    app.add_option("input", input, "glTF 2.0 model (.gltf or .glb) to open");
    app.add_option("--env", desktop.environment, "equirectangular environment (.hdr, .png, .jpg); default: a sky");
    app.add_option("--preview-dir", previewFolder, "where previews go when there is no display");
    app.add_option("--frames", desktop.maxFrames, "quit after this many frames (scripted runs)");
    std::string windowSize;
    app.add_option("--window", windowSize, "window size WxH (default 1280x800)");
    app.add_option("--input-script", desktop.inputScript, "scripted input, e.g. 'hold W 0 60; click 90 640 400'")
        ->group("");  // for tests and demos: not in --help
    app.add_flag("--print-pose", desktop.printPose, "print the final viewpoint (scripted runs)")->group("");
    bool noOverlay = false;
    app.add_flag("--no-overlay", noOverlay, "start with the info panel hidden (F1 shows it)");
    app.add_option("--screenshot", desktop.screenshotPath, "save the last frame to this PNG (scripted runs)");
    std::string scriptResize;  // tests only, hence no help group: WxH@FRAME
    app.add_option("--script-resize", scriptResize)->group("");

    bool xrRequired = false, desktopOnly = false;
    oh::viewer::XrRequest xr;
    auto* xrFlag = app.add_flag("--xr", xrRequired, "show the tour in the headset (OpenXR); says why if it cannot");
    app.add_flag("--desktop", desktopOnly, "show the tour in a window even when a headset is connected")
        ->excludes(xrFlag);
    app.add_option("--snap-turn", xr.comfort.snapTurnDegrees, "headset: degrees per snap turn, 0 for none (30)")
        ->check(CLI::Range(0.0f, 90.0f));
    app.add_flag("--smooth-turn", xr.comfort.smoothTurn, "headset: the stick turns smoothly instead of snapping");
    bool noVignette = false;
    app.add_flag("--no-vignette", noVignette, "headset: no comfort vignette while turning smoothly");
    app.add_flag("--seated", xr.startSeated, "headset: start seated (the view is raised to standing height)");
    app.add_option("--xr-retry-seconds", xr.retrySeconds)  // tests: how soon a lost runtime is retried
        ->check(CLI::Range(0.05f, 60.0f))
        ->group("");
    app.add_flag("--print-stats", xr.printStats, "print headset frame statistics at exit")->group("");
    std::string viewPasses;  // benchmarks: multiview | per-view
    app.add_option("--view-passes", viewPasses)->check(CLI::IsMember({"multiview", "per-view"}))->group("");

    oh::viewer::RenderRequest render;
    std::string size, eye;
    CLI::App* renderCommand = app.add_subcommand("render", "render an image of a model with no window");
    renderCommand->add_option("input", render.input, "glTF 2.0 model (.gltf or .glb)")->required();
    renderCommand->add_option("--out", render.output, "PNG file to write")->required();
    renderCommand->add_option("--size", size, "image size per view, WxH (default 1024x768)");
    auto* cameraOption = renderCommand->add_option("--camera", render.cameraName, "a camera of the file, by name");
    auto* eyeOption = renderCommand->add_option("--eye", eye, "viewpoint x,y,z (metres)");
    renderCommand->add_option("--yaw", render.yawDegrees, "with --eye: degrees turned left from -Z")->needs(eyeOption);
    renderCommand->add_option("--pitch", render.pitchDegrees, "with --eye: degrees looking up")->needs(eyeOption);
    cameraOption->excludes(eyeOption);
    renderCommand->add_flag("--stereo", render.stereo, "both eyes side by side, from one multiview pass");
    renderCommand->add_option("--ipd", render.ipd, "with --stereo: distance between the eyes in metres (0.063)");
    renderCommand->add_option("--env", render.environment, "equirectangular environment (.hdr, .png, .jpg)");
    renderCommand->add_option("--exposure", render.exposure, "exposure multiplier (1)");
    renderCommand->add_option("--msaa", render.msaaSamples, "anti-aliasing samples: 1 (off), 2, 4 (default) or 8")
        ->check(CLI::IsMember({1, 2, 4, 8}));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : oh::kExitBadInput;
    }

    if (*renderCommand) {
        if (!size.empty() && !parseSize(size, render.width, render.height)) {
            OH_LOG_ERROR("--size '%s': expected WIDTHxHEIGHT, e.g. 1440x1584", size.c_str());
            return oh::kExitBadInput;
        }
        if (!eye.empty()) {
            glm::vec3 position;
            if (!parseVec3(eye, position)) {
                OH_LOG_ERROR("--eye '%s': expected x,y,z, e.g. 1.5,1.6,-2", eye.c_str());
                return oh::kExitBadInput;
            }
            render.eye = position;
        }
        return oh::viewer::runRender(render);
    }

    if (input.empty()) {
        std::fputs(app.help().c_str(), stdout);
        return oh::kExitBadInput;
    }
    desktop.input = input;
    if (!windowSize.empty()) {
        uint32_t width = 0, height = 0;
        if (!parseSize(windowSize, width, height) || width == 0 || height == 0 || width > 16384 || height > 16384) {
            OH_LOG_ERROR("--window '%s': expected WIDTHxHEIGHT, e.g. 1280x800", windowSize.c_str());
            return oh::kExitBadInput;
        }
        desktop.width = int(width);
        desktop.height = int(height);
    }
    desktop.showOverlay = !noOverlay;
    if (!scriptResize.empty()) {
        char trailing = 0;
        if (std::sscanf(scriptResize.c_str(), "%dx%d@%d%c", &desktop.resizeWidth, &desktop.resizeHeight,
                        &desktop.resizeAtFrame, &trailing) != 3 ||
            desktop.resizeWidth <= 0 || desktop.resizeHeight <= 0 || desktop.resizeAtFrame <= 0) {
            OH_LOG_ERROR("--script-resize '%s': expected WIDTHxHEIGHT@FRAME, e.g. 640x480@3", scriptResize.c_str());
            return oh::kExitBadInput;
        }
    }
    if (!desktopOnly) {
        xr.input = desktop.input;
        xr.environment = desktop.environment;
        xr.mirrorWidth = desktop.width;
        xr.mirrorHeight = desktop.height;
        xr.showMirrorPanel = desktop.showOverlay;
        xr.comfort.vignette = !noVignette;
        xr.inputScript = desktop.inputScript;
        xr.maxFrames = desktop.maxFrames;
        xr.screenshotPath = desktop.screenshotPath;
        xr.printPose = desktop.printPose;
        xr.launch = launch;
        if (viewPasses == "multiview") xr.viewPasses = oh::gfx::RendererOptions::ViewPasses::Multiview;
        if (viewPasses == "per-view") xr.viewPasses = oh::gfx::RendererOptions::ViewPasses::OnePerView;
        std::string unavailable;
        int result = oh::viewer::runXrViewer(xr, unavailable);
        if (result != oh::viewer::kNoXrRuntime && result != oh::viewer::kNoHeadset) return result;
        // Without --xr, no runtime at all is the everyday desktop case: not worth a line.
        if (xrRequired || result == oh::viewer::kNoHeadset)
            OH_LOG_WARN("headset mode unavailable: %s; showing the desktop preview instead", unavailable.c_str());
        else
            OH_LOG_DEBUG("headset mode unavailable: %s", unavailable.c_str());
    }
    int result = oh::viewer::runDesktopViewer(desktop);
    if (result != oh::viewer::kNoDisplay) return result;
    OH_LOG_INFO("no display: rendering previews to %s/ instead", previewFolder.c_str());
    return oh::viewer::renderPreviews(input, previewFolder);
}
