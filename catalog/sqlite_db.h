// The few SQLite calls the catalog makes, with one owner per handle and
// errors as values naming the database file. Not a general SQLite binding.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace oh::catalog {

class Statement;

class Database {
public:
    // Opens or creates the file.
    static Result<Database> open(const std::filesystem::path& path);
    Status exec(const std::string& sql);
    Result<Statement> prepare(const std::string& sql);
    Error error(const std::string& what) const;  // "PATH: WHAT: sqlite's message"
    const std::string& name() const { return m_name; }

private:
    struct Closer { void operator()(sqlite3* db) const; };
    std::unique_ptr<sqlite3, Closer> m_db;
    std::string m_name;
};

// A prepared statement; bind indexes start at 1, column indexes at 0.
class Statement {
public:
    void bind(int index, int64_t value);
    void bind(int index, double value);
    void bind(int index, const std::string& value);
    void bind(int index, std::span<const uint8_t> blob);
    template <typename T>
    void bind(int index, const std::optional<T>& value) {
        if (value) bind(index, *value); else bindNull(index);
    }
    void bindNull(int index);
    // true: a row is ready; false: done.
    Result<bool> step();
    // Ready for the next bind/step round.
    void reset();

    bool isNull(int column) const;
    int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::span<const uint8_t> blob(int column) const;

private:
    friend class Database;
    struct Finalizer { void operator()(sqlite3_stmt* statement) const; };
    Statement(sqlite3_stmt* statement, const Database* db) : m_statement(statement), m_db(db) {}
    std::unique_ptr<sqlite3_stmt, Finalizer> m_statement;
    const Database* m_db;  // for error messages; a statement never outlives its database
};

}  // namespace oh::catalog
