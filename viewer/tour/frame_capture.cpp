#include "viewer/tour/frame_capture.h"

#include <system_error>

#include "core/file_io.h"
#include "core/image.h"
#include "core/log.h"

namespace oh::viewer {
namespace {

std::filesystem::path firstFreePath(const std::string& prefix) {
    for (int n = 1;; ++n) {
        std::filesystem::path path = prefix + "-" + std::to_string(n) + ".png";
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) return path;
    }
}

Status save(const RgbaImage& image, const std::filesystem::path& path) {
    OH_TRY(writePng(path, image));
    OH_LOG_INFO("screenshot saved: %s (%ux%u)", displayPath(path).c_str(), image.width, image.height);
    return ok();
}

}  // namespace

FrameCapture::FrameCapture(const TourRequest& request, std::string screenshotPrefix)
    : m_request(request), m_screenshotPrefix(std::move(screenshotPrefix)) {}

bool FrameCapture::runOver() const {
    return m_request.maxFrames > 0 && m_framesShown >= uint64_t(m_request.maxFrames);
}

bool FrameCapture::lastScriptedFrame() const {
    return m_request.maxFrames > 0 && !m_request.screenshotPath.empty() &&
           m_framesShown + 1 == uint64_t(m_request.maxFrames);
}

Status FrameCapture::frameShown(const Frame& frame, bool counted) {
    if (frame.captureRequested) {
        bool scripted = counted && lastScriptedFrame();
        if (frame.captured.pixels.empty()) {
            // The presenter could not read the image back (it logged why); a
            // scripted run needs its image, a user's F12 only misses one.
            if (scripted)
                return makeError("cannot save " + displayPath(m_request.screenshotPath) +
                                     ": the window's image cannot be read back on this window system",
                                 kExitNoDevice);
        } else {
            if (scripted) OH_TRY(save(frame.captured, m_request.screenshotPath));
            if (m_screenshotAsked) {
                if (Status saved = save(frame.captured, firstFreePath(m_screenshotPrefix)); !saved)
                    OH_LOG_ERROR("%s", saved.error().message.c_str());
            }
        }
        m_screenshotAsked = false;
    }
    if (counted) ++m_framesShown;
    return ok();
}

}  // namespace oh::viewer
