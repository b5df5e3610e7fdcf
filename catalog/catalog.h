// The branch's listings: a folder of .tour bundles indexed into an SQLite
// database beside them (FOLDER/.openhouse-catalog*.sqlite: databasePath), and the table's
// filters over it. The table calls refresh() every second or so to pick up
// bundles added, replaced and removed while it runs: with nothing changed
// that is one directory scan and a stat per file, no bundle opened.
// find() scans the rows held in memory (10,000 listings: 0.2-4 ms, most of
// it copying the matches; docs/benchmarks.md), so it never waits on the disk.
//
// Not for: drawing anything (table/), reading bundles (bundle/).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bundle/bundle_reader.h"
#include "catalog/catalog_store.h"
#include "catalog/listing_filter.h"
#include "catalog/listing_summary.h"
#include "core/result.h"

namespace oh::catalog {

// The database's name when no keys are trusted; with trusted keys it is
// named after them (databasePath), so a table and a headset station sharing
// one folder with different keys each keep their own instead of rebuilding
// each other's, and with the same keys share one (SQLite locks it).
inline constexpr const char* kDatabaseName = ".openhouse-catalog.sqlite";

struct CatalogOptions {
    // Non-empty: only bundles signed by one of these keys are listed.
    std::vector<bundle::PublicKey> trustedKeys;
};

// A bundle left out, for the caller's log: reason names the file.
struct BundleProblem {
    std::string file;
    std::string reason;
};

struct RefreshResult {
    int added = 0;
    int replaced = 0;
    int removed = 0;
    std::vector<BundleProblem> problems;  // found by this refresh (a bad file is reported once until it changes)
    bool changed() const { return added || replaced || removed; }
};

// Where the catalog of `folder` under `options` keeps its database.
std::filesystem::path databasePath(const std::filesystem::path& folder, const CatalogOptions& options);

class Catalog {
public:
    // Opens (or creates) the database in `folder` and loads its rows; call
    // refresh() to bring it up to date with the folder. Errors: the folder
    // is missing, or the database cannot be written (kExitIo).
    static Result<Catalog> open(const std::filesystem::path& folder, const CatalogOptions& options = {});

    Result<RefreshResult> refresh();

    // The listings matching `filter`, ordered by id.
    std::vector<ListingSummary> find(const ListingFilter& filter) const;

    // Every listing, ordered by bundle file.
    const std::vector<CatalogEntry>& entries() const { return m_entries; }
    // Bad bundles now in the folder.
    std::vector<BundleProblem> problems() const;
    // True when open() found no usable database (new, another schema version, other keys).
    bool rebuilt() const { return m_rebuilt; }

    // Adds or replaces rows directly, as refresh() does for bundles it read
    // (benchmarks and tools that generate catalogs).
    Status put(std::vector<CatalogEntry> rows);

private:
    Result<CatalogEntry> indexBundle(const std::filesystem::path& path, const FileStamp& stamp) const;

    std::filesystem::path m_folder;
    CatalogOptions m_options;
    CatalogStore m_store;
    bool m_rebuilt = false;
    std::vector<CatalogEntry> m_entries;                      // sorted by file
    std::map<std::string, std::pair<FileStamp, std::string>> m_rejected;  // file -> stamp, reason
};

}  // namespace oh::catalog
