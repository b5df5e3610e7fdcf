#include "control/control_protocol.h"

#include <cctype>
#include <initializer_list>

#include <nlohmann/json.hpp>

namespace oh::control {
namespace {

using nlohmann::json;

// Bodies come from the network: parse without exceptions, and refuse members
// we do not know (a misspelt "manifestHash" must not silently skip the check).
Result<json> parseObject(std::string_view body, std::initializer_list<std::string_view> members) {
    if (body.size() > kMaxBodyBytes)
        return makeError("the body has " + std::to_string(body.size()) + " bytes, more than " +
                         std::to_string(kMaxBodyBytes));
    json value = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) return makeError("the body is not valid JSON");
    if (!value.is_object()) return makeError("the body is not a JSON object");
    for (const auto& item : value.items()) {
        bool known = false;
        for (std::string_view member : members) known = known || item.key() == member;
        if (!known) return makeError("unknown member '" + item.key().substr(0, 64) + "'");
    }
    return value;
}

// The member's text; an optional member that is absent reads as empty.
Result<std::string> textMember(const json& object, const char* name, bool required) {
    auto it = object.find(name);
    if (it == object.end()) {
        if (required) return makeError(std::string("'") + name + "' is missing");
        return std::string();
    }
    if (!it->is_string()) return makeError(std::string("'") + name + "' is not a string");
    return it->get<std::string>();
}

bool isListingId(std::string_view id) {
    if (id.size() < 3 || id.size() > 64) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

bool isHex(std::string_view text) {
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    return true;
}

// Status text is the app's own, but may hold anything: never let a bad byte
// make serialisation throw.
std::string dumpJson(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

Status checkBundleFileName(std::string_view file) {
    if (file.empty()) return makeError("'file' is empty");
    if (file.size() > kMaxFileNameBytes)
        return makeError("'file' is longer than " + std::to_string(kMaxFileNameBytes) + " bytes");
    for (unsigned char c : file) {
        if (c == '/' || c == '\\') return makeError("'file' must be a plain file name, not a path");
        if (c < 0x20 || c == 0x7f) return makeError("'file' contains a control character");
    }
    if (file.find("..") != std::string_view::npos) return makeError("'file' must not contain '..'");
    if (file.front() == '.') return makeError("'file' must not be a hidden file");
    constexpr std::string_view kExtension = ".tour";
    if (file.size() <= kExtension.size() || file.substr(file.size() - kExtension.size()) != kExtension)
        return makeError("'file' must be a tour bundle (NAME.tour)");
    return ok();
}

Result<TourRequest> parseTourRequest(std::string_view body) {
    auto object = parseObject(body, {"listing", "file", "manifestHash"});
    if (!object) return object.error();
    TourRequest request;
    auto listing = textMember(*object, "listing", true);
    if (!listing) return listing.error();
    if (!isListingId(*listing)) return makeError("'listing' is not a listing id (a-z, 0-9, '-'; 3-64 characters)");
    auto file = textMember(*object, "file", true);
    if (!file) return file.error();
    OH_TRY(checkBundleFileName(*file));
    auto hash = textMember(*object, "manifestHash", false);
    if (!hash) return hash.error();
    if (!hash->empty() && (hash->size() != 64 || !isHex(*hash)))
        return makeError("'manifestHash' is not 64 hex digits");
    request.listingId = std::move(*listing);
    request.file = std::move(*file);
    request.manifestHash = std::move(*hash);
    // One spelling, so the app compares it with the bundle's as text.
    for (char& c : request.manifestHash) c = char(std::tolower(static_cast<unsigned char>(c)));
    return request;
}

std::string serialiseTourRequest(const TourRequest& request) {
    json object = {{"listing", request.listingId}, {"file", request.file}};
    if (!request.manifestHash.empty()) object["manifestHash"] = request.manifestHash;
    return dumpJson(object);
}

const char* stationStateName(StationState state) {
    switch (state) {
        case StationState::Idle: return "idle";
        case StationState::Loading: return "loading";
        case StationState::Inside: return "inside";
        case StationState::Failed: return "failed";
    }
    return "idle";
}

Result<StationStatus> parseStationStatus(std::string_view body) {
    auto object = parseObject(body, {"state", "listing", "name", "message", "requestId"});
    if (!object) return object.error();
    auto stateText = textMember(*object, "state", true);
    if (!stateText) return stateText.error();
    StationStatus status;
    bool known = false;
    for (StationState state : {StationState::Idle, StationState::Loading, StationState::Inside, StationState::Failed})
        if (*stateText == stationStateName(state)) {
            status.state = state;
            known = true;
        }
    if (!known) return makeError("'state' is not one of idle, loading, inside, failed");
    auto listing = textMember(*object, "listing", false);
    auto name = textMember(*object, "name", false);
    auto message = textMember(*object, "message", false);
    for (auto* text : {&listing, &name, &message})
        if (!*text) return text->error();
    auto id = object->find("requestId");
    if (id != object->end()) {
        if (!id->is_number_unsigned()) return makeError("'requestId' is not a whole number");
        status.requestId = id->get<uint64_t>();
    }
    status.listingId = std::move(*listing);
    status.listingName = std::move(*name);
    status.message = std::move(*message);
    return status;
}

std::string serialiseStationStatus(const StationStatus& status) {
    return dumpJson({{"state", stationStateName(status.state)},
                     {"listing", status.listingId},
                     {"name", status.listingName},
                     {"message", status.message},
                     {"requestId", status.requestId}});
}

std::string serialiseAccepted(uint64_t requestId) { return dumpJson({{"requestId", requestId}}); }

Result<uint64_t> parseAccepted(std::string_view body) {
    auto object = parseObject(body, {"requestId"});
    if (!object) return object.error();
    auto id = object->find("requestId");
    if (id == object->end() || !id->is_number_unsigned()) return makeError("'requestId' is missing");
    return id->get<uint64_t>();
}

std::string endpointName(const std::string& host, int port) {
    bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string serialiseError(std::string_view message) { return dumpJson({{"error", message}}); }

std::string parseError(std::string_view body) {
    auto object = parseObject(body, {"error"});
    if (!object) return {};
    auto message = textMember(*object, "error", false);
    return message ? *message : std::string();
}

}  // namespace oh::control
