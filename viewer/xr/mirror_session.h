// The visit summary on the agent's mirror (session/session_record.h): off
// until the agent ticks that the customer agreed. Then this tour's visit is
// recorded in memory (the headset tour feeds recording() each frame); "End
// visit" shows the one-page summary on the mirror (time per room, the
// pictures opened, the measurements, where the customer looked over the
// floor plan), which the agent saves as JSON and PNG or discards. Nothing is
// written unless saved; leaving the tour (another listing, the end of the
// run) forgets an unsaved record, except that a run started with
// --session-summary STEM saves it there at its end (demos, scripted tests).
// The customer's consent holds across the run's listings: each new tour
// records from its start once given.
//
// Not for: what is recorded and how (session/), drawing the page (session/summary_page.h).
#pragma once

#include <chrono>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "session/session_record.h"
#include "session/summary_page.h"
#include "viewer/ui/plan_minimap.h"

namespace oh::viewer {

struct VisitConsent {
    bool customerAgreed = false;  // the agent ticked it (or --session-summary): the run's next tours record too
    std::optional<std::filesystem::path> saveAtEnd;  // --session-summary STEM
};

class MirrorSession {
public:
    // `minimap`: the tour's floor plan (null: none; the summary has no heat
    // map then), which must outlive this.
    MirrorSession(std::string listingTitle, std::vector<std::string> roomNames, const PlanMinimap* minimap,
                  VisitConsent& consent);

    // The record to feed, while recording; null otherwise.
    session::SessionRecord* recording() { return m_phase == Phase::Recording ? &*m_record : nullptr; }

    // The mirror's "Visit summary" window (between the mirror UiOverlay's
    // beginFrame() and record()): the consent switch and the recording's
    // clock, or the summary with Save and Discard.
    void draw();

    // The tour ends: with --session-summary, the record is saved to its
    // stem (an error names the file); otherwise it is forgotten. A save the
    // agent started is waited for.
    Status finish();

private:
    enum class Phase { Off, Recording, Ended };
    void start();
    void end();
    void drawSummary();
    // Saves on a worker (compressing the page takes a quarter of a second,
    // which the headset's frames must not wait for); the mirror says when done.
    void startSaving(const std::filesystem::path& stem);
    void collectSave();

    std::string m_listingTitle;
    std::vector<std::string> m_roomNames;
    const PlanMinimap* m_minimap;
    VisitConsent& m_consent;
    Phase m_phase = Phase::Off;
    std::optional<session::SessionRecord> m_record;
    std::optional<session::SessionSummary> m_summary;  // once ended
    std::chrono::system_clock::time_point m_started;
    bool m_summaryAppearing = false;  // brought to the front once, when the visit ends
    std::string m_saveMessage;  // "Saving…", "Saved: …" or the error, under the buttons
    std::optional<std::filesystem::path> m_savingTo;
    bool m_saved = false;  // the summary shown is on disk
    std::future<Status> m_saving;  // the worker's save, while m_savingTo
};

}  // namespace oh::viewer
