// The headset station's control endpoint (control/): the protocol's parsers,
// request signatures and the replay guard, the secret file, and a real server
// on 127.0.0.1 driven by the table's client and by hand-made hostile requests.
#include <doctest/doctest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "control/control_client.h"
#include "control/control_protocol.h"
#include "control/control_server.h"
#include "control/request_auth.h"
#include "control/shared_secret.h"
#include "core/log.h"

namespace fs = std::filesystem;
using namespace oh::control;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("oh_test_control_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

void writeText(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

SharedSecret secretOf(const std::string& text) {
    return SharedSecret::fromBytes({reinterpret_cast<const uint8_t*>(text.data()), text.size()}).value();
}

const std::string kSecretText = "3q2+7wQkL1n0b5Zs9yVfXcRkJ8uTgHaD4mPe6WiO0zE=";  // 44 bytes, base64 of 32
const std::string kOtherSecretText = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";

// Log lines written while it lives.
struct LogCapture {
    std::mutex mutex;
    std::vector<std::string> lines;
    oh::LogSink previous;
    LogCapture() {
        previous = oh::setLogSink([this](oh::LogLevel, std::string_view line) {
            std::lock_guard lock(mutex);
            lines.emplace_back(line);
        });
    }
    ~LogCapture() { oh::setLogSink(previous); }
    bool has(const std::string& a, const std::string& b) {
        std::lock_guard lock(mutex);
        for (const auto& line : lines)
            if (line.find(a) != std::string::npos && line.find(b) != std::string::npos) return true;
        return false;
    }
};

// A station on a free loopback port with a listings folder of two bundles
// (their bytes do not matter: the server only checks the file is there).
struct Station {
    TempDir listings;
    ControlServer server;
    explicit Station(std::optional<SharedSecret> secret = {}) : server(startIn(listings.path, std::move(secret))) {}
    static ControlServer startIn(const fs::path& dir, std::optional<SharedSecret> secret) {
        writeText(dir / "makelankatu-52.tour", "bundle");
        writeText(dir / "kalevankatu-3.tour", "bundle");
        fs::create_directories(dir / "folder.tour");
        ControlServerOptions options;
        options.address = "127.0.0.1";
        options.port = 0;
        options.listingsDir = dir;
        options.secret = std::move(secret);
        auto server = ControlServer::start(std::move(options));
        REQUIRE_MESSAGE(server.has_value(), (server ? "" : server.error().message));
        return std::move(server).value();
    }
    ControlClient client(std::optional<SharedSecret> secret = {}) {
        return ControlClient("127.0.0.1", server.port(), std::move(secret));
    }

    // A hand-made request: any body, any headers.
    httplib::Result raw(const std::string& method, const std::string& path, const std::string& body,
                        const httplib::Headers& headers = {}) {
        httplib::Client http("127.0.0.1", server.port());
        http.set_connection_timeout(1, 0);
        http.set_read_timeout(2, 0);
        if (method == "GET") return http.Get(path, headers);
        return http.Post(path, headers, body, "application/json");
    }
};

// A plain TCP connection to the station, for requests no HTTP client would send.
int connectTo(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    timeval timeout{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
    return fd;
}

const TourRequest kMakelankatu{"vallila-makelankatu-52-a-7", "makelankatu-52.tour", ""};
const TourRequest kKalevankatu{"kamppi-kalevankatu-3-b-12", "kalevankatu-3.tour",
                               "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"};

std::string tourBody(const std::string& file) {
    return R"({"listing": "vallila-makelankatu-52-a-7", "file": ")" + file + R"("})";
}

}  // namespace

// ---------------------------------------------------------------- protocol

TEST_CASE("a tour request reads back what the table wrote") {
    for (const TourRequest& request : {kMakelankatu, kKalevankatu}) {
        auto parsed = parseTourRequest(serialiseTourRequest(request));
        REQUIRE_MESSAGE(parsed.has_value(), (parsed ? "" : parsed.error().message));
        CHECK(parsed->listingId == request.listingId);
        CHECK(parsed->file == request.file);
        CHECK(parsed->manifestHash == request.manifestHash);
    }
    CHECK(parseTourRequest(R"({"listing":"abc","file":"Mäkelänkatu 52 A 7.tour"})").has_value());
    auto upper = parseTourRequest(R"({"listing":"abc","file":"a.tour","manifestHash":")" +
                                  std::string(64, 'A') + "\"}");
    REQUIRE(upper.has_value());
    CHECK(upper->manifestHash == std::string(64, 'a'));
}

TEST_CASE("a tour request naming a path, a traversal, a hidden file or no bundle is refused") {
    const std::vector<std::string> names = {"../makelankatu-52.tour", "/etc/passwd", "sub/makelankatu-52.tour",
                                            "sub\\\\x.tour", "..tour", "x..y.tour", ".hidden.tour",
                                            "makelankatu-52.glb", ".tour", "", "bell\\u0007.tour",
                                            "nul\\u0000.tour", std::string(300, 'a') + ".tour"};
    for (const std::string& name : names) {
        CAPTURE(name);
        auto parsed = parseTourRequest(tourBody(name));
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().message.find("'file'") != std::string::npos);
    }
}

