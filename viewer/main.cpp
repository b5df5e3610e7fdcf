// openhouse: the OpenHouse viewer.
//   openhouse INPUT                 the tour in the headset when one is connected (with the agent's
//                                   mirror on the desktop), else in a window (previews if no display)
//   openhouse INPUT --xr            insist on the headset: say why not if there is none
//   openhouse INPUT --desktop       the window only
//   openhouse render INPUT --out F  render an image with no window
// Exit codes: core/exit_codes.h.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "core/file_io.h"
#include "core/log.h"
#include "core/result.h"
#include "viewer/desktop/desktop_tour.h"
#include "viewer/render_command.h"
#include "viewer/station_control.h"
#include "viewer/tour/tour_request.h"
#include "viewer/tour/validation_exit.h"
#include "viewer/xr/xr_tour.h"

namespace {

using namespace oh;
using namespace oh::viewer;

// Everything the command line asks for, filled by CLI11, then checked.
struct CommandLine {
    TourRequest tour;
    DesktopTourOptions desktop;
    XrTourOptions xr;
    RenderRequest render;
    CLI::App* renderCommand = nullptr;
    CLI::Option* renderEyeOption = nullptr;
    CLI::Option* renderYawOption = nullptr;
    CLI::Option* renderPitchOption = nullptr;
    std::string previewFolder = "openhouse-previews";
    bool xrRequired = false;
    bool desktopOnly = false;
    // As typed, read into the requests by checkTourOptions / checkRenderOptions.
    std::string windowSize, scriptResize, viewPasses, renderSize, renderEye;
    bool noOverlay = false, noVignette = false;
    StationControlOptions station;  // --listings, --control, --control-secret
};

bool parseVec3(const std::string& text, glm::vec3& out) {
    return std::sscanf(text.c_str(), "%f,%f,%f", &out.x, &out.y, &out.z) == 3;
}

bool parseSize(const std::string& text, uint32_t& width, uint32_t& height) {
    char trailing = 0;
    return std::sscanf(text.c_str(), "%ux%u%c", &width, &height, &trailing) == 2;
}

void addTourOptions(CLI::App& app, CommandLine& line) {
    TourRequest& tour = line.tour;
    app.add_option("input", tour.input, "a tour bundle (.tour, openhouse-pack) or a glTF 2.0 model (.gltf, .glb)");
    app.add_option("--trust", tour.trustedKeys,
                   "public key file (openhouse-pack keygen): open only tour bundles signed by it (repeat for more keys)");
    app.add_option("--env", tour.environment, "equirectangular environment (.hdr, .png, .jpg); default: a sky");
    app.add_option("--preview-dir", line.previewFolder, "where previews go when there is no display");
    app.add_option("--frames", tour.maxFrames, "quit after this many frames (scripted runs)");
    app.add_option("--window", line.windowSize, "window size WxH (default 1280x800)");
    app.add_option("--input-script", tour.inputScript, "scripted input, e.g. 'hold W 0 60; click 90 640 400'")
        ->group("");  // for tests and demos: not in --help
    app.add_flag("--print-pose", tour.printPose, "print the final viewpoint (for listing.json positions)");
    app.add_flag("--no-overlay", line.noOverlay, "start with the info panel hidden (F1 shows it)");
    app.add_option("--screenshot", tour.screenshotPath, "save the last frame to this PNG (scripted runs)");
    app.add_option("--script-resize", line.scriptResize)->group("");  // tests only: WxH@FRAME
}

void addHeadsetOptions(CLI::App& app, CommandLine& line) {
    XrTourOptions& xr = line.xr;
    auto* xrFlag = app.add_flag("--xr", line.xrRequired, "show the tour in the headset (OpenXR); says why if it cannot");
    app.add_flag("--desktop", line.desktopOnly, "show the tour in a window even when a headset is connected")
        ->excludes(xrFlag);
    app.add_option("--snap-turn", xr.comfort.snapTurnDegrees, "headset: degrees per snap turn, 0 for none (30)")
        ->check(CLI::Range(0.0f, 90.0f));
    app.add_flag("--smooth-turn", xr.comfort.smoothTurn, "headset: the stick turns smoothly instead of snapping");
    app.add_flag("--no-vignette", line.noVignette, "headset: no comfort vignette while turning smoothly");
    app.add_flag("--seated", xr.startSeated, "headset: start seated (the view is raised to standing height)");
    app.add_option("--autoplay", xr.autoplaySeconds,
                   "headset: the agent's guided tour plays from the start, SECONDS at each stop")
        ->check(CLI::Range(3.0f, 600.0f));
    app.add_option("--session-summary", xr.sessionSummary,
                   "headset: the customer agreed to a visit summary: record it from the start and save it to "
                   "STEM.json and STEM.png at the end")
        ->type_name("STEM");
    app.add_option("--xr-retry-seconds", xr.retrySeconds)  // tests: how soon a lost runtime is retried
        ->check(CLI::Range(0.05f, 60.0f))
        ->group("");
    app.add_flag("--print-stats", xr.printStats, "print headset frame statistics at exit")->group("");
    app.add_option("--listings", line.station.listingsDir,
                   "headset station: the folder of .tour bundles the branch table may switch to (control endpoint)");
    app.add_option("--control", line.station.endpoint,
                   "headset station: the control endpoint ADDRESS:PORT (default 127.0.0.1:7878; a LAN address "
                   "needs --control-secret)")
        ->needs("--listings");
    app.add_option("--control-secret", line.station.secretFile,
                   "headset station: the file holding the secret shared with the branch table")
        ->needs("--listings");
    app.add_option("--view-passes", line.viewPasses)  // benchmarks: multiview | per-view
        ->check(CLI::IsMember({"multiview", "per-view"}))
        ->group("");
}

void addRenderCommand(CLI::App& app, CommandLine& line) {
    RenderRequest& render = line.render;
    CLI::App* command = app.add_subcommand("render", "render an image of a model with no window");
    command->add_option("input", render.input, "a tour bundle (.tour) or a glTF 2.0 model (.gltf, .glb)")->required();
    command->add_option("--out", render.output, "image to write: .png, or .jpg/.jpeg (JPEG quality 92)")->required();
    command->add_option("--size", line.renderSize,
                        "image size per view, WxH (default 1024x768; a panorama 2:1, default 4096x2048)");
    auto* cameraOption = command->add_option("--camera", render.cameraName, "a camera of the file, by name");
    auto* eyeOption = command->add_option("--eye", line.renderEye, "viewpoint x,y,z (metres)");
    // With --eye or --inside-panorama: checked in checkRenderOptions (CLI11's needs() takes one option).
    line.renderEyeOption = eyeOption;
    line.renderYawOption = command->add_option("--yaw", render.yawDegrees,
                                               "with --eye or --inside-panorama: degrees turned left from -Z");
    line.renderPitchOption =
        command->add_option("--pitch", render.pitchDegrees, "with --eye or --inside-panorama: degrees looking up");
    cameraOption->excludes(eyeOption);
    auto* fovOption = command->add_option("--fov", render.fovDegrees, "vertical field of view in degrees, 10..170 (50)")
                          ->excludes(cameraOption);
    command->add_flag("--panorama", render.panorama, "with --eye: a 360x180 equirectangular image, --yaw its centre")
        ->needs(eyeOption)
        ->excludes(fovOption)
        ->excludes("--pitch");
    command->add_option("--inside-panorama", render.insidePanorama,
                        "a tour bundle's panorama N (from 0) around the viewer, as the tour shows it")
        ->excludes("--panorama")
        ->excludes(cameraOption);
    command->add_option("--photo", render.photo, "a tour bundle's photo N (from 0) opened large in front of the view")
        ->excludes("--panorama")
        ->excludes(cameraOption);
    command->add_flag("--stereo", render.stereo, "both eyes side by side, from one multiview pass")
        ->excludes("--panorama");
    command->add_option("--ipd", render.ipd, "with --stereo: distance between the eyes in metres (0.063)");
    command->add_option("--env", render.environment, "equirectangular environment (.hdr, .png, .jpg)");
    command->add_option("--exposure", render.exposure, "exposure multiplier (1)");
    command->add_option("--msaa", render.msaaSamples, "anti-aliasing samples: 1 (off), 2, 4 (default) or 8")
        ->check(CLI::IsMember({1, 2, 4, 8}));
    line.renderCommand = command;
}

Status checkRenderOptions(CommandLine& line) {
    RenderRequest& render = line.render;
    if (!line.renderSize.empty() && !parseSize(line.renderSize, render.width, render.height))
        return makeError("--size '" + line.renderSize + "': expected WIDTHxHEIGHT, e.g. 1440x1584");
    if (line.renderSize.empty() && render.panorama) {
        render.width = kDefaultPanoramaWidth;
        render.height = kDefaultPanoramaHeight;
    }
    if ((line.renderYawOption->count() || line.renderPitchOption->count()) && !line.renderEyeOption->count() &&
        !render.insidePanorama)
        return makeError("--yaw and --pitch turn the view from --eye or --inside-panorama: give one of them");
    if (!line.renderEye.empty()) {
        glm::vec3 position;
        if (!parseVec3(line.renderEye, position))
            return makeError("--eye '" + line.renderEye + "': expected x,y,z, e.g. 1.5,1.6,-2");
        render.eye = position;
    }
    return ok();
}

Status checkTourOptions(CommandLine& line) {
    TourRequest& tour = line.tour;
    if (!line.windowSize.empty()) {
        uint32_t width = 0, height = 0;
        if (!parseSize(line.windowSize, width, height) || width == 0 || height == 0 || width > 16384 ||
            height > 16384)
            return makeError("--window '" + line.windowSize + "': expected WIDTHxHEIGHT, e.g. 1280x800");
        tour.windowWidth = int(width);
        tour.windowHeight = int(height);
    }
    tour.showPanel = !line.noOverlay;
    if (!line.scriptResize.empty()) {
        DesktopTourOptions& desktop = line.desktop;
        char trailing = 0;
        if (std::sscanf(line.scriptResize.c_str(), "%dx%d@%d%c", &desktop.resizeWidth, &desktop.resizeHeight,
                        &desktop.resizeAtFrame, &trailing) != 3 ||
            desktop.resizeWidth <= 0 || desktop.resizeHeight <= 0 || desktop.resizeAtFrame <= 0)
            return makeError("--script-resize '" + line.scriptResize + "': expected WIDTHxHEIGHT@FRAME, e.g. 640x480@3");
    }
    line.xr.comfort.vignette = !line.noVignette;
    if (line.viewPasses == "multiview") line.xr.viewPasses = gfx::RendererOptions::ViewPasses::Multiview;
    if (line.viewPasses == "per-view") line.xr.viewPasses = gfx::RendererOptions::ViewPasses::OnePerView;
    return ok();
}

// The headset when there is one (unless --desktop), else the window, else
// (no display) preview images.
int showTour(CommandLine& line) {
    // The station's control endpoint: the branch table switches the headset's tour through it.
    std::unique_ptr<StationControl> station;
    if (!line.station.listingsDir.empty() && !line.desktopOnly) {
        line.station.trustedKeys = line.tour.trustedKeys;
        auto started = StationControl::start(line.station);
        if (!started) return reportFailure(started.error());
        station = std::move(started.value());
        line.xr.switches = station.get();
        OH_LOG_INFO("control endpoint listening on port %d for %s", station->port(),
                    displayPath(line.station.listingsDir).c_str());
    }
    if (!line.desktopOnly) {
        std::string unavailable;
        int result = runXrTour(line.tour, line.xr, unavailable);
        if (result != kExitNoXrRuntime && result != kExitNoHeadset) return result;
        // Without --xr, no runtime at all is the everyday desktop case: not worth a line.
        if (line.xrRequired || result == kExitNoHeadset)
            OH_LOG_WARN("headset mode unavailable: %s; showing the desktop preview instead", unavailable.c_str());
        else
            OH_LOG_DEBUG("headset mode unavailable: %s", unavailable.c_str());
    }
    if (line.xr.sessionSummary)  // the agent asked for one and should know why none comes
        OH_LOG_WARN("--session-summary: only a headset visit is recorded; the desktop preview keeps nothing");
    int result = runDesktopTour(line.tour, line.desktop);
    if (result != kExitNoDisplay) return result;
    OH_LOG_INFO("no display: rendering previews to %s/ instead", line.previewFolder.c_str());
    return renderPreviews(line.tour.input, line.previewFolder);
}

}  // namespace

int main(int argc, char** argv) {
    CommandLine line;
    line.tour.launch = std::chrono::steady_clock::now();  // "first head-tracked frame N s after launch"
    CLI::App app{"OpenHouse: walk through apartments from glTF 2.0 models, on a desktop or in a headset."};
    app.require_subcommand(0, 1);
    addTourOptions(app, line);
    addHeadsetOptions(app, line);
    addRenderCommand(app, line);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? kExitOk : kExitBadInput;
    }

    if (*line.renderCommand) {
        if (Status checked = checkRenderOptions(line); !checked) return reportFailure(checked.error());
        return runRender(line.render);
    }
    if (line.tour.input.empty()) {
        std::fputs(app.help().c_str(), stdout);
        return kExitBadInput;
    }
    if (Status checked = checkTourOptions(line); !checked) return reportFailure(checked.error());
    return showTour(line);
}
