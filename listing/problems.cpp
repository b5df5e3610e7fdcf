// Problems: the lines and the summary of one listing's error message.
#include "listing/problems.h"

#include <algorithm>
#include <cassert>

namespace oh::listing {

void Problems::add(std::string_view pointer, std::string_view text) {
    // The empty pointer is the whole document; "NAME: : ..." would read as a typo.
    if (pointer.empty()) return addWhole(text);
    m_lines.push_back(m_displayName + ": " + std::string(pointer) + ": " + std::string(text));
}

void Problems::addWhole(std::string_view text) { m_lines.push_back(m_displayName + ": " + std::string(text)); }

Error Problems::error() const {
    assert(!m_lines.empty());
    std::string message = m_displayName + ": " + std::to_string(m_lines.size()) +
                          (m_lines.size() == 1 ? " problem:" : " problems:");
    size_t listed = std::min(m_lines.size(), kMaxListedProblems);
    for (size_t i = 0; i < listed; ++i) message += "\n" + m_lines[i];
    if (listed < m_lines.size())
        message += "\n" + m_displayName + ": ... and " + std::to_string(m_lines.size() - listed) + " more";
    return makeError(std::move(message), kExitBadInput);
}

}  // namespace oh::listing