TEST_CASE("malformed tour request bodies are refused with the member at fault") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "not valid JSON"},
        {"{\"listing\": ", "not valid JSON"},
        {"[1, 2]", "not a JSON object"},
        {R"({"file": "a.tour"})", "'listing' is missing"},
        {R"({"listing": 7, "file": "a.tour"})", "'listing' is not a string"},
        {R"({"listing": "Not An Id", "file": "a.tour"})", "'listing' is not a listing id"},
        {R"({"listing": "abc"})", "'file' is missing"},
        {R"({"listing": "abc", "file": "a.tour", "manifesthash": "00"})", "unknown member 'manifesthash'"},
        {R"({"listing": "abc", "file": "a.tour", "manifestHash": "xyz"})", "'manifestHash' is not 64 hex"},
        {"{\"listing\": \"abc\", \"file\": \"a.tour\", \"x\": \"" + std::string(5000, 'x') + "\"}", "more than 4096"},
    };
    for (const auto& item : cases) {
        CAPTURE(item.first);
        auto parsed = parseTourRequest(item.first);
        REQUIRE_FALSE(parsed.has_value());
        CHECK_MESSAGE(parsed.error().message.find(item.second) != std::string::npos, parsed.error().message);
    }
}

TEST_CASE("the station's status reads back what it wrote, even with bytes that are not UTF-8") {
    StationStatus status{StationState::Inside, "vallila-makelankatu-52-a-7", "Mäkelänkatu 52 A 7", "", 42};
    auto parsed = parseStationStatus(serialiseStationStatus(status));
    REQUIRE(parsed.has_value());
    CHECK(parsed->state == StationState::Inside);
    CHECK(parsed->listingId == status.listingId);
    CHECK(parsed->listingName == "Mäkelänkatu 52 A 7");
    CHECK(parsed->requestId == 42);
    status.listingName = "bad \xff\xfe bytes";
    CHECK(parseStationStatus(serialiseStationStatus(status)).has_value());
    CHECK_FALSE(parseStationStatus(R"({"state": "dancing"})").has_value());
    CHECK_FALSE(parseStationStatus(R"({"state": "idle", "requestId": -1})").has_value());
}

// ------------------------------------------------------- request signatures

