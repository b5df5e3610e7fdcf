// SQLite behind sqlite_db.h.
#include "catalog/sqlite_db.h"

#include <sqlite3.h>

namespace oh::catalog {

void Database::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }
void Statement::Finalizer::operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }

Result<Database> Database::open(const std::filesystem::path& path) {
    Database database;
    database.m_name = path.string();
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    database.m_db.reset(handle);  // sqlite hands out a handle even on failure; it must be closed
    if (rc != SQLITE_OK) return database.error("cannot open the catalog database");
    // Another process (a second table on the same share) may hold the lock briefly.
    sqlite3_busy_timeout(handle, 2000);
    return database;
}

Error Database::error(const std::string& what) const {
    std::string detail = m_db ? sqlite3_errmsg(m_db.get()) : "out of memory";
    return makeError(m_name + ": " + what + ": " + detail, kExitIo);
}

Status Database::exec(const std::string& sql) {
    if (sqlite3_exec(m_db.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return error("cannot run \"" + sql.substr(0, 40) + "\"");
    return ok();
}

Result<Statement> Database::prepare(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(m_db.get(), sql.c_str(), int(sql.size()), &statement, nullptr) != SQLITE_OK)
        return error("cannot prepare \"" + sql.substr(0, 40) + "\"");
    return Statement(statement, this);
}

void Statement::bind(int index, int64_t value) { sqlite3_bind_int64(m_statement.get(), index, value); }
void Statement::bind(int index, double value) { sqlite3_bind_double(m_statement.get(), index, value); }
void Statement::bind(int index, const std::string& value) {
    sqlite3_bind_text(m_statement.get(), index, value.data(), int(value.size()), SQLITE_TRANSIENT);
}
void Statement::bind(int index, std::span<const uint8_t> blob) {
    sqlite3_bind_blob(m_statement.get(), index, blob.data(), int(blob.size()), SQLITE_TRANSIENT);
}
void Statement::bindNull(int index) { sqlite3_bind_null(m_statement.get(), index); }

Result<bool> Statement::step() {
    int rc = sqlite3_step(m_statement.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return m_db->error("query failed");
}

void Statement::reset() {
    sqlite3_reset(m_statement.get());
    sqlite3_clear_bindings(m_statement.get());
}

bool Statement::isNull(int column) const { return sqlite3_column_type(m_statement.get(), column) == SQLITE_NULL; }
int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_statement.get(), column); }
double Statement::real(int column) const { return sqlite3_column_double(m_statement.get(), column); }
std::string Statement::text(int column) const {
    const unsigned char* text = sqlite3_column_text(m_statement.get(), column);
    return text ? std::string(reinterpret_cast<const char*>(text), size_t(sqlite3_column_bytes(m_statement.get(), column)))
                : std::string();
}
std::span<const uint8_t> Statement::blob(int column) const {
    const void* data = sqlite3_column_blob(m_statement.get(), column);
    return {static_cast<const uint8_t*>(data), size_t(sqlite3_column_bytes(m_statement.get(), column))};
}

}  // namespace oh::catalog
