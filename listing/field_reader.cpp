// FieldReader: typed reads of nlohmann::json values that report, never throw.
#include "listing/field_reader.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace oh::listing {

namespace {

// RFC 6901: '~' and '/' inside a member name are escaped in a pointer.
std::string pointerTo(const Node& parent, std::string_view key) {
    std::string pointer = parent.pointer + "/";
    for (char c : key) {
        if (c == '~') pointer += "~0";
        else if (c == '/') pointer += "~1";
        else pointer += c;
    }
    return pointer;
}

std::string rangeText(const NumberRange& range) {
    return std::string(range.minExclusive ? "(" : "[") + formatNumber(range.min) + ", " + formatNumber(range.max) +
           (range.maxExclusive ? ")" : "]");
}

bool inRange(double value, const NumberRange& range) {
    bool aboveMin = range.minExclusive ? value > range.min : value >= range.min;
    bool belowMax = range.maxExclusive ? value < range.max : value <= range.max;
    return aboveMin && belowMax;
}

std::string knownList(std::initializer_list<std::string_view> known) {
    std::string list;
    for (std::string_view name : known) list += (list.empty() ? "" : ", ") + std::string(name);
    return list;
}

// The first `limit` code points of UTF-8 text.
std::string_view clip(std::string_view text, size_t limit) {
    size_t points = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (points++ == limit) return text.substr(0, i);
    }
    return text;
}

}  // namespace

std::string formatNumber(double value) {
    char text[40];
    // Shortest of 15 or 17 significant digits that reads back as the same double.
    std::snprintf(text, sizeof text, "%.15g", value);
    if (std::strtod(text, nullptr) != value) std::snprintf(text, sizeof text, "%.17g", value);
    return text;
}

std::string describe(const Json& value) {
    constexpr size_t kShownCodePoints = 40;
    switch (value.type()) {
        case Json::value_t::string: {
            const auto& text = value.get_ref<const std::string&>();
            std::string_view shown = clip(text, kShownCodePoints);
            std::string quoted = Json(std::string(shown)).dump(-1, ' ', false, Json::error_handler_t::replace);
            return shown.size() < text.size() ? quoted + " (cut short)" : quoted;
        }
        case Json::value_t::number_integer: return std::to_string(value.get<int64_t>());
        case Json::value_t::number_unsigned: return std::to_string(value.get<uint64_t>());
        case Json::value_t::number_float: return formatNumber(value.get<double>());
        case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
        case Json::value_t::null: return "null";
        case Json::value_t::array: return "an array";
        case Json::value_t::object: return "an object";
        default: return "something else";
    }
}

bool FieldReader::object(const Node& node, std::initializer_list<std::string_view> known) {
    if (!node.value.is_object()) {
        problem(node, "expected an object, got " + describe(node.value));
        return false;
    }
    for (const auto& [key, value] : node.value.items()) {
        bool isKnown = false;
        for (std::string_view name : known) isKnown = isKnown || name == key;
        if (!isKnown)
            m_problems.add(pointerTo(node, key), "unknown member (expected one of: " + knownList(known) + ")");
    }
    return true;
}

std::optional<Node> FieldReader::member(const Node& object, std::string_view key, Need need) {
    if (!object.value.is_object()) return std::nullopt;
    auto found = object.value.find(key);
    if (found == object.value.end()) {
        if (need == Need::Required) m_problems.add(pointerTo(object, key), "missing (required)");
        return std::nullopt;
    }
    return Node{*found, pointerTo(object, key)};
}

bool FieldReader::array(const Node& node, size_t maxItems, const std::function<void(const Node&)>& each) {
    if (!node.value.is_array()) {
        problem(node, "expected an array, got " + describe(node.value));
        return false;
    }
    if (node.value.size() > maxItems) {
        problem(node, "expected at most " + std::to_string(maxItems) + " items, got " +
                          std::to_string(node.value.size()));
        return false;
    }
    for (size_t i = 0; i < node.value.size(); ++i) each(Node{node.value[i], node.pointer + "/" + std::to_string(i)});
    return true;
}

bool FieldReader::members(const Node& node, const std::function<void(std::string_view, const Node&)>& each) {
    if (!node.value.is_object()) {
        problem(node, "expected an object, got " + describe(node.value));
        return false;
    }
    for (const auto& [key, value] : node.value.items()) each(key, Node{value, pointerTo(node, key)});
    return true;
}

std::optional<double> FieldReader::number(const Node& node, const NumberRange& range) {
    if (!node.value.is_number() || !inRange(node.value.get<double>(), range)) {
        problem(node, "expected a number in " + rangeText(range) + ", got " + describe(node.value));
        return std::nullopt;
    }
    return node.value.get<double>();
}

std::optional<int> FieldReader::integer(const Node& node, int min, int max) {
    bool ok = node.value.is_number();
    double value = ok ? node.value.get<double>() : 0.0;
    if (!ok || value != std::floor(value) || value < min || value > max) {
        problem(node, "expected an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " +
                          describe(node.value));
        return std::nullopt;
    }
    return int(value);
}

std::optional<std::string> FieldReader::text(const Node& node, const TextRule& rule) {
    if (!node.value.is_string()) {
        problem(node, "expected a string, got " + describe(node.value));
        return std::nullopt;
    }
    const auto& text = node.value.get_ref<const std::string&>();
    size_t length = codePointCount(text);
    if (length < rule.minLength || length > rule.maxLength) {
        problem(node, "expected " + std::to_string(rule.minLength) + " to " + std::to_string(rule.maxLength) +
                          " characters, got " + std::to_string(length) + ": " + describe(node.value));
        return std::nullopt;
    }
    if (const char* expected = rule.check ? rule.check(text) : nullptr) {
        problem(node, std::string("expected ") + expected + ", got " + describe(node.value));
        return std::nullopt;
    }
    return text;
}

std::optional<double> FieldReader::number(const Node& object, std::string_view key, Need need,
                                          const NumberRange& range) {
    std::optional<Node> node = member(object, key, need);
    return node ? number(*node, range) : std::nullopt;
}

std::optional<int> FieldReader::integer(const Node& object, std::string_view key, Need need, int min, int max) {
    std::optional<Node> node = member(object, key, need);
    return node ? integer(*node, min, max) : std::nullopt;
}

std::optional<std::string> FieldReader::text(const Node& object, std::string_view key, Need need,
                                             const TextRule& rule) {
    std::optional<Node> node = member(object, key, need);
    return node ? text(*node, rule) : std::nullopt;
}

}  // namespace oh::listing