TEST_CASE("a signed request verifies with its secret only, and not once its method, path or body change") {
    SharedSecret secret = secretOf(kSecretText);
    Nonce nonce = randomNonce();
    std::string body = serialiseTourRequest(kMakelankatu);
    auto auth = parseAuthorization(makeAuthorization(secret, "POST", "/v1/tour", body, 1'800'000'000, nonce));
    REQUIRE(auth.has_value());
    CHECK(auth->timestamp == 1'800'000'000);
    CHECK(auth->nonce == nonce);
    CHECK(verifySignature(secret, *auth, "POST", "/v1/tour", body));
    CHECK_FALSE(verifySignature(secretOf(kOtherSecretText), *auth, "POST", "/v1/tour", body));
    CHECK_FALSE(verifySignature(secret, *auth, "GET", "/v1/tour", body));
    CHECK_FALSE(verifySignature(secret, *auth, "POST", "/v1/status", body));
    CHECK_FALSE(verifySignature(secret, *auth, "POST", "/v1/tour", body + " "));
    Authorization later = *auth;
    later.timestamp += 1;
    CHECK_FALSE(verifySignature(secret, later, "POST", "/v1/tour", body));
}

TEST_CASE("garbled Authorization headers are refused") {
    const std::string nonce(32, 'a'), sig(64, 'b');
    CHECK(parseAuthorization("OpenHouse-HMAC ts=17,nonce=" + nonce + ",sig=" + sig).has_value());
    const std::vector<std::string> bad = {
        "",
        "Bearer abc",
        "OpenHouse-HMAC",
        "OpenHouse-HMACts=1,nonce=" + nonce + ",sig=" + sig,
        "OpenHouse-HMAC nonce=" + nonce + ",ts=1,sig=" + sig,
        "OpenHouse-HMAC ts=,nonce=" + nonce + ",sig=" + sig,
        "OpenHouse-HMAC ts=-5,nonce=" + nonce + ",sig=" + sig,
        "OpenHouse-HMAC ts=1234567890123456789,nonce=" + nonce + ",sig=" + sig,
        "OpenHouse-HMAC ts=1,nonce=" + nonce.substr(2) + ",sig=" + sig,
        "OpenHouse-HMAC ts=1,nonce=" + std::string(32, 'g') + ",sig=" + sig,
        "OpenHouse-HMAC ts=1,nonce=" + nonce + ",sig=" + sig + "00",
        "OpenHouse-HMAC ts=1,nonce=" + nonce + ",sig=" + sig + ",extra=1",
        "OpenHouse-HMAC ts=1,nonce=" + nonce,
    };
    for (const std::string& header : bad) {
        CAPTURE(header);
        CHECK_FALSE(parseAuthorization(header).has_value());
    }
}

TEST_CASE("the replay guard refuses stale and future times and a nonce used twice, and forgets old nonces") {
    ReplayGuard guard;
    const int64_t now = 1'800'000'000;
    Authorization auth{now, randomNonce(), {}};
    CHECK(guard.admit(auth, now).has_value());
    oh::Status replayed = guard.admit(auth, now + 30);
    REQUIRE_FALSE(replayed.has_value());
    CHECK(replayed.error().message.find("replayed") != std::string::npos);

    oh::Status stale = guard.admit({now - 61, randomNonce(), {}}, now);
    REQUIRE_FALSE(stale.has_value());
    CHECK(stale.error().message.find("differs from the station's by 61 s") != std::string::npos);
    CHECK_FALSE(guard.admit({now + 61, randomNonce(), {}}, now).has_value());
    CHECK(guard.admit({now + 60, randomNonce(), {}}, now).has_value());

    // Two minutes on, every nonce so far is too old to pass anyway: forgotten.
    CHECK(guard.admit({now + 121, randomNonce(), {}}, now + 121).has_value());
    CHECK(guard.remembered() == 1);

    // A flood of signed requests fills the memory, then is refused, never grown past it.
    ReplayGuard flooded;
    size_t admitted = 0;
    for (size_t i = 0; i < kMaxRememberedNonces; ++i)
        admitted += flooded.admit({now, randomNonce(), {}}, now).has_value();
    CHECK(admitted == kMaxRememberedNonces);
    CHECK_FALSE(flooded.admit({now, randomNonce(), {}}, now).has_value());
    CHECK(flooded.remembered() == kMaxRememberedNonces);
    CHECK(flooded.admit({now + 61, randomNonce(), {}}, now + 61).has_value());
}

// -------------------------------------------------------------- secret file

TEST_CASE("a shared secret file is read without its line end, and refused when short, missing or readable by all") {
    TempDir dir;
    fs::path file = dir.path / "station.secret";
    writeText(file, kSecretText + "\n");
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
    auto secret = loadSharedSecret(file);
    REQUIRE_MESSAGE(secret.has_value(), (secret ? "" : secret.error().message));
    CHECK(std::string(secret->bytes().begin(), secret->bytes().end()) == kSecretText);

    fs::permissions(file, fs::perms::others_read, fs::perm_options::add);
    auto open = loadSharedSecret(file);
    REQUIRE_FALSE(open.has_value());
    CHECK(open.error().message.find("readable or writable by every user") != std::string::npos);
    CHECK(open.error().message.find("chmod 600") != std::string::npos);

    fs::path shortFile = dir.path / "short.secret";
    writeText(shortFile, "password\n");
    fs::permissions(shortFile, fs::perms::owner_read | fs::perms::owner_write);
    auto tooShort = loadSharedSecret(shortFile);
    REQUIRE_FALSE(tooShort.has_value());
    CHECK(tooShort.error().message.find("short.secret: the shared secret has 8 bytes; it needs at least 32") !=
          std::string::npos);

    auto missing = loadSharedSecret(dir.path / "nowhere.secret");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().message.find("nowhere.secret: shared secret file not found") != std::string::npos);
}

// ------------------------------------------------------------------- server

TEST_CASE("a switch request reaches poll() with its listing and the bundle in the listings folder") {
    Station station;
    CHECK_FALSE(station.server.poll().has_value());
    auto id = station.client().switchTour(kKalevankatu);
    REQUIRE_MESSAGE(id.has_value(), (id ? "" : id.error().message));
    auto command = station.server.poll();
    REQUIRE(command.has_value());
    CHECK(command->listingId == "kamppi-kalevankatu-3-b-12");
    CHECK(command->bundlePath == station.listings.path / "kalevankatu-3.tour");
    CHECK(command->manifestHash == kKalevankatu.manifestHash);
    CHECK(command->requestId == *id);
    CHECK_FALSE(station.server.poll().has_value());  // taken once
}

TEST_CASE("a newer switch request replaces one the app has not taken yet") {
    Station station;
    ControlClient client = station.client();
    auto first = client.switchTour(kMakelankatu);
    auto second = client.switchTour(kKalevankatu);
    REQUIRE(first.has_value());
    REQUIRE(second.has_value());
    CHECK(*second > *first);
    auto command = station.server.poll();
    REQUIRE(command.has_value());
    CHECK(command->listingId == kKalevankatu.listingId);
    CHECK(command->requestId == *second);
    CHECK_FALSE(station.server.poll().has_value());
}

TEST_CASE("the table reads what the station last reported") {
    Station station;
    auto idle = station.client().status();
    REQUIRE(idle.has_value());
    CHECK(idle->state == StationState::Idle);
    station.server.setStatus({StationState::Inside, "vallila-makelankatu-52-a-7", "Mäkelänkatu 52 A 7", "", 3});
    auto inside = station.client().status();
    REQUIRE_MESSAGE(inside.has_value(), (inside ? "" : inside.error().message));
    CHECK(inside->state == StationState::Inside);
    CHECK(inside->listingId == "vallila-makelankatu-52-a-7");
    CHECK(inside->listingName == "Mäkelänkatu 52 A 7");
    CHECK(inside->requestId == 3);
}

TEST_CASE("with a secret, only signed, fresh, unreplayed requests pass, on loopback too") {
    LogCapture log;
    Station station(secretOf(kSecretText));
    SharedSecret secret = secretOf(kSecretText);

    auto accepted = station.client(secret).switchTour(kMakelankatu);
    REQUIRE_MESSAGE(accepted.has_value(), (accepted ? "" : accepted.error().message));
    REQUIRE(station.server.poll().has_value());
    CHECK(station.client(secret).status().has_value());

    auto wrong = station.client(secretOf(kOtherSecretText)).switchTour(kMakelankatu);
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().message ==
          "The headset station at 127.0.0.1:" + std::to_string(station.server.port()) +
              " refused the request: bad secret (the signature does not match)");
    auto unsigned_ = station.client().switchTour(kMakelankatu);
    REQUIRE_FALSE(unsigned_.has_value());
    CHECK(unsigned_.error().message.find("refused the request: no Authorization header") != std::string::npos);
    CHECK_FALSE(station.client().status().has_value());

    std::string body = serialiseTourRequest(kMakelankatu);
    auto signedHeader = [&](const std::string& signedBody, int64_t ts) {
        return httplib::Headers{
            {"Authorization", makeAuthorization(secret, "POST", "/v1/tour", signedBody, ts, randomNonce())}};
    };
    auto stale = station.raw("POST", "/v1/tour", body, signedHeader(body, unixNow() - 120));
    REQUIRE(stale);
    CHECK(stale->status == 401);
    CHECK(parseError(stale->body).find("clock differs") != std::string::npos);

    auto tampered = station.raw("POST", "/v1/tour", serialiseTourRequest(kKalevankatu), signedHeader(body, unixNow()));
    REQUIRE(tampered);
    CHECK(tampered->status == 401);

    auto garbled = station.raw("POST", "/v1/tour", body, {{"Authorization", "OpenHouse-HMAC ts=1"}});
    REQUIRE(garbled);
    CHECK(garbled->status == 401);

    httplib::Headers once = signedHeader(body, unixNow());
    auto first = station.raw("POST", "/v1/tour", body, once);
    REQUIRE(first);
    CHECK(first->status == 202);
    REQUIRE(station.server.poll().has_value());
    auto replay = station.raw("POST", "/v1/tour", body, once);
    REQUIRE(replay);
    CHECK(replay->status == 401);
    CHECK(parseError(replay->body).find("replayed") != std::string::npos);

    CHECK_FALSE(station.server.poll().has_value());  // nothing refused was queued
    CHECK(log.has("refused POST /v1/tour from 127.0.0.1:", "bad secret"));
    CHECK(log.has("refused POST /v1/tour from 127.0.0.1:", "replayed request"));
    CHECK(log.has("refused GET /v1/status from 127.0.0.1:", "no Authorization header"));
}

TEST_CASE("requests naming paths, missing bundles, oversized or malformed bodies are refused, nothing queued") {
    LogCapture log;
    Station station;
    struct Case {
        std::string body;
        int status;
        std::string error;
    };
    const std::vector<Case> cases = {
        {tourBody("../makelankatu-52.tour"), 400, "'file' must be a plain file name"},
        {tourBody("/etc/passwd"), 400, "'file' must be a plain file name"},
        {tourBody("nowhere.tour"), 404, "no bundle 'nowhere.tour' in the station's listings folder"},
        {tourBody("folder.tour"), 404, "no bundle 'folder.tour'"},
        {"{\"listing\": \"abc\", \"file\": \"" + std::string(5000, 'a') + ".tour\"}", 413, "larger than 4096"},
        {"{not json", 400, "not valid JSON"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.body.substr(0, 80));
        auto reply = station.raw("POST", "/v1/tour", c.body);
        REQUIRE(reply);
        CHECK(reply->status == c.status);
        CHECK_MESSAGE(parseError(reply->body).find(c.error) != std::string::npos, reply->body);
    }
    for (const auto& endpoint : {std::pair{"GET", "/v1/secrets"}, {"POST", "/v1/status"}, {"GET", "/v1/tour"}}) {
        CAPTURE(endpoint.second);
        auto unknown = station.raw(endpoint.first, endpoint.second, "");
        REQUIRE(unknown);
        CHECK(unknown->status == 404);
        CHECK(parseError(unknown->body).find("no such endpoint") != std::string::npos);
    }

    auto missing = station.client().switchTour({"abc", "nowhere.tour", ""});
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().message.find("refused the request: no bundle 'nowhere.tour'") != std::string::npos);
    CHECK_FALSE(station.server.poll().has_value());
    CHECK(log.has("refused POST /v1/tour from 127.0.0.1:", "larger than 4096"));
}

