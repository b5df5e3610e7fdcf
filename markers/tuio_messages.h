// The TUIO messages the table reads, decoded from OSC and type-checked:
// TUIO 1.1 /tuio/2Dobj (source, alive, set, fseq) and TUIO 2.0 /tuio2/frm,
// /tuio2/tok, /tuio2/alv. Plain structs, so frame assembly (tuio_frames.h)
// is tested without sockets or liblo.
// Not for: cursors and blobs (/tuio/2Dcur, /tuio2/ptr...): the table's touch
// input comes from SDL, not from TUIO.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace oh::markers {

// A tangible object as a tracker reports it. Positions are normalised to the
// table surface (0..1, y down as TUIO defines it), the angle in radians.
struct TuioObjectState {
    int32_t sessionId = 0;
    int32_t fiducial = 0;  // TUIO 1.1 class id; TUIO 2.0 component (symbol) id
    float x = 0.0f;
    float y = 0.0f;
    float angle = 0.0f;
    bool operator==(const TuioObjectState&) const = default;
};

// TUIO 1.1
struct TuioSource { std::string name; };                   // "name@address"
struct TuioAlive { std::vector<int32_t> sessionIds; };
struct TuioSet { TuioObjectState object; };
struct TuioFrameSeq { int32_t frame = 0; };                 // -1: apply whatever the order

// TUIO 2.0
struct Tuio2Frame {
    uint32_t frame = 0;       // 0: apply whatever the order
    uint64_t timeTag = 0;     // OSC/NTP time of the frame: seconds << 32 | fraction
    std::string source;       // "name:instance@address"; empty in the short form
};
struct Tuio2Token { TuioObjectState object; };
struct Tuio2Alive { std::vector<int32_t> sessionIds; };

using TuioMessage = std::variant<TuioSource, TuioAlive, TuioSet, TuioFrameSeq, Tuio2Frame, Tuio2Token, Tuio2Alive>;

// The TUIO messages of one UDP datagram (its bundles flattened, in order) and
// who sent it: the source of a TUIO 1.1 frame without a source message.
struct TuioPacket {
    std::string sender;  // "127.0.0.1:50123"
    std::vector<TuioMessage> messages;
};

}  // namespace oh::markers
