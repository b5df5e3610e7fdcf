// The headset station's control endpoint (docs/control.md): a small HTTP
// server on its own threads that accepts "walk inside" requests from the
// branch table and answers what the station is showing. It never switches a
// tour itself: it queues the request for the viewer's app loop, which calls
// poll() once a frame, so a slow or flooding client can delay other clients
// but never a frame. Each connection carries one request of at most 16 KiB,
// read within 5 s (http_limits.h).
//
// Loopback by default. Any other address only with a shared secret, and with
// a secret every request must be signed (request_auth.h), on loopback too.
//
// Not for: loading the tour, or any UI.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "control/control_protocol.h"
#include "control/shared_secret.h"
#include "core/result.h"

namespace oh::control {

struct ControlServerOptions {
    std::string address = "127.0.0.1";  // "127.0.0.1", "::1", "localhost", or a LAN address with a secret
    int port = kDefaultPort;            // 0: any free port (ControlServer::port() says which)
    std::filesystem::path listingsDir;  // requests name bundles in this folder only
    std::optional<SharedSecret> secret;
};

// A switch the app loop should make.
struct TourCommand {
    std::string listingId;
    std::filesystem::path bundlePath;  // listingsDir / the request's file; it existed when the request came
    std::string manifestHash;          // 64 lowercase hex digits, or empty: the app compares it with the bundle's
    uint64_t requestId = 0;            // report it back in setStatus
};

// True for addresses only this computer can reach (127.0.0.0/8, ::1, "localhost").
bool isLoopbackAddress(const std::string& address);

class ControlServer {
public:
    // Binds and starts serving before it returns. Errors: a non-loopback
    // address without a secret, a missing listings folder, an address that
    // cannot be bound (port in use).
    static Result<ControlServer> start(ControlServerOptions options);

    ControlServer(ControlServer&&) noexcept;
    ControlServer& operator=(ControlServer&&) noexcept;
    // Stops listening, ends the connections still open and joins the
    // server's threads (about 0.1 s).
    ~ControlServer();

    int port() const;

    // The newest request not yet taken; a newer request replaces one still
    // pending (the customer walks into the last listing tapped). Thread-safe,
    // never blocks on the network: call it from the app loop every frame.
    std::optional<TourCommand> poll();

    // What GET /v1/status answers from now on. Thread-safe.
    void setStatus(const StationStatus& status);

private:
    struct Impl;
    explicit ControlServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace oh::control