TEST_CASE("a station refuses to start on a network address without a secret, or without its listings") {
    TempDir dir;
    CHECK(isLoopbackAddress("127.0.0.1"));
    CHECK(isLoopbackAddress("127.8.0.3"));
    CHECK(isLoopbackAddress("::1"));
    CHECK(isLoopbackAddress("localhost"));
    CHECK_FALSE(isLoopbackAddress("0.0.0.0"));
    CHECK_FALSE(isLoopbackAddress("192.168.1.20"));
    CHECK_FALSE(isLoopbackAddress("::"));
    CHECK_FALSE(isLoopbackAddress("station.branch.lan"));

    ControlServerOptions options;
    options.address = "0.0.0.0";
    options.port = 0;
    options.listingsDir = dir.path;
    auto open = ControlServer::start(options);
    REQUIRE_FALSE(open.has_value());
    CHECK(open.error().message.find("refusing to listen on 0.0.0.0 without a shared secret") != std::string::npos);

    options.address = "127.0.0.1";
    options.listingsDir = dir.path / "nowhere";
    auto noListings = ControlServer::start(options);
    REQUIRE_FALSE(noListings.has_value());
    CHECK(noListings.error().message.find("nowhere not found") != std::string::npos);

    Station first;
    options.listingsDir = dir.path;
    options.port = first.server.port();
    auto taken = ControlServer::start(options);
    REQUIRE_FALSE(taken.has_value());
    CHECK(taken.error().message.find("cannot listen on 127.0.0.1:" + std::to_string(first.server.port())) !=
          std::string::npos);
}

