// Result<T>: a value or an Error, with std::expected's names (has_value, value,
// error) so a later move to C++23 is a rename. Used at every module border;
// no exception crosses one.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

#include "core/exit_codes.h"

namespace oh {

// What went wrong, in words a user can act on ("room.gltf: accessor 3: ...").
// `exitCode` (core/exit_codes.h) lets command-line front ends map failure
// classes to process exit codes without parsing the message.
struct Error {
    std::string message;
    int exitCode = kExitBadInput;
};

inline Error makeError(std::string message, int exitCode = kExitBadInput) {
    return Error{std::move(message), exitCode};
}

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool has_value() const { return m_state.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & { assert(has_value()); return std::get<0>(m_state); }
    const T& value() const& { assert(has_value()); return std::get<0>(m_state); }
    T&& value() && { assert(has_value()); return std::get<0>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }

    const Error& error() const { assert(!has_value()); return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// Result<void>: success carries nothing.
struct Ok {};
using Status = Result<Ok>;
inline Status ok() { return Ok{}; }

}  // namespace oh

// Propagate an error from an expression returning Result<...>/Status.
#define OH_TRY(expr)                                        \
    do {                                                    \
        auto ohTryResult_ = (expr);                         \
        if (!ohTryResult_.has_value()) return ohTryResult_.error(); \
    } while (0)
