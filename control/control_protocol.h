// The control protocol's messages (docs/control.md), as plain structs with
// parse and serialise functions: no sockets, no threads, so the fuzzer and the
// tests drive them directly. Transport: control_server.h, control_client.h;
// request signatures: request_auth.h.
//
//   POST /v1/tour   {"listing": ID, "file": NAME.tour, "manifestHash": HEX?}  -> 202 {"requestId": N}
//   GET  /v1/status -> 200 {"state", "listing", "name", "message", "requestId"}
//   any refusal     -> 4xx {"error": "one line"}
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace oh::control {

inline constexpr int kDefaultPort = 7878;
inline constexpr std::string_view kTourPath = "/v1/tour";
inline constexpr std::string_view kStatusPath = "/v1/status";
// Requests are a few hundred bytes; anything larger is refused unread (413).
inline constexpr size_t kMaxBodyBytes = 4096;
inline constexpr size_t kMaxFileNameBytes = 255;  // NAME_MAX on Linux

// "Walk inside": switch the station to another listing's tour.
struct TourRequest {
    std::string listingId;     // the listing's id (docs/listing-format.md: a-z, 0-9, '-', 3-64 characters)
    std::string file;          // a bundle's plain file name in the station's listings folder ("x.tour")
    std::string manifestHash;  // optional: the manifest part's hash the table saw, 64 hex digits (lowercase once
                               // parsed); empty: any
};

// Errors say which member is wrong and why, in one line (the station sends it
// back as the 400's message). The file name is checked here too (checkBundleFileName).
Result<TourRequest> parseTourRequest(std::string_view body);
std::string serialiseTourRequest(const TourRequest& request);

// A plain file name the station may look up in its listings folder: ends in
// ".tour"; no '/', '\\', "..", NUL or other control characters; not hidden;
// at most kMaxFileNameBytes. The station never opens any other path from a request.
Status checkBundleFileName(std::string_view file);

// What the station last reported (ControlServer::setStatus), for the table
// to show ("Customer is inside Mäkelänkatu 52 A 7").
enum class StationState { Idle, Loading, Inside, Failed };

struct StationStatus {
    StationState state = StationState::Idle;
    std::string listingId;
    std::string listingName;  // the listing's address or title, as the mirror shows it
    std::string message;      // why it failed, or empty
    uint64_t requestId = 0;   // the request this status answers (0: none yet)
};

const char* stationStateName(StationState state);  // "idle", "loading", "inside", "failed"
Result<StationStatus> parseStationStatus(std::string_view body);
std::string serialiseStationStatus(const StationStatus& status);

// The 202's body, {"requestId": N}.
std::string serialiseAccepted(uint64_t requestId);
Result<uint64_t> parseAccepted(std::string_view body);

// "host:port" for messages, with an IPv6 address in brackets ("[::1]:7878").
std::string endpointName(const std::string& host, int port);

// A refusal's body, {"error": message}, and the message back out of one
// (empty when the body is not such an object).
std::string serialiseError(std::string_view message);
std::string parseError(std::string_view body);

}  // namespace oh::control
