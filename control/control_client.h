// The branch table's side of the control endpoint (docs/control.md): asks a
// headset station to switch tours and what it is showing. Each call is one
// short request (connect 1 s, read 2 s), signed when a secret is given; errors
// are one line the table can show as they are ("The headset station at
// 127.0.0.1:7878 did not answer").
//
// Blocking: call it off the table's frame loop.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "control/control_protocol.h"
#include "control/shared_secret.h"
#include "core/result.h"

namespace oh::control {

class ControlClient {
public:
    ControlClient(std::string host, int port = kDefaultPort, std::optional<SharedSecret> secret = {});

    // Asks the station to walk the customer into `request`'s listing; the
    // station's request id on success (it comes back in StationStatus).
    Result<uint64_t> switchTour(const TourRequest& request);
    Result<StationStatus> status();

private:
    struct Reply {
        int status = 0;
        std::string body;
    };
    Result<Reply> send(std::string_view method, std::string_view path, const std::string& body);
    Error refused(const Reply& reply) const;

    std::string m_host;
    int m_port;
    std::optional<SharedSecret> m_secret;
    std::string m_station;  // "The headset station at HOST:PORT", for messages
};

}  // namespace oh::control
