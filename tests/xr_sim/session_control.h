// What the session lifecycle, the frame loop, the script events, spaces and
// swapchains ask of each other inside the runtime (not OpenXR entry points).
#pragma once

#include <string>

#include "sim_objects.h"

namespace oh::xrsim {

// Lifecycle (session.cpp). Moves to a state and queues its event (logged to
// session.jsonl when the app receives it).
void setSessionState(Session& session, XrSessionState state);
// FOCUSED/VISIBLE/SYNCHRONIZED/READY down to STOPPING, one event per step.
void stopSession(Session& session);
// After each xrEndFrame of a running session: READY -> SYNCHRONIZED ->
// VISIBLE -> FOCUSED, one step per frame.
void advanceSessionAfterFrame(Session& session);
// Looks up a session handle and checks instance/session loss.
XrResult lookupLiveSession(XrSession handle, Session** out);

// Script events (sim_events.cpp): fires the events whose frame has come,
// and brings a session back once the headset is "worn" again.
void runScriptEvents(Instance& instance);

// Spaces (spaces.cpp): a space's pose in STAGE at time t; false when it
// cannot be located (an action space whose action is inactive).
bool locateInStage(const Space& space, XrTime time, Pose* pose);
Pose headPose(XrTime time);  // STAGE
const char* spaceName(const Space& space);  // "STAGE", "LOCAL", "VIEW", "ACTION"

// Swapchains (swapchain.cpp): per-session Vulkan objects for image layout
// transitions and readback, and PNG capture of one submitted image.
XrResult createSessionVulkanObjects(Session& session);
void destroySessionVulkanObjects(Session& session);
bool captureToPng(Session& session, const CaptureSource& source, const std::string& path);
// Mean Rec. 709 luma (0..255, on the sRGB values) of what `source` shows; -1 when it cannot be read.
double meanLuminance(Session& session, const CaptureSource& source);
// Writes last-left/right.png for the last projection layer (captureLast),
// once; called before the images it reads can go away.
void captureLastProjection(Session& session);

// Actions (actions.cpp): drop bindings and states when a session ends.
void detachActionSets(Session& session);

}  // namespace oh::xrsim

namespace oh::xrsim {
// The simulated "now" for event times: the latest predicted display time
// (the display clock runs at its own pace when unpaced), else the wall clock.
XrTime simulatedNow();
const char* sessionStateName(XrSessionState state);
}  // namespace oh::xrsim
