// SwitchRequests: the seam through which something outside the viewer asks
// the station to switch tours — the branch table's "Walk inside" through the
// control endpoint (control/control_server.h, adapted in viewer/
// station_control.h) — and hears back what the station is doing. The viewer
// polls it once a frame on the frame thread; an implementation must answer
// at once (queue on its own threads, never wait for the network here).
//
// Not for: the input script's `tour FRAME PATH` (tests), nor the agent's own
// choices on the mirror: both switch through the same path without this.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace oh::viewer {

struct SwitchRequest {
    std::filesystem::path bundle;  // the tour to switch to
    std::string title;             // what to call it while it loads (its address); empty: the file's name
};

// A listing the agent may switch to from the mirror.
struct ListingChoice {
    std::string title;             // the listing's address
    std::filesystem::path bundle;
};

// What the station is doing, reported as it changes.
struct StationReport {
    enum class State { Loading, Inside, Failed };
    State state = State::Loading;
    std::string listingName;  // as the mirror shows it: the address, or the file's name while loading
    std::string message;      // Failed: why, in one line
};

class SwitchRequests {
public:
    virtual ~SwitchRequests() = default;
    // The newest request not yet taken, if any. Called once a frame.
    virtual std::optional<SwitchRequest> poll() = 0;
    // The station's state for the last request taken (and at start: Inside).
    virtual void report(const StationReport& report) = 0;
    // The branch's listings, for the mirror's Listings window; a snapshot
    // that must not wait on the disk.
    virtual std::vector<ListingChoice> listings() const = 0;
};

}  // namespace oh::viewer
