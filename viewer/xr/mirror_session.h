// The visit summary on the agent's mirror (session/session_record.h): off
// until the agent ticks that the customer agreed. Then this tour's visit is
// recorded in memory (the headset tour feeds recording() each frame); "End
// visit" shows the one-page summary on the mirror (time per room, the
// pictures opened, the measurements, where the customer looked over the
// floor plan), which the agent saves as JSON and PNG or discards. Nothing is
// written unless saved. A visit of a listing the customer leaves for another
// (the table, the Listings window) is ended and kept, unsaved, for the next
// tours' mirrors to offer; the end of the run forgets what was not saved,
// except that a run started with --session-summary STEM saves the summary
// there as each tour ends (the last listing's stays; demos, scripted tests). The customer's consent
// holds across the run's listings: each new tour records from its start.
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

// An ended visit's summary with the plan to draw it on, as copies: it
// outlives its tour when the customer moves on to another listing unsaved.
struct EndedVisit {
    session::SessionSummary summary;
    RgbaImage planPicture;  // empty: the tour had no plan
    std::vector<plan::StoreyPlacement> storeys;
    std::chrono::system_clock::time_point started;
    bool saved = false;
};

// What the visit summary keeps across the run's tours.
struct VisitConsent {
    bool customerAgreed = false;  // the agent ticked it (or --session-summary): the run's next tours record too
    std::optional<std::filesystem::path> saveAtEnd;  // --session-summary STEM
    std::vector<EndedVisit> unsaved;  // of listings left before the agent saved or discarded them
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

    // The tour ends, for another listing (`leavingForAnotherListing`) or
    // with the run. A save the agent started is waited for; a visit still
    // recording ends. With --session-summary it is saved to its stem (an
    // error names the file); else, unsaved, it is kept in the run for the
    // next tour when leaving for another listing, and forgotten otherwise.
    Status finish(bool leavingForAnotherListing);

private:
    enum class Phase { Off, Recording, Ended };
    enum class SummaryChoice { None, Save, Discard, Later };
    void start();
    void end();
    // The summary large in the middle of the mirror; `plan` (this tour's, in
    // the mirror's atlas) draws the heat map over it, none leaves it to the
    // saved page. `offerLater`: a visit carried from another listing, which
    // the agent may put back.
    SummaryChoice drawSummary(const EndedVisit& visit, const PlanMinimap* plan, bool offerLater);
    void drawCarried();
    // Saves a copy of `visit` to `stem` (.json, .png) on a worker
    // (compressing the page takes a quarter of a second, which the headset's
    // frames must not wait for); the mirror says when done. `carried`: which
    // of m_consent.unsaved it is.
    void startSaving(const EndedVisit& visit, std::optional<size_t> carried, const std::filesystem::path& stem);
    void collectSave();

    std::string m_listingTitle;
    std::vector<std::string> m_roomNames;
    const PlanMinimap* m_minimap;
    VisitConsent& m_consent;
    Phase m_phase = Phase::Off;
    std::optional<session::SessionRecord> m_record;
    std::chrono::system_clock::time_point m_started;
    std::optional<EndedVisit> m_ended;   // this tour's, once ended
    std::optional<size_t> m_shownCarried;  // a visit of m_consent.unsaved shown instead
    bool m_summaryAppearing = false;  // brought to the front once, when shown
    std::string m_saveMessage;  // "Saving…", "Saved: …" or the error, under the buttons
    std::future<Status> m_saving;  // the worker's save, while m_savingTo
    std::optional<std::filesystem::path> m_savingTo;
    std::optional<size_t> m_savingCarried;  // which carried visit is being saved; none: this tour's
};

}  // namespace oh::viewer
