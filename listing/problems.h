// Collects every problem found in one listing, so an agent sees all of them
// in one run instead of fixing one per run. Used by the reader and the file
// check; not a general logging facility.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace oh::listing {

class Problems {
public:
    explicit Problems(std::string_view displayName) : m_displayName(displayName) {}

    // `pointer` is the JSON pointer of the offending value ("/photos/3/file"),
    // `text` what is wrong ("expected ..., got ...").
    void add(std::string_view pointer, std::string_view text);
    // A problem that belongs to no value (the text is not JSON at all).
    void addWhole(std::string_view text);

    bool empty() const { return m_lines.empty(); }

    // "NAME: N problem(s):" then one line per problem, at most
    // kMaxListedProblems of them and a line saying how many more there are.
    // kExitBadInput. Call only when !empty().
    Error error() const;

    static constexpr size_t kMaxListedProblems = 100;

private:
    std::string m_displayName;
    std::vector<std::string> m_lines;
};

}  // namespace oh::listing
