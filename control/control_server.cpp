#include "control/control_server.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "control/http_limits.h"
#include "control/request_auth.h"
#include "core/file_io.h"
#include "core/log.h"

namespace oh::control {
namespace {

constexpr const char* kJson = "application/json";

// Request text from the network, made safe for one log line.
std::string printable(std::string_view text, size_t maxBytes = 80) {
    std::string out;
    for (unsigned char c : text.substr(0, maxBytes)) out += (c < 0x20 || c == 0x7f) ? '?' : char(c);
    if (text.size() > maxBytes) out += "...";
    return out;
}

}  // namespace

bool isLoopbackAddress(const std::string& address) {
    if (address == "localhost") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, address.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, address.c_str(), &v6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&v6) || (IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127);
    return false;
}

struct ControlServer::Impl {
    std::filesystem::path listingsDir;
    std::optional<SharedSecret> secret;
    int port = 0;

    std::mutex mutex;  // guards the four below: the app thread and the server's workers share them
    std::optional<TourCommand> pending;
    uint64_t nextRequestId = 1;
    std::string statusBody = serialiseStationStatus({});
    ReplayGuard replayGuard;

    ControlHttpServer server;
    std::thread thread;
    std::atomic<bool> finished{false};

    ~Impl() {
        server.stopServing();
        if (thread.joinable()) thread.join();
    }

    void refuse(const httplib::Request& req, httplib::Response& res, int status, const std::string& why) {
        res.status = status;
        res.set_content(serialiseError(why), kJson);
        const std::string& peer = ControlHttpServer::currentPeer();
        OH_LOG_WARN("control: refused %s %s from %s: %s", printable(req.method, 16).c_str(),
                    printable(req.path).c_str(), peer.c_str(), printable(why, 240).c_str());
    }

    // With a secret, only signed, fresh, unreplayed requests pass (401 otherwise).
    bool authorize(const httplib::Request& req, std::string_view body, httplib::Response& res) {
        if (!secret) return true;  // start() allowed that only on loopback
        size_t headers = req.get_header_value_count("Authorization");
        if (headers != 1) {
            refuse(req, res, 401, headers == 0 ? "no Authorization header (this station needs the shared secret)"
                                               : "more than one Authorization header");
            return false;
        }
        auto auth = parseAuthorization(req.get_header_value("Authorization"));
        if (!auth) {
            refuse(req, res, 401, auth.error().message);
            return false;
        }
        if (!verifySignature(*secret, *auth, req.method, req.path, body)) {
            refuse(req, res, 401, "bad secret (the signature does not match)");
            return false;
        }
        Status fresh = [&] {
            std::lock_guard lock(mutex);
            return replayGuard.admit(*auth, unixNow());
        }();
        if (!fresh) {
            refuse(req, res, 401, fresh.error().message);
            return false;
        }
        return true;
    }

    // Only the two endpoints, refused before httplib reads any body: it caps a
    // body with a Content-Length, but would read a chunked one of any size.
    httplib::Server::HandlerResponse route(const httplib::Request& req, httplib::Response& res) {
        if ((req.method == "POST" && req.path == kTourPath) || (req.method == "GET" && req.path == kStatusPath))
            return httplib::Server::HandlerResponse::Unhandled;
        refuse(req, res, 404, "no such endpoint (POST /v1/tour, GET /v1/status)");
        return httplib::Server::HandlerResponse::Handled;
    }

