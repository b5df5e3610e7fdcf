#include "control/control_client.h"

#include <httplib.h>

#include "control/request_auth.h"

namespace oh::control {
namespace {

// A station's replies are a few hundred bytes; more is not a station.
constexpr size_t kMaxReplyBytes = 64 * 1024;

// The station's refusal, shown on the table: one line, bounded.
std::string oneLine(std::string_view text) {
    std::string out;
    for (unsigned char c : text.substr(0, 200)) out += (c < 0x20 || c == 0x7f) ? ' ' : char(c);
    return out;
}

// httplib's error names ("Connection") in words for the table.
std::string transportProblem(httplib::Error error) {
    switch (error) {
        case httplib::Error::Connection: return "could not connect: is it on, and is the address right?";
        case httplib::Error::ConnectionTimeout: return "no connection within 1 s";
        case httplib::Error::Read: return "no answer within 2 s";
        case httplib::Error::Write: return "the connection broke while sending";
        default: return httplib::to_string(error);
    }
}

}  // namespace

ControlClient::ControlClient(std::string host, int port, std::optional<SharedSecret> secret)
    : m_host(std::move(host)), m_port(port), m_secret(std::move(secret)),
      m_station("The headset station at " + endpointName(m_host, m_port)) {}

Result<ControlClient::Reply> ControlClient::send(std::string_view method, std::string_view path,
                                                 const std::string& body) {
    httplib::Client client(m_host, m_port);
    client.set_connection_timeout(1, 0);
    client.set_read_timeout(2, 0);
    client.set_write_timeout(2, 0);
    Reply reply;
    httplib::Request request;
    request.method = std::string(method);
    request.path = std::string(path);
    request.body = body;
    if (!body.empty()) request.set_header("Content-Type", "application/json");
    if (m_secret)
        request.set_header("Authorization",
                           makeAuthorization(*m_secret, method, path, body, unixNow(), randomNonce()));
    request.content_receiver = [&reply](const char* data, size_t size, uint64_t, uint64_t) {
        if (reply.body.size() + size > kMaxReplyBytes) return false;
        reply.body.append(data, size);
        return true;
    };
    httplib::Result result = client.send(request);
    if (result.error() == httplib::Error::Canceled)
        return makeError(m_station + " answered with more than " + std::to_string(kMaxReplyBytes / 1024) +
                         " KiB: is it a headset station?");
    if (!result) return makeError(m_station + " did not answer (" + transportProblem(result.error()) + ")");
    reply.status = result->status;
    return reply;
}

Error ControlClient::refused(const Reply& reply) const {
    std::string why = oneLine(parseError(reply.body));
    if (why.empty()) why = "HTTP status " + std::to_string(reply.status);
    return makeError(m_station + " refused the request: " + why);
}

Result<uint64_t> ControlClient::switchTour(const TourRequest& request) {
    auto reply = send("POST", kTourPath, serialiseTourRequest(request));
    if (!reply) return reply.error();
    if (reply->status != 202) return refused(*reply);
    auto id = parseAccepted(reply->body);
    if (!id) return makeError(m_station + " accepted the request but its answer is garbled: " + id.error().message);
    return id;
}

Result<StationStatus> ControlClient::status() {
    auto reply = send("GET", kStatusPath, {});
    if (!reply) return reply.error();
    if (reply->status != 200) return refused(*reply);
    auto status = parseStationStatus(reply->body);
    if (!status) return makeError(m_station + " sent a garbled status: " + status.error().message);
    return status;
}

}  // namespace oh::control
