// The script's events (config "events"), fired when xrEndFrame has been
// called "frame" times, each once per process even across instances; and
// the exit request that a file's appearance fires ("exitRequestFile").
#include <filesystem>
#include <system_error>

#include "session_control.h"
#include "sim_state.h"

namespace oh::xrsim {
namespace {

const char* eventName(ScriptEventType type) {
    switch (type) {
        case ScriptEventType::HeadsetRemoved: return "headsetRemoved";
        case ScriptEventType::SessionLost: return "sessionLost";
        case ScriptEventType::RuntimeGone: return "runtimeGone";
        case ScriptEventType::Recenter: return "recenter";
        case ScriptEventType::ExitRequest: return "exitRequest";
    }
    return "";
}

void recenter(Session& session) {
    Pose head = headPose(simulatedNow());
    Pose origin{yawOnly(head.orientation), head.position};
    QueuedEvent event{{}, &session, "referenceSpaceChangePending", ""};
    auto* pending = reinterpret_cast<XrEventDataReferenceSpaceChangePending*>(&event.data);
    *pending = {XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING, nullptr, toHandle<XrSession>(&session),
                XR_REFERENCE_SPACE_TYPE_LOCAL, simulatedNow(), XR_TRUE,
                toXr(compose(inverse(session.localOrigin), origin))};
    session.localOrigin = origin;
    session.instance->events.push_back(std::move(event));
}

void fire(Instance& instance, const ScriptEvent& event) {
    SimProgress& progress = runtime().progress();
    Session* session = instance.session.get();
    runtime().logSession({{"event", "script"}, {"type", eventName(event.type)}});
    switch (event.type) {
        case ScriptEventType::HeadsetRemoved:
            progress.headsetBackAtNs = monotonicNs() + event.durationMs * 1000000;
            if (!session) break;
            if (session->running) {
                stopSession(*session);
            } else if (session->state == XR_SESSION_STATE_READY) {
                setSessionState(*session, XR_SESSION_STATE_IDLE);
                session->waitingForHeadset = true;
            }
            break;
        case ScriptEventType::SessionLost:
            if (!session || session->lossPending) break;
            session->lossPending = true;
            setSessionState(*session, XR_SESSION_STATE_LOSS_PENDING);
            break;
        case ScriptEventType::RuntimeGone: {
            progress.runtimeGoneUntilNs = monotonicNs() + event.durationMs * 1000000;
            instance.lossPending = true;
            QueuedEvent lossEvent{{}, nullptr, "instanceLossPending", ""};
            auto* loss = reinterpret_cast<XrEventDataInstanceLossPending*>(&lossEvent.data);
            *loss = {XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING, nullptr, simulatedNow()};
            instance.events.push_back(std::move(lossEvent));
            break;
        }
        case ScriptEventType::Recenter:
            if (session) recenter(*session);
            break;
        case ScriptEventType::ExitRequest:
            if (!session) break;
            session->exitRequested = true;
            if (session->running) {
                stopSession(*session);
            } else {
                if (session->state == XR_SESSION_STATE_READY) setSessionState(*session, XR_SESSION_STATE_IDLE);
                setSessionState(*session, XR_SESSION_STATE_EXITING);
            }
            break;
    }
}

}  // namespace

void runScriptEvents(Instance& instance) {
    SimProgress& progress = runtime().progress();
    const auto& events = runtime().config().events;
    bool fired = false;
    for (size_t i = 0; i < events.size(); ++i) {
        if (progress.eventFired[i] || events[i].frame > progress.framesEnded || instance.lossPending) continue;
        progress.eventFired[i] = true;
        fired = true;
        fire(instance, events[i]);
    }
    const std::string& exitFile = runtime().config().exitRequestFile;
    std::error_code ignored;
    if (!exitFile.empty() && !progress.exitRequestFileSeen && !instance.lossPending &&
        std::filesystem::exists(exitFile, ignored)) {
        progress.exitRequestFileSeen = true;
        fire(instance, {progress.framesEnded, ScriptEventType::ExitRequest, 0});
    }
    if (progress.headsetBackAtNs != 0 && monotonicNs() >= progress.headsetBackAtNs) {
        progress.headsetBackAtNs = 0;
        fired = true;
        Session* session = instance.session.get();
        if (session && session->waitingForHeadset && !session->running && !session->exitRequested) {
            session->waitingForHeadset = false;
            setSessionState(*session, XR_SESSION_STATE_READY);
        }
    }
    if (fired) runtime().saveProgress();
}

}  // namespace oh::xrsim
