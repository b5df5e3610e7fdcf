// StationControl: the headset station's control endpoint (control/
// control_server.h) as the viewer's SwitchRequests, so the branch table's
// "Walk inside" switches the tour in the headset. Made by main from
// `--listings DIR`, `--control ADDR:PORT` (default 127.0.0.1:7878) and
// `--control-secret FILE`; the server's own threads do the network, poll()
// only takes what they queued. The folder's listings, for the mirror's
// Listings window, come from its catalog (catalog/catalog.h), refreshed on a
// thread of its own every few seconds, so no frame waits for a bundle read.
//
// Not for: loading or showing the tour (viewer/xr), the protocol (control/).
#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog.h"
#include "control/control_server.h"
#include "core/result.h"
#include "viewer/tour/switch_requests.h"

namespace oh::viewer {

struct StationControlOptions {
    std::filesystem::path listingsDir;  // requests name bundles in this folder only
    std::string endpoint;               // "ADDR:PORT" ("[::1]:7878" for IPv6); empty: 127.0.0.1:7878
    std::filesystem::path secretFile;   // empty: none (loopback only)
    std::vector<std::filesystem::path> trustedKeys;  // --trust: the Listings window lists only bundles they signed
};

class StationControl final : public SwitchRequests {
public:
    // Errors: a malformed endpoint, an unreadable secret or key file, a
    // catalog that cannot be opened, or the server's (a LAN address without
    // a secret, a port in use), each naming it.
    static Result<std::unique_ptr<StationControl>> start(const StationControlOptions& options);
    // Stops the catalog's thread, then the server.
    ~StationControl() override = default;

    std::optional<SwitchRequest> poll() override;
    void report(const StationReport& report) override;
    std::vector<ListingChoice> listings() const override;
    int port() const { return m_server.port(); }

private:
    StationControl(control::ControlServer server, catalog::Catalog catalog, std::filesystem::path folder)
        : m_server(std::move(server)), m_catalog(std::move(catalog)), m_folder(std::move(folder)) {}
    // The catalog's thread: refresh, publish the listings, wait, until stopped.
    void refreshListings(std::stop_token stop);

    control::ControlServer m_server;
    std::string m_listingId;  // of the last request taken: the status answers it
    uint64_t m_requestId = 0;

    catalog::Catalog m_catalog;  // the refresher's alone once it runs
    std::filesystem::path m_folder;
    mutable std::mutex m_listingsMutex;
    std::vector<ListingChoice> m_listings;  // under m_listingsMutex
    std::condition_variable_any m_wake;     // stops the refresher's wait early
    std::jthread m_refresher;               // last: stopped and joined before the rest goes
};

}  // namespace oh::viewer