TEST_CASE("the table says the station did not answer when nothing listens, within the connect timeout") {
    int port = 0;
    {
        Station gone;
        port = gone.server.port();
    }
    auto start = std::chrono::steady_clock::now();
    auto reply = ControlClient("127.0.0.1", port).switchTour(kMakelankatu);
    REQUIRE_FALSE(reply.has_value());
    CHECK(reply.error().message == "The headset station at 127.0.0.1:" + std::to_string(port) +
                                       " did not answer (could not connect: is it on, and is the address right?)");
    auto status = ControlClient("127.0.0.1", port).status();
    REQUIRE_FALSE(status.has_value());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
}

TEST_CASE("a client that connects and says nothing holds up neither poll(), the table nor the station's stop") {
    auto station = std::make_unique<Station>();
    int silent = connectTo(station->server.port());
    const char partial[] = "POST /v1/tour HTTP/1.1\r\nContent-Length: 4000\r\n\r\n{\"listing";
    REQUIRE(::send(silent, partial, sizeof(partial) - 1, 0) > 0);

    auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(station->server.poll().has_value());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
    auto id = station->client().switchTour(kMakelankatu);
    CHECK_MESSAGE(id.has_value(), (id ? "" : id.error().message));
    CHECK(station->server.poll().has_value());

    // The silent client is still mid-request (it has 5 s): stopping ends it.
    start = std::chrono::steady_clock::now();
    station.reset();
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
    ::close(silent);
}

