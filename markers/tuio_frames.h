// TUIO frames assembled and applied whole: the table's current set of
// tangible objects, and what changed since it last asked.
//
// A frame is the messages of one datagram from one source: TUIO 1.1
// source/alive/set.../fseq, TUIO 2.0 frm/tok.../alv. Its set and alive take
// effect together at its fseq (1.1) or alv (2.0), never one message at a time,
// so a marker never flickers off between an alive and its set. Per source:
//   - a frame older than the last one applied (late) or the same one again
//     (a duplicate) is dropped;
//   - TUIO 1.1 fseq -1 (and any fseq <= 0) marks a frame to apply whatever its
//     order, as the reference client does; a frame more than 100 behind the
//     last is a restarted tracker (or a wrapped counter) and applied;
//   - TUIO 2.0 frame ids compare in 32-bit serial arithmetic, so they wrap;
//     id 0 is applied whatever its order, and a frame whose time tag is a
//     second or more after the last applied one is a restarted tracker.
// Sources are kept apart: a TUIO 1.1 source message or a TUIO 2.0 frm source
// names one, else the sender's address does. A table has a tracker or two:
// past kMaxSources, frames from new sources are ignored, so made-up source
// names cannot grow the state without end.
// Not for: sockets (osc_receiver.h), what a marker means (marker_filters.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "markers/log_limiter.h"
#include "markers/tuio_messages.h"

namespace oh::markers {

// One object on the table. `source` numbers the trackers in the order they
// were first heard; (source, sessionId) is the object's identity.
struct Tangible {
    uint32_t source = 0;
    int32_t sessionId = 0;
    int32_t fiducial = 0;
    float x = 0.0f;  // 0..1 across the table surface
    float y = 0.0f;  // 0..1, down
    float angle = 0.0f;  // radians, as the tracker reports it (0..2π)
    bool operator==(const Tangible&) const = default;
};

// What changed between two takeChanges() calls; an object placed and lifted
// in between appears in neither list.
struct TangibleChanges {
    std::vector<Tangible> placed;
    std::vector<Tangible> moved;   // moved or turned, or its fiducial changed
    std::vector<Tangible> lifted;  // as last seen
    bool empty() const { return placed.empty() && moved.empty() && lifted.empty(); }
};

struct TuioFrameStats {
    uint64_t applied = 0;
    uint64_t late = 0;
    uint64_t duplicate = 0;
    uint64_t incomplete = 0;  // messages with no fseq / frm / alv to close them in their datagram
    uint64_t tooManySources = 0;  // frames from a source past kMaxSources
};

class TuioFrames {
public:
    static constexpr size_t kMaxSources = 16;

    void handle(const TuioPacket& packet);

    // Every object on the table, ordered by (source, sessionId).
    std::vector<Tangible> objects() const;
    // Call once a frame: changes pile up until taken.
    TangibleChanges takeChanges();
    const TuioFrameStats& stats() const { return m_stats; }
    // The names of the sources heard so far, indexed by Tangible::source.
    const std::vector<std::string>& sources() const { return m_sourceNames; }

private:
    struct SourceState {
        uint32_t index = 0;
        bool hasFseq = false;  // a TUIO 1.1 frame with fseq > 0 was applied
        int32_t lastFseq = 0;
        bool hasFrame2 = false;  // a TUIO 2.0 frame with id != 0 was applied
        uint32_t lastFrame2 = 0;
        uint64_t lastTime2 = 0;
        std::map<int32_t, Tangible> objects;
    };
    // A frame being read from a datagram, applied at its closing message.
    struct PendingFrame {
        bool open = false;
        bool tuio2 = false;
        Tuio2Frame frame2;  // TUIO 2.0: its frm
        bool hasAlive = false;
        std::vector<int32_t> alive;
        std::vector<TuioObjectState> sets;
    };
    enum class Change { Placed, Moved, Lifted };

    SourceState* sourceNamed(const std::string& name);  // nullptr: one source too many
    bool acceptFseq(SourceState& source, int32_t fseq);
    bool acceptFrame2(SourceState& source, const Tuio2Frame& frame);
    void apply(SourceState& source, const PendingFrame& frame);
    void record(Change change, const Tangible& object);
    void noteIncomplete(const char* what, const std::string& sender);

    std::map<std::string, SourceState> m_sources;
    std::vector<std::string> m_sourceNames;
    // Per object key (source << 32 | session): the merged change since the last take.
    std::map<uint64_t, std::pair<Change, Tangible>> m_changes;
    TuioFrameStats m_stats;
    LogLimiter m_incompleteLog;
    LogLimiter m_sourcesLog;
};

}  // namespace oh::markers
