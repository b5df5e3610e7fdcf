// FrameCapture: what a tour does with the frames it has shown, the same on
// the desktop and the headset's mirror — counts them, ends a scripted run
// after its last frame, and reads frames back to save as screenshots: the
// scripted run's last frame (--screenshot) and any the user asks for (F12).
//
// Not for: deciding when the user asked (the app maps its keys), or reading
// the image back (the presenter does that when Frame::captureRequested is set).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/result.h"
#include "viewer/tour/presenter.h"
#include "viewer/tour/tour_request.h"

namespace oh::viewer {

class FrameCapture {
public:
    // Screenshots the user asks for go to ./<screenshotPrefix>-<n>.png, with
    // the first n not taken, so none overwrites an earlier one.
    FrameCapture(const TourRequest& request, std::string screenshotPrefix);

    uint64_t framesShown() const { return m_framesShown; }
    // A scripted run has shown all its frames: the app ends the loop.
    bool runOver() const;
    // The user asked for a screenshot: the next frame shown is saved.
    void requestScreenshot() { m_screenshotAsked = true; }
    // Whether the frame being recorded must be read back (set it as
    // Frame::captureRequested before endFrame).
    bool wantsCapture() const { return m_screenshotAsked || lastScriptedFrame(); }
    // The frame being recorded is a scripted run's last, saved as its
    // screenshot (--screenshot): the tour shows it settled, as the run leaves
    // it, not halfway through loading a picture.
    bool lastScriptedFrame() const;

    // After endFrame: saves what was asked for from frame.captured and counts
    // the frame. A scripted run's screenshot that cannot be read back or
    // written is an error; a failed F12 screenshot is logged and the tour goes on.
    // `counted` false: a frame shown while the run waits for a tour to load
    // (tour_switch.h) — saved if the user asked (F12), but not counted, so a
    // scripted run's frame numbers (--frames, its input script) stay in step
    // with the tours however long a load takes on this machine.
    Status frameShown(const Frame& frame, bool counted = true);

private:
    const TourRequest& m_request;
    std::string m_screenshotPrefix;
    bool m_screenshotAsked = false;
    uint64_t m_framesShown = 0;
};

}  // namespace oh::viewer