TEST_CASE("a chunked body over the cap is refused without being read whole") {
    // httplib caps bodies that state their length, not chunked ones: the
    // station reads those itself and stops at the cap.
    Station station;
    int fd = connectTo(station.server.port());
    const std::string head = "POST /v1/tour HTTP/1.1\r\nHost: station\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string chunk = "4000\r\n" + std::string(0x4000, 'a') + "\r\n";  // 16 KiB
    REQUIRE(::send(fd, head.data(), head.size(), MSG_NOSIGNAL) == ssize_t(head.size()));
    // 1 MiB offered, never finished: a station reading it all would still be
    // waiting for the last chunk instead of answering.
    for (int i = 0; i < 64; ++i)
        if (::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) <= 0) break;
    char reply[256] = {};
    ssize_t got = ::recv(fd, reply, sizeof(reply) - 1, 0);
    ::close(fd);
    REQUIRE(got > 0);
    CHECK(std::string(reply).rfind("HTTP/1.1 413", 0) == 0);
    CHECK_FALSE(station.server.poll().has_value());
}

TEST_CASE("a request with endless headers is cut off, and the station goes on serving") {
    // httplib alone would keep every header line it is sent, however many.
    LogCapture log;
    Station station;
    int fd = connectTo(station.server.port());
    const std::string head = "GET /v1/status HTTP/1.1\r\n";
    std::string headers;
    for (int i = 0; i < 64; ++i) headers += "X-Padding-" + std::to_string(i) + ": " + std::string(1000, 'p') + "\r\n";
    REQUIRE(::send(fd, head.data(), head.size(), MSG_NOSIGNAL) == ssize_t(head.size()));
    size_t sent = 0;
    while (sent < (size_t(16) << 20)) {  // 16 MiB offered; the station stops reading at 16 KiB and hangs up
        ssize_t n = ::send(fd, headers.data(), headers.size(), MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += size_t(n);
    }
    ::close(fd);
    CHECK(sent < (size_t(16) << 20));
    CHECK(log.has("refused GET /v1/status from 127.0.0.1:", "oversized"));
    CHECK(station.client().status().has_value());
}

TEST_CASE("connections beyond what the station serves and queues are closed at once") {
    // 4 workers and 32 waiting (control/http_limits.h); silent connections hold them.
    LogCapture log;
    Station station;
    const size_t held = 36, offered = 50;
    std::vector<int> fds;
    for (size_t i = 0; i < offered; ++i) {
        fds.push_back(connectTo(station.server.port()));
        // httplib listens with a short backlog: a burst faster than its
        // accepting thread waits a second for the kernel's retry.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    auto isClosed = [](int fd) {
        pollfd p{fd, POLLIN, 0};
        char byte;
        return ::poll(&p, 1, 0) == 1 && ::recv(fd, &byte, 1, MSG_DONTWAIT) == 0;
    };
    size_t closed = 0;
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (closed < offered - held && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        closed = 0;
        for (int fd : fds) closed += isClosed(fd);
    }
    CHECK(closed == offered - held);
    CHECK(log.has("connections at once, closed 1", "127.0.0.1:"));
    for (int fd : fds) ::close(fd);
    // The held ones end as their peers hang up, and the station serves again:
    // within moments (its workers notice the hang-ups as they come round to
    // them, later on a loaded machine), not necessarily the first request after.
    auto status = station.client().status();
    for (auto recovered = std::chrono::steady_clock::now() + std::chrono::seconds(5);
         !status && std::chrono::steady_clock::now() < recovered; status = station.client().status())
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK_MESSAGE(status.has_value(), (status ? "" : status.error().message));
}
