// StationLink: the table's side of the headset station, off the frame loop.
// "Walk inside" hands a request to a thread of its own, which sends it
// (control/control_client.h) and then follows the station's status, every
// 0.2 s until the customer is inside the listing asked for (or it failed),
// every 2 s otherwise; the card shows what the headset is showing, and the
// log times the handoff from the tap to the customer standing inside.
//
// Not for: the protocol (control/), drawing the card (table_app.cpp).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "control/control_client.h"

namespace oh::table {

class StationLink {
public:
    // `endpoint` is HOST[:PORT] (an IPv6 address in brackets, "[::1]:7878").
    StationLink(const std::string& endpoint, std::optional<control::SharedSecret> secret);
    ~StationLink();  // stops the thread; a request in flight ends within the client's timeouts
    StationLink(const StationLink&) = delete;
    StationLink& operator=(const StationLink&) = delete;

    // Returns at once; a newer request replaces one not yet sent.
    void walkInside(const control::TourRequest& request);
    // One line for the card of `listingId`: what the headset shows or does,
    // or why the station cannot be reached.
    std::string cardLine(const std::string& listingId) const;

private:
    void follow(std::stop_token stop);

    control::ControlClient m_client;
    mutable std::mutex m_mutex;  // guards everything below
    std::optional<control::TourRequest> m_toSend;
    std::string m_sentListing;  // the listing of the last request sent
    uint64_t m_sentRequestId = 0;  // the station's id for it; 0: none, or not accepted
    bool m_awaiting = false;       // sent, and the station has not said inside or failed yet
    std::chrono::steady_clock::time_point m_tappedAt{};
    std::optional<control::StationStatus> m_status;  // as last read
    std::string m_requestProblem;  // why the last request was not accepted; empty: it was
    std::string m_reachProblem;    // why the last status read failed; empty: it did not
    std::condition_variable_any m_wake;
    std::jthread m_thread;  // last: stopped and joined before the rest goes
};

}  // namespace oh::table
