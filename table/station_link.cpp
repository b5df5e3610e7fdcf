#include "table/station_link.h"

#include <cstdlib>

#include "core/log.h"

namespace oh::table {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kWhileAwaiting = std::chrono::milliseconds(200);  // the handoff's timing is read to this
constexpr auto kWhileIdle = std::chrono::seconds(2);

control::ControlClient clientFor(const std::string& endpoint, std::optional<control::SharedSecret> secret) {
    std::string host = endpoint;
    int port = control::kDefaultPort;
    // "host:port", "[v6]:port", "[v6]" or a bare host; a bare IPv6 address has several colons and no port.
    size_t colon = host.rfind(':');
    bool bracketed = !host.empty() && host.front() == '[';
    if (colon != std::string::npos && (bracketed ? host[colon - 1] == ']' : host.find(':') == colon)) {
        port = std::atoi(host.c_str() + colon + 1);
        host.resize(colon);
    }
    if (bracketed && host.back() == ']') host = host.substr(1, host.size() - 2);
    return control::ControlClient(host, port, std::move(secret));
}

}  // namespace

StationLink::StationLink(const std::string& endpoint, std::optional<control::SharedSecret> secret)
    : m_client(clientFor(endpoint, std::move(secret))), m_thread([this](std::stop_token stop) { follow(stop); }) {}

StationLink::~StationLink() {
    m_thread.request_stop();
    m_wake.notify_all();
}

void StationLink::walkInside(const control::TourRequest& request) {
    {
        std::lock_guard lock(m_mutex);
        m_toSend = request;
        m_tappedAt = Clock::now();
        m_requestProblem.clear();
    }
    m_wake.notify_all();
}

std::string StationLink::cardLine(const std::string& listingId) const {
    std::lock_guard lock(m_mutex);
    if (m_toSend) return "Sending to the headset\xE2\x80\xA6";
    if (!m_reachProblem.empty()) return m_reachProblem;
    if (!m_requestProblem.empty()) return m_requestProblem;
    if (!m_status) return "Looking for the headset station\xE2\x80\xA6";
    const control::StationStatus& status = *m_status;
    bool ours = m_sentRequestId != 0 && status.requestId == m_sentRequestId;
    bool thisListing = status.listingId == listingId;
    switch (status.state) {
        case control::StationState::Loading:
            if (ours && thisListing) return "The customer is on their way in: put on the headset.";
            return "The headset is loading another listing.";
        case control::StationState::Inside:
            if (thisListing) return "The customer is inside this apartment.";
            return "The headset shows " + status.listingName + ".";
        case control::StationState::Failed:
            if (ours) return "The headset could not open it: " + status.message;
            return "The headset station is ready.";
        case control::StationState::Idle: break;
    }
    return "The headset station is ready.";
}

void StationLink::follow(std::stop_token stop) {
    while (!stop.stop_requested()) {
        std::optional<control::TourRequest> request;
        Clock::time_point tappedAt;
        {
            std::lock_guard lock(m_mutex);
            request = m_toSend;
            tappedAt = m_tappedAt;
        }
        if (request) {
            Result<uint64_t> sent = m_client.switchTour(*request);
            std::lock_guard lock(m_mutex);
            if (m_toSend && m_tappedAt == tappedAt) m_toSend.reset();  // not replaced meanwhile
            m_sentListing = request->listingId;
            m_sentRequestId = sent ? sent.value() : 0;
            m_awaiting = bool(sent);
            if (!sent) {
                m_requestProblem = sent.error().message;
                OH_LOG_WARN("%s", m_requestProblem.c_str());
            }
        }
        Result<control::StationStatus> status = m_client.status();
        bool awaiting = false;
        {
            std::lock_guard lock(m_mutex);
            if (!status) {
                m_reachProblem = status.error().message;
            } else {
                m_reachProblem.clear();
                m_status = status.value();
                if (m_awaiting && status->requestId == m_sentRequestId) {
                    double ms = std::chrono::duration<double, std::milli>(Clock::now() - m_tappedAt).count();
                    if (status->state == control::StationState::Inside) {
                        m_awaiting = false;
                        OH_LOG_INFO("the customer is inside %s, %.0f ms after the tap", m_sentListing.c_str(), ms);
                    } else if (status->state == control::StationState::Failed) {
                        m_awaiting = false;
                        OH_LOG_WARN("the headset station could not open %s: %s", m_sentListing.c_str(),
                                    status->message.c_str());
                    }
                }
            }
            awaiting = m_awaiting;
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, stop, awaiting ? kWhileAwaiting : kWhileIdle, [this] { return m_toSend.has_value(); });
    }
}

}  // namespace oh::table
