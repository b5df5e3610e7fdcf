#include "viewer/station_control.h"

#include <chrono>
#include <cstdlib>

#include "core/log.h"

namespace oh::viewer {
namespace {

// "127.0.0.1:7878", "[::1]:7878", "localhost:80" into host and port.
Status parseEndpoint(const std::string& text, control::ControlServerOptions& options) {
    auto bad = [&] {
        return makeError("--control '" + text + "': expected ADDRESS:PORT, e.g. 127.0.0.1:7878 or [::1]:7878",
                         kExitBadInput);
    };
    size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return bad();
    std::string host = text.substr(0, colon);
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') return bad();
        host = host.substr(1, host.size() - 2);
    }
    char* end = nullptr;
    long port = std::strtol(text.c_str() + colon + 1, &end, 10);
    if (*end != '\0' || port < 0 || port > 65535) return bad();
    options.address = host;
    options.port = int(port);
    return ok();
}

constexpr auto kRefreshEvery = std::chrono::seconds(2);  // the branch table's own pace (catalog.h)

control::StationState stateFor(StationReport::State state) {
    switch (state) {
        case StationReport::State::Loading: return control::StationState::Loading;
        case StationReport::State::Failed: return control::StationState::Failed;
        case StationReport::State::Inside: break;
    }
    return control::StationState::Inside;
}

}  // namespace

Result<std::unique_ptr<StationControl>> StationControl::start(const StationControlOptions& options) {
    control::ControlServerOptions serverOptions;
    serverOptions.listingsDir = options.listingsDir;
    if (!options.endpoint.empty()) OH_TRY(parseEndpoint(options.endpoint, serverOptions));
    if (!options.secretFile.empty()) {
        auto secret = control::loadSharedSecret(options.secretFile);
        if (!secret) return secret.error();
        serverOptions.secret = std::move(secret.value());
    }
    catalog::CatalogOptions catalogOptions;
    for (const std::filesystem::path& keyFile : options.trustedKeys) {
        auto key = bundle::readPublicKey(keyFile);
        if (!key) return key.error();
        catalogOptions.trustedKeys.push_back(*key);
    }
    auto catalog = catalog::Catalog::open(options.listingsDir, catalogOptions);
    if (!catalog) return catalog.error();
    auto server = control::ControlServer::start(std::move(serverOptions));
    if (!server) return server.error();
    std::unique_ptr<StationControl> station(
        new StationControl(std::move(server.value()), std::move(catalog.value()), options.listingsDir));
    station->m_refresher = std::jthread([raw = station.get()](std::stop_token stop) { raw->refreshListings(stop); });
    return station;
}

void StationControl::refreshListings(std::stop_token stop) {
    std::mutex waitMutex;
    while (!stop.stop_requested()) {
        auto refreshed = m_catalog.refresh();
        if (!refreshed) {
            OH_LOG_WARN("listings: %s", refreshed.error().message.c_str());
        } else {
            for (const catalog::BundleProblem& problem : refreshed->problems)
                OH_LOG_WARN("listings: %s left out: %s", problem.file.c_str(), problem.reason.c_str());
            std::vector<ListingChoice> choices;
            for (const catalog::CatalogEntry& entry : m_catalog.entries())
                choices.push_back({entry.summary.title, m_folder / entry.summary.file});
            std::lock_guard lock(m_listingsMutex);
            m_listings = std::move(choices);
        }
        std::unique_lock lock(waitMutex);
        m_wake.wait_for(lock, stop, kRefreshEvery, [] { return false; });
    }
}

std::vector<ListingChoice> StationControl::listings() const {
    std::lock_guard lock(m_listingsMutex);
    return m_listings;
}

std::optional<SwitchRequest> StationControl::poll() {
    std::optional<control::TourCommand> command = m_server.poll();
    if (!command) return std::nullopt;
    m_listingId = command->listingId;
    m_requestId = command->requestId;
    SwitchRequest request{command->bundlePath, {}};
    std::lock_guard lock(m_listingsMutex);
    for (const ListingChoice& listing : m_listings)
        if (listing.bundle.filename() == command->bundlePath.filename()) request.title = listing.title;
    return request;
}

void StationControl::report(const StationReport& report) {
    m_server.setStatus({stateFor(report.state), m_listingId, report.listingName, report.message, m_requestId});
}

}  // namespace oh::viewer
