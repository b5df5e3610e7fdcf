// The session summary (OpenHouse issue 12): what a customer did in one visit,
// recorded only when the agent turns it on for a customer who agreed. Time
// per room, the photos and panoramas opened, the measurements taken and where
// the customer looked (a heat map over the floor plan, from head direction),
// kept in memory for this session on this machine, and written to disk only
// when the agent saves it (JSON here, the one-page PNG in summary_page.h).
// docs/session-summary.md says what is recorded and what is not.
//
// Not for: deciding whether to record (the viewer asks the agent), drawing the
// summary on the mirror (the viewer does, with heatColour and formatDuration
// from here), or anything that leaves the machine. Records no video, no audio
// and no identity. CPU only, no clock of its own: time is the dt it is given.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

#include "core/result.h"
#include "navigation/measure.h"

namespace oh::session {

enum class PictureKind { Photo, Panorama };

// A listing picture: its kind, its index among the listing's photos or
// panoramas, and its name for the summary ("Kitchen towards the window").
struct PictureRef {
    PictureKind kind = PictureKind::Photo;
    uint32_t index = 0;
    std::string name;
    bool operator==(const PictureRef&) const = default;
};

struct RoomTime {
    std::string name;
    double seconds = 0.0;
};  // every room in listing/rooms order, visited or not; "Elsewhere" last when > 0

struct PictureTime {
    PictureRef picture;
    uint32_t opened = 0;   // times it was changed to
    double seconds = 0.0;  // time it was shown
};  // in first-opened order

struct MeasurementEntry {
    nav::Measurement measurement;
    std::string room;  // the room it was taken in; "" = none
};

// One cell of the heat map. `centre`: x, z in the model (metres); `floorY`:
// the floor height the customer stood on; `intensity`: 0..1, smoothed over
// neighbours (a soft blob, radius ~0.5 m) and normalised to the hottest cell.
struct HeatCell {
    glm::vec2 centre{0.0f};
    float floorY = 0.0f;
    double seconds = 0.0;  // time the gaze met this cell itself (0 for smoothing spill)
    float intensity = 0.0f;
};

// What the agent sees at the end and may save. A plain value.
struct SessionSummary {
    std::string listingTitle;
    std::string started, ended;  // local time, ISO 8601 "2026-12-02T14:05:00+02:00"
    double seconds = 0.0;        // the sum of observe()'s dt
    std::vector<RoomTime> rooms;
    std::vector<PictureTime> pictures;
    std::vector<MeasurementEntry> measurements;
    float heatCellMetres = 0.25f;
    std::vector<HeatCell> heat;  // cells with seconds > 0, plus smoothing spill with intensity > 0.02
};

// The recorder the viewer feeds once a frame while recording is on. Holds
// everything in memory; destroying it forgets the session.
class SessionRecord {
public:
    static constexpr float kHeatCellMetres = 0.25f;
    static constexpr const char* kElsewhere = "Elsewhere";

    // `roomNames`: the tour's rooms (listing/rooms order), which observe()
    // and measured() index.
    SessionRecord(std::string listingTitle, std::vector<std::string> roomNames,
                  std::chrono::system_clock::time_point started = std::chrono::system_clock::now());

    // Once a frame: `dt` seconds went by with the customer in `room` (index
    // into roomNames; none, or an index past them: outside every room ->
    // "Elsewhere"), standing on a floor at height `floorY`, their head's
    // direction meeting the model at `lookedAt` (none: at nothing, e.g.
    // inside a panorama or the sky). dt <= 0 or non-finite is ignored, as is
    // a non-finite lookedAt. The picture set by showing() accrues dt as well.
    void observe(float dt, std::optional<uint32_t> room, float floorY, std::optional<glm::vec3> lookedAt);

    // What picture the customer is shown now (none: the model). A change to
    // a picture counts one opening; the same picture again does not.
    void showing(std::optional<PictureRef> picture);

    // A measurement the customer (or the agent for them) took, in `room`
    // (index into roomNames; none or past them: no room).
    void measured(const nav::Measurement& measurement, std::optional<uint32_t> room);

    // Seconds recorded so far (the sum of accepted dt).
    double seconds() const;

    // The summary so far, with the heat map smoothed and normalised. Cheap
    // enough to call when the agent opens it, not meant for every frame.
    SessionSummary summary(std::chrono::system_clock::time_point ended = std::chrono::system_clock::now()) const;

private:
    // Heat accrues per floor level (floor heights 0.5 m apart are apart) and
    // cell; std::map keeps the summary's order stable.
    using CellKey = std::tuple<int, int, int>;  // level, cell z, cell x
    struct CellTime {
        double seconds = 0.0;
        double floorYSeconds = 0.0;  // sum of floorY * dt: the cell's floor height is its mean
    };

    std::string m_listingTitle;
    std::vector<std::string> m_roomNames;
    std::chrono::system_clock::time_point m_started;
    double m_seconds = 0.0;
    std::vector<double> m_roomSeconds;
    double m_elsewhereSeconds = 0.0;
    std::vector<PictureTime> m_pictures;
    std::optional<size_t> m_showing;  // index into m_pictures
    std::vector<MeasurementEntry> m_measurements;
    std::map<CellKey, CellTime> m_heat;
};

// The summary as JSON with stable keys (docs/session-summary.md lists them).
nlohmann::json summaryJson(const SessionSummary& summary);

// Writes summaryJson to `file` atomically (temporary file renamed into
// place). The error names the file. Creates no folders.
Status writeSummaryJson(const SessionSummary& summary, const std::filesystem::path& file);

// A colour for a heat intensity 0..1 (transparent -> yellow -> orange -> red),
// RGBA 0..1 with straight alpha, shared by the page and the mirror.
glm::vec4 heatColour(float intensity);

// A time span for people: "45 s", "12 min 05 s", "1 h 02 min"; rounded to
// the second; negative or non-finite reads "0 s".
std::string formatDuration(double seconds);

}  // namespace oh::session
