#include "markers/tuio_frames.h"

#include <algorithm>
#include <set>

#include "core/log.h"

namespace oh::markers {

namespace {

// TUIO 1.1 reference client: a frame more than this far behind the last one
// is a tracker that restarted its count, not a late packet.
constexpr int64_t kFseqRestartGap = 100;
// TUIO 2.0 reference client: a frame a second or more after the last applied
// one (by its own time tag) is applied whatever its id.
constexpr uint64_t kFrame2RestartTime = uint64_t(1) << 32;  // one second in NTP units
// OSC's time tag 1 means "immediately": no time at all.
constexpr uint64_t kOscImmediately = 1;

uint64_t objectKey(uint32_t source, int32_t sessionId) { return uint64_t(source) << 32 | uint32_t(sessionId); }

}  // namespace

void TuioFrames::handle(const TuioPacket& packet) {
    PendingFrame frame;
    std::string source11 = packet.sender;  // a source message names the rest of the datagram's frames
    auto noteUnclosed = [&] {
        noteIncomplete(frame.tuio2 ? "a TUIO 2.0 frame without its alv" : "a TUIO 1.1 frame without its fseq",
                       packet.sender);
    };
    auto open = [&](bool tuio2) {
        if (frame.open) noteUnclosed();
        frame = PendingFrame{};
        frame.open = true;
        frame.tuio2 = tuio2;
    };
    auto ensure11 = [&] {
        if (!frame.open || frame.tuio2) open(false);
    };
    for (const TuioMessage& message : packet.messages) {
        if (const auto* source = std::get_if<TuioSource>(&message)) {
            if (!source->name.empty()) source11 = source->name;
        } else if (const auto* alive = std::get_if<TuioAlive>(&message)) {
            ensure11();
            frame.hasAlive = true;
            frame.alive = alive->sessionIds;
        } else if (const auto* set = std::get_if<TuioSet>(&message)) {
            ensure11();
            frame.sets.push_back(set->object);
        } else if (const auto* fseq = std::get_if<TuioFrameSeq>(&message)) {
            if (!frame.open || frame.tuio2) {
                // An fseq with nothing before it: a tracker's keep-alive with no
                // alive list; nothing to apply.
                if (frame.open) noteUnclosed();
                frame = PendingFrame{};
                continue;
            }
            SourceState* state = sourceNamed(source11);
            if (state && acceptFseq(*state, fseq->frame)) apply(*state, frame);
            frame = PendingFrame{};
        } else if (const auto* frm = std::get_if<Tuio2Frame>(&message)) {
            open(true);
            frame.frame2 = *frm;
        } else if (const auto* token = std::get_if<Tuio2Token>(&message)) {
            if (!frame.open || !frame.tuio2) {
                noteIncomplete("a TUIO 2.0 tok outside a frame", packet.sender);
                continue;
            }
            frame.sets.push_back(token->object);
        } else if (const auto* alv = std::get_if<Tuio2Alive>(&message)) {
            if (!frame.open || !frame.tuio2) {
                noteIncomplete("a TUIO 2.0 alv outside a frame", packet.sender);
                continue;
            }
            frame.hasAlive = true;
            frame.alive = alv->sessionIds;
            const std::string name = frame.frame2.source.empty() ? packet.sender : frame.frame2.source;
            SourceState* state = sourceNamed(name);
            if (state && acceptFrame2(*state, frame.frame2)) apply(*state, frame);
            frame = PendingFrame{};
        }
    }
    if (frame.open) noteUnclosed();
}

TuioFrames::SourceState* TuioFrames::sourceNamed(const std::string& name) {
    auto it = m_sources.find(name);
    if (it != m_sources.end()) return &it->second;
    if (m_sources.size() >= kMaxSources) {
        ++m_stats.tooManySources;
        uint64_t heldBack = 0;
        if (m_sourcesLog.allow(heldBack))
            OH_LOG_WARN("TUIO: frames from a new source '%.64s' ignored: the table keeps %zu sources "
                        "(%llu more held back)",
                        name.c_str(), kMaxSources, static_cast<unsigned long long>(heldBack));
        return nullptr;
    }
    SourceState& state = m_sources[name];
    state.index = uint32_t(m_sourceNames.size());
    m_sourceNames.push_back(name);
    return &state;
}

bool TuioFrames::acceptFseq(SourceState& source, int32_t fseq) {
    if (fseq <= 0) return true;  // TUIO 1.1: -1 marks a frame to apply whatever its order
    if (source.hasFseq) {
        const int64_t behind = int64_t(source.lastFseq) - fseq;
        if (behind == 0) {
            ++m_stats.duplicate;
            return false;
        }
        if (behind > 0 && behind <= kFseqRestartGap) {
            ++m_stats.late;
            return false;
        }
    }
    source.hasFseq = true;
    source.lastFseq = fseq;
    return true;
}

bool TuioFrames::acceptFrame2(SourceState& source, const Tuio2Frame& frame) {
    if (frame.frame == 0) return true;  // TUIO 2.0: id 0 is applied whatever its order
    if (source.hasFrame2) {
        // Serial-number order (RFC 1982 style): ids wrap at 2^32.
        const int32_t ahead = int32_t(frame.frame - source.lastFrame2);
        const bool restarted = frame.timeTag > kOscImmediately && source.lastTime2 > kOscImmediately &&
                               frame.timeTag >= source.lastTime2 + kFrame2RestartTime;
        if (ahead <= 0 && !restarted) {
            ++(ahead == 0 ? m_stats.duplicate : m_stats.late);
            return false;
        }
    }
    source.hasFrame2 = true;
    source.lastFrame2 = frame.frame;
    source.lastTime2 = frame.timeTag;
    return true;
}

void TuioFrames::apply(SourceState& source, const PendingFrame& frame) {
    ++m_stats.applied;
    const std::set<int32_t> alive(frame.alive.begin(), frame.alive.end());
    if (frame.hasAlive) {
        for (auto it = source.objects.begin(); it != source.objects.end();) {
            if (alive.count(it->first)) {
                ++it;
                continue;
            }
            record(Change::Lifted, it->second);
            it = source.objects.erase(it);
        }
    }
    for (const TuioObjectState& set : frame.sets) {
        if (frame.hasAlive && !alive.count(set.sessionId)) continue;  // a set for a session the frame says is gone
        const Tangible object{source.index, set.sessionId, set.fiducial, set.x, set.y, set.angle};
        auto [it, inserted] = source.objects.try_emplace(set.sessionId, object);
        if (inserted) {
            record(Change::Placed, object);
        } else if (!(it->second == object)) {
            it->second = object;
            record(Change::Moved, object);
        }
    }
}

void TuioFrames::record(Change change, const Tangible& object) {
    const uint64_t key = objectKey(object.source, object.sessionId);
    auto it = m_changes.find(key);
    if (it == m_changes.end()) {
        m_changes.emplace(key, std::make_pair(change, object));
        return;
    }
    const Change before = it->second.first;
    if (before == Change::Placed && change == Change::Lifted) {
        m_changes.erase(it);  // never seen by the caller
        return;
    }
    if (before == Change::Placed) change = Change::Placed;  // still new to the caller
    if (before == Change::Lifted && change == Change::Placed) change = Change::Moved;  // back again
    it->second = {change, object};
}

void TuioFrames::noteIncomplete(const char* what, const std::string& sender) {
    ++m_stats.incomplete;
    uint64_t heldBack = 0;
    if (m_incompleteLog.allow(heldBack))
        OH_LOG_WARN("TUIO from %s: %s, ignored (%llu more such lines held back)", sender.c_str(), what,
                    static_cast<unsigned long long>(heldBack));
}

std::vector<Tangible> TuioFrames::objects() const {
    std::vector<Tangible> all;
    for (const auto& [name, source] : m_sources)
        for (const auto& [session, object] : source.objects) all.push_back(object);
    std::sort(all.begin(), all.end(), [](const Tangible& a, const Tangible& b) {
        return objectKey(a.source, a.sessionId) < objectKey(b.source, b.sessionId);
    });
    return all;
}

TangibleChanges TuioFrames::takeChanges() {
    TangibleChanges changes;
    for (const auto& [key, entry] : m_changes) {
        switch (entry.first) {
        case Change::Placed: changes.placed.push_back(entry.second); break;
        case Change::Moved: changes.moved.push_back(entry.second); break;
        case Change::Lifted: changes.lifted.push_back(entry.second); break;
        }
    }
    m_changes.clear();
    return changes;
}

}  // namespace oh::markers
