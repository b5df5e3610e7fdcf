// The catalog's rows on disk: one SQLite table of listings keyed by bundle
// file, with a schema version (PRAGMA user_version) and the set of trusted
// keys it was built under. A database of another version, built under other
// keys, or not a database at all is emptied and rebuilt from the bundles:
// it is a cache of them, never the only copy of anything.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "catalog/listing_summary.h"
#include "catalog/sqlite_db.h"
#include "core/result.h"

namespace oh::catalog {

inline constexpr int kSchemaVersion = 1;

class CatalogStore {
public:
    // `trustTag` names the trusted keys (empty: none); rows made under other keys are dropped.
    static Result<CatalogStore> open(const std::filesystem::path& path, const std::string& trustTag);

    // True when open() found nothing usable and started empty.
    bool rebuilt() const { return m_rebuilt; }

    Result<std::vector<CatalogEntry>> loadAll();
    // Writes rows (replacing any of the same file) and removes files' rows, in one transaction.
    Status apply(std::span<const CatalogEntry> rows, std::span<const std::string> removedFiles);

private:
    static Result<CatalogStore> openOnce(const std::filesystem::path& path, const std::string& trustTag);
    Status create(const std::string& trustTag);

    Database m_db;
    bool m_rebuilt = false;
};

}  // namespace oh::catalog