    void handleTour(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
        std::string body;
        bool fits = reader([&body](const char* data, size_t size) {
            if (body.size() + size > kMaxBodyBytes) return false;
            body.append(data, size);
            return true;
        });
        if (!fits) {
            res.set_header("Connection", "close");  // the rest of the body is never read
            return refuse(req, res, 413, "the body is larger than " + std::to_string(kMaxBodyBytes) + " bytes");
        }
        if (!authorize(req, body, res)) return;
        auto request = parseTourRequest(body);
        if (!request) return refuse(req, res, 400, request.error().message);
        std::filesystem::path bundle = listingsDir / request->file;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(bundle, ec))
            return refuse(req, res, 404, "no bundle '" + request->file + "' in the station's listings folder");
        uint64_t id = 0;
        {
            std::lock_guard lock(mutex);
            id = nextRequestId++;
            pending = TourCommand{request->listingId, bundle, request->manifestHash, id};
        }
        OH_LOG_INFO("control: request %llu from %s: walk inside %s (%s)", static_cast<unsigned long long>(id),
                    ControlHttpServer::currentPeer().c_str(), request->listingId.c_str(), request->file.c_str());
        res.status = 202;
        res.set_content(serialiseAccepted(id), kJson);
    }

    void handleStatus(const httplib::Request& req, httplib::Response& res) {
        if (!authorize(req, {}, res)) return;  // a GET's body is never read
        std::lock_guard lock(mutex);
        res.set_content(statusBody, kJson);
    }

    // Refusals httplib makes itself (a bad, cut-off or oversized request:
    // http_limits.h) get the same JSON body and log line as ours.
    void handleError(const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;  // one of ours, already logged
        std::string status = std::to_string(res.status);
        refuse(req, res, res.status, "malformed, unfinished or oversized HTTP request (status " + status + ")");
    }

    void configure() {
        // Sizes, times and connections: http_limits.h.
        server.new_task_queue = [] { return new ConnectionQueue(); };
        server.set_payload_max_length(kMaxBodyBytes);
        // httplib's default adds SO_REUSEPORT, which would let another program
        // bind the same port and take the table's requests (secret and all).
        server.set_socket_options([](socket_t sock) {
            int yes = 1;
            setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
        });
        server.set_pre_routing_handler(
            [this](const httplib::Request& req, httplib::Response& res) { return route(req, res); });
        server.Post(std::string(kTourPath),
                    [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                        handleTour(req, res, reader);
                    });
        server.Get(std::string(kStatusPath),
                   [this](const httplib::Request& req, httplib::Response& res) { handleStatus(req, res); });
        server.set_error_handler(
            [this](const httplib::Request& req, httplib::Response& res) { handleError(req, res); });
        server.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
            refuse(req, res, 500, "the station failed on this request");
        });
    }
};

Result<ControlServer> ControlServer::start(ControlServerOptions options) {
    std::string endpoint = endpointName(options.address, options.port);
    if (!options.secret && !isLoopbackAddress(options.address))
        return makeError("control endpoint: refusing to listen on " + options.address +
                         " without a shared secret (anyone on the network could drive the headset); give the "
                         "station and the table the same secret file (docs/control.md), or listen on 127.0.0.1");
    std::error_code ec;
    if (!std::filesystem::is_directory(options.listingsDir, ec))
        return makeError("control endpoint: listings folder " + displayPath(options.listingsDir) + " not found");

    auto impl = std::make_unique<Impl>();
    impl->listingsDir = options.listingsDir;
    impl->secret = std::move(options.secret);
    impl->configure();
    impl->port = options.port == 0 ? impl->server.bind_to_any_port(options.address)
                                   : (impl->server.bind_to_port(options.address, options.port) ? options.port : -1);
    if (impl->port <= 0)
        return makeError("control endpoint: cannot listen on " + endpoint +
                         " (the port is in use, or the address is not one of this computer's)");
    std::string listening = endpointName(options.address, impl->port);
    Impl* raw = impl.get();
    impl->thread = std::thread([raw] {
        raw->server.listen_after_bind();
        raw->finished = true;
    });
    // httplib's stop() does nothing until the listen loop runs; wait for it so
    // the destructor can always stop it. The loop marks itself running first thing.
    while (!raw->server.is_running() && !raw->finished) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!raw->server.is_running())
        return makeError("control endpoint: the server on " + listening + " stopped as soon as it started");
    OH_LOG_INFO("control: listening on %s (%s)", listening.c_str(),
                impl->secret ? "signed requests only" : "loopback, no secret");
    return ControlServer(std::move(impl));
}

ControlServer::ControlServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ControlServer::ControlServer(ControlServer&&) noexcept = default;
ControlServer& ControlServer::operator=(ControlServer&&) noexcept = default;
ControlServer::~ControlServer() = default;

int ControlServer::port() const { return m_impl->port; }

std::optional<TourCommand> ControlServer::poll() {
    std::lock_guard lock(m_impl->mutex);
    std::optional<TourCommand> command = std::move(m_impl->pending);
    m_impl->pending.reset();
    return command;
}

void ControlServer::setStatus(const StationStatus& status) {
    std::string body = serialiseStationStatus(status);
    std::lock_guard lock(m_impl->mutex);
    m_impl->statusBody = std::move(body);
}

}  // namespace oh::control
