// openhouse: the OpenHouse viewer.
//   openhouse INPUT                 open a model in a window (previews if there is no display)
//   openhouse render INPUT --out F  render an image with no window
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "core/log.h"
#include "core/result.h"
#include "viewer/desktop_viewer.h"
#include "viewer/render_command.h"

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
    int result = oh::viewer::runDesktopViewer(desktop);
    if (result != oh::viewer::kNoDisplay) return result;
    OH_LOG_INFO("no display: rendering previews to %s/ instead", previewFolder.c_str());
    return oh::viewer::renderPreviews(input, previewFolder);
}
