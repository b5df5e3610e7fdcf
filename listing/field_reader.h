// Reads typed values out of parsed JSON while collecting every problem with
// its JSON pointer, in the words of listing/listing.schema.json's rules
// ("expected a number in [0, 360), got 400"). A value that breaks a rule is
// reported and read as absent, so reading goes on and finds the rest.
// Internal to listing/: the public header stays free of nlohmann::json.
#pragma once

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "listing/problems.h"
#include "listing/text_rules.h"

namespace oh::listing {

using Json = nlohmann::json;

// A value and where it is in the document.
struct Node {
    const Json& value;
    std::string pointer;  // "" for the root, "/photos/3" below it
};

// Bounds of a number; the exclusive flags turn [min, max] into (min, max).
struct NumberRange {
    double min = 0.0;
    double max = 0.0;
    bool minExclusive = false;
    bool maxExclusive = false;
};

// A string: its length in code points, then its pattern (nullptr: any text).
struct TextRule {
    size_t minLength = 1;
    size_t maxLength = 0;
    TextCheck check = nullptr;
};

enum class Need { Required, Optional };

class FieldReader {
public:
    explicit FieldReader(Problems& problems) : m_problems(problems) {}

    void problem(const Node& node, std::string_view text) { m_problems.add(node.pointer, text); }

    // Whether `node` is an object; reports each member not named in `known`
    // (the schema's additionalProperties: false).
    bool object(const Node& node, std::initializer_list<std::string_view> known);
    // The member `key` of an object node, if present; a missing required one
    // is reported.
    std::optional<Node> member(const Node& object, std::string_view key, Need need);
    // Calls `each` with every element of an array of at most `maxItems`;
    // false (and reported) if not such an array.
    bool array(const Node& node, size_t maxItems, const std::function<void(const Node&)>& each);
    // Calls `each` with every member of an object, in key order.
    bool members(const Node& node, const std::function<void(std::string_view key, const Node&)>& each);

    std::optional<double> number(const Node& node, const NumberRange& range);
    // An integral number (1 and 1.0 alike, as JSON Schema's "integer").
    std::optional<int> integer(const Node& node, int min, int max);
    std::optional<std::string> text(const Node& node, const TextRule& rule);

    // The member read with one of the above, absent when missing or bad.
    std::optional<double> number(const Node& object, std::string_view key, Need need, const NumberRange& range);
    std::optional<int> integer(const Node& object, std::string_view key, Need need, int min, int max);
    std::optional<std::string> text(const Node& object, std::string_view key, Need need, const TextRule& rule);

private:
    Problems& m_problems;
};

// What a value is, for "got ..." in messages: numbers and short strings
// verbatim, arrays and objects by kind.
std::string describe(const Json& value);

// A number as messages print it: integral values without a fraction.
std::string formatNumber(double value);

}  // namespace oh::listing
