// Hand-written equivalents of the schema's patterns (see text_rules.h for why
// not std::regex). The pattern each function follows is in the header; keep
// the two in step with listing/listing.schema.json.
#include "listing/text_rules.h"

#include <algorithm>
#include <initializer_list>

#include "listing/listing.h"

namespace oh::listing {

const std::vector<std::string_view>& featureNames() {
    static const std::vector<std::string_view> names = {
        "balcony",          "glazed-balcony",  "terrace",           "yard",
        "sauna",            "shared-sauna",    "lift",              "parking",
        "garage",           "storage",         "cellar-storage",    "bike-storage",
        "fireplace",        "bathtub",         "dishwasher",        "washing-machine",
        "walk-in-closet",   "air-conditioning", "heat-pump",        "district-heating",
        "fibre-broadband",  "ev-charging",     "accessible",        "pets-allowed",
        "sea-view",         "renovated-kitchen", "renovated-bathroom"};
    return names;
}

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isAlnum(char c) { return isDigit(c) || isLower(c) || isUpper(c); }
// The JSON Schema uses an explicit ASCII class, not \s, so this matches it.
bool isAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

template <typename Predicate>
bool allOf(std::string_view text, Predicate predicate) {
    return std::all_of(text.begin(), text.end(), predicate);
}

char asciiLower(char c) { return isUpper(c) ? char(c - 'A' + 'a') : c; }

bool endsWithAnyCase(std::string_view text, std::initializer_list<std::string_view> suffixes) {
    for (std::string_view suffix : suffixes) {
        if (text.size() < suffix.size()) continue;
        std::string_view tail = text.substr(text.size() - suffix.size());
        if (std::equal(tail.begin(), tail.end(), suffix.begin(),
                       [](char a, char b) { return asciiLower(a) == b; }))
            return true;
    }
    return false;
}

// One segment of a relative path: not empty, not '.' or '..', none of
// '\', ':' or a control character ('/' separates segments).
bool isPathSegment(std::string_view segment) {
    if (segment.empty() || segment == "." || segment == "..") return false;
    return allOf(segment, [](char c) { return c != '\\' && c != ':' && static_cast<unsigned char>(c) >= 0x20; });
}

const char* checkRelativePath(std::string_view text) {
    size_t start = 0;
    while (true) {
        size_t slash = text.find('/', start);
        std::string_view segment = text.substr(start, slash == std::string_view::npos ? text.npos : slash - start);
        if (!isPathSegment(segment))
            return "a relative path inside the listing folder such as 'photos/kitchen.jpg' ('/' between "
                   "folders; no leading '/', no '.' or '..' folder, no empty folder, no '\\' or ':')";
        if (slash == std::string_view::npos) return nullptr;
        start = slash + 1;
    }
}

}  // namespace

const char* checkListingId(std::string_view text) {
    bool ok = allOf(text, [](char c) { return isLower(c) || isDigit(c) || c == '-'; });
    return ok ? nullptr : "lowercase letters a-z, digits and dashes, e.g. 'vallila-makelankatu-52-a-7'";
}

const char* checkPostalCode(std::string_view text) {
    bool ok = !text.empty() && text.size() <= 12 && isAlnum(text.front()) && isAlnum(text.back()) &&
              allOf(text, [](char c) { return isAlnum(c) || c == ' ' || c == '-'; });
    return ok ? nullptr : "a postal code of letters, digits, spaces and dashes (at most 12), e.g. '00510'";
}

const char* checkCurrency(std::string_view text) {
    bool ok = text.size() == 3 && allOf(text, isUpper);
    return ok ? nullptr : "an ISO 4217 currency code such as EUR";
}

const char* checkEnergyClass(std::string_view text) {
    bool ok = !text.empty() && text[0] >= 'A' && text[0] <= 'G' &&
              (text.size() == 1 || text.substr(1) == "2007" || text.substr(1) == "2013" || text.substr(1) == "2018");
    return ok ? nullptr : "an energy class A to G, optionally with its scale year: 'D', 'C2018', 'E2013', 'D2007'";
}

const char* checkLanguageTag(std::string_view text) {
    size_t dash = text.find('-');
    std::string_view language = text.substr(0, dash);
    bool ok = language.size() >= 2 && language.size() <= 3 && allOf(language, isLower);
    if (ok && dash != std::string_view::npos) {
        std::string_view region = text.substr(dash + 1);
        ok = region.size() == 2 && allOf(region, isUpper);
    }
    return ok ? nullptr : "a language tag such as 'fi', 'en' or 'pt-BR'";
}

const char* checkPhone(std::string_view text) {
    std::string_view number = text.substr(!text.empty() && text[0] == '+' ? 1 : 0);
    bool ok = number.size() >= 5 && number.size() <= 24 && isDigit(number.front()) && isDigit(number.back()) &&
              allOf(number, [](char c) { return isDigit(c) || c == ' ' || c == '(' || c == ')' || c == '-'; });
    return ok ? nullptr : "a phone number of digits, spaces, dashes and parentheses, e.g. '+358 40 555 0123'";
}

const char* checkEmail(std::string_view text) {
    size_t at = text.find('@');
    bool ok = at != std::string_view::npos && at > 0 && text.find('@', at + 1) == std::string_view::npos &&
              std::none_of(text.begin(), text.end(), isAsciiSpace);
    if (ok) {
        // The domain needs a '.' with something on both sides.
        std::string_view domain = text.substr(at + 1);
        size_t dot = domain.find('.', 1);
        ok = dot != std::string_view::npos && dot + 1 < domain.size();
    }
    return ok ? nullptr : "an email address such as 'aino.virtanen@example.com'";
}

const char* checkFeature(std::string_view text) {
    const auto& names = featureNames();
    bool ok = std::find(names.begin(), names.end(), text) != names.end();
    return ok ? nullptr : "a feature the format knows (see docs/listing-format.md), e.g. 'balcony', 'sauna', 'lift'";
}

const char* checkModelPath(std::string_view text) {
    if (const char* expected = checkRelativePath(text)) return expected;
    return endsWithAnyCase(text, {".gltf", ".glb"}) ? nullptr : "a glTF 2.0 model file (.gltf or .glb)";
}

const char* checkImagePath(std::string_view text) {
    if (const char* expected = checkRelativePath(text)) return expected;
    return endsWithAnyCase(text, {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif"})
               ? nullptr
               : "an image file (.jpg, .jpeg, .png, .webp, .heic or .heif)";
}

size_t codePointCount(std::string_view utf8) {
    // Continuation bytes (10xxxxxx) do not start a code point.
    return size_t(std::count_if(utf8.begin(), utf8.end(),
                                [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace oh::listing
