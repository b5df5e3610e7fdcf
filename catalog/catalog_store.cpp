// The listings table behind catalog_store.h.
#include "catalog/catalog_store.h"

#include <algorithm>
#include <cstring>
#include <system_error>

namespace oh::catalog {
namespace {

// Column order shared by the INSERT and the SELECT below.
constexpr const char* kColumns =
    "file, size, mtime_ns, manifest_hash, id, title, street, postal_code, district, latitude, longitude, "
    "asking_price, debt_free_price, maintenance, living_area, rooms, floor, year_built, energy_class, features, "
    "photos, panoramas, has_model, thumbnail_part";
constexpr int kColumnCount = 24;

std::string joinFeatures(const std::vector<std::string>& features) {
    std::string text;
    for (const std::string& feature : features) text += (text.empty() ? "" : ",") + feature;
    return text;
}

std::vector<std::string> splitFeatures(const std::string& text) {
    std::vector<std::string> features;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = std::min(text.find(',', start), text.size());
        features.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return features;
}

}  // namespace

Result<CatalogStore> CatalogStore::open(const std::filesystem::path& path, const std::string& trustTag) {
    auto store = openOnce(path, trustTag);
    if (store) return store;
    // Not a database (a crash mid-copy, a stray file): it only caches the bundles, so start again.
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    std::filesystem::remove(path.string() + "-journal", ignored);
    auto again = openOnce(path, trustTag);
    if (again) again->m_rebuilt = true;
    return again;
}

Result<CatalogStore> CatalogStore::openOnce(const std::filesystem::path& path, const std::string& trustTag) {
    auto db = Database::open(path);
    if (!db) return db.error();
    CatalogStore store;
    store.m_db = std::move(db.value());
    auto version = store.m_db.prepare("PRAGMA user_version");
    if (!version) return version.error();
    auto row = version->step();
    if (!row) return row.error();
    bool current = *row && version->integer(0) == kSchemaVersion;
    if (current) {
        auto trust = store.m_db.prepare("SELECT value FROM meta WHERE key = 'trust'");
        if (!trust) return trust.error();
        auto found = trust->step();
        if (!found) return found.error();
        current = *found && trust->text(0) == trustTag;
    }
    if (!current) {
        OH_TRY(store.create(trustTag));
        store.m_rebuilt = true;
    }
    return store;
}

Status CatalogStore::create(const std::string& trustTag) {
    OH_TRY(m_db.exec("BEGIN"));
    OH_TRY(m_db.exec("DROP TABLE IF EXISTS listings"));
    OH_TRY(m_db.exec("DROP TABLE IF EXISTS meta"));
    OH_TRY(m_db.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
    OH_TRY(m_db.exec(
        "CREATE TABLE listings (file TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, "
        "manifest_hash BLOB NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, street TEXT NOT NULL, "
        "postal_code TEXT NOT NULL, district TEXT, latitude REAL NOT NULL, longitude REAL NOT NULL, "
        "asking_price REAL NOT NULL, debt_free_price REAL, maintenance REAL, living_area REAL NOT NULL, "
        "rooms INTEGER NOT NULL, floor INTEGER, year_built INTEGER NOT NULL, energy_class TEXT, "
        "features TEXT NOT NULL, photos INTEGER NOT NULL, panoramas INTEGER NOT NULL, has_model INTEGER NOT NULL, "
        "thumbnail_part TEXT NOT NULL)"));
    auto meta = m_db.prepare("INSERT INTO meta VALUES ('trust', ?1)");
    if (!meta) return meta.error();
    meta->bind(1, trustTag);
    auto done = meta->step();
    if (!done) return done.error();
    OH_TRY(m_db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)));
    return m_db.exec("COMMIT");
}

Result<std::vector<CatalogEntry>> CatalogStore::loadAll() {
    auto select = m_db.prepare(std::string("SELECT ") + kColumns + " FROM listings ORDER BY file");
    if (!select) return select.error();
    std::vector<CatalogEntry> rows;
    for (;;) {
        auto row = select->step();
        if (!row) return row.error();
        if (!*row) break;
        const Statement& s = *select;
        CatalogEntry e;
        e.summary.file = s.text(0);
        e.stamp.size = uint64_t(s.integer(1));
        e.stamp.mtimeNs = s.integer(2);
        std::span<const uint8_t> hash = s.blob(3);
        if (hash.size() == e.stamp.manifestHash.size()) std::memcpy(e.stamp.manifestHash.data(), hash.data(), hash.size());
        ListingSummary& l = e.summary;
        l.id = s.text(4);
        l.title = s.text(5);
        l.street = s.text(6);
        l.postalCode = s.text(7);
        if (!s.isNull(8)) l.district = s.text(8);
        l.latitude = s.real(9);
        l.longitude = s.real(10);
        l.askingPrice = s.real(11);
        if (!s.isNull(12)) l.debtFreePrice = s.real(12);
        if (!s.isNull(13)) l.maintenancePerMonth = s.real(13);
        l.livingArea = s.real(14);
        l.rooms = int(s.integer(15));
        if (!s.isNull(16)) l.floor = int(s.integer(16));
        l.yearBuilt = int(s.integer(17));
        if (!s.isNull(18)) l.energyClass = s.text(18);
        l.features = splitFeatures(s.text(19));
        l.photoCount = uint32_t(s.integer(20));
        l.panoramaCount = uint32_t(s.integer(21));
        l.hasModel = s.integer(22) != 0;
        l.thumbnailPart = s.text(23);
        rows.push_back(std::move(e));
    }
    return rows;
}

Status CatalogStore::apply(std::span<const CatalogEntry> rows, std::span<const std::string> removedFiles) {
    if (rows.empty() && removedFiles.empty()) return ok();
    std::string placeholders;
    for (int i = 1; i <= kColumnCount; ++i) placeholders += (i > 1 ? ", ?" : "?") + std::to_string(i);
    auto insert = m_db.prepare(std::string("INSERT OR REPLACE INTO listings (") + kColumns + ") VALUES (" +
                               placeholders + ")");
    if (!insert) return insert.error();
    auto remove = m_db.prepare("DELETE FROM listings WHERE file = ?1");
    if (!remove) return remove.error();
    OH_TRY(m_db.exec("BEGIN"));
    // Any failure below rolls back, so the file never holds half a refresh.
    auto fail = [&](Error error) -> Status {
        (void)m_db.exec("ROLLBACK");
        return error;
    };
    for (const std::string& file : removedFiles) {
        remove->bind(1, file);
        auto done = remove->step();
        if (!done) return fail(done.error());
        remove->reset();
    }
    for (const CatalogEntry& e : rows) {
        const ListingSummary& l = e.summary;
        Statement& s = *insert;
        s.bind(1, l.file);
        s.bind(2, int64_t(e.stamp.size));
        s.bind(3, e.stamp.mtimeNs);
        s.bind(4, std::span<const uint8_t>(e.stamp.manifestHash));
        s.bind(5, l.id);
        s.bind(6, l.title);
        s.bind(7, l.street);
        s.bind(8, l.postalCode);
        s.bind(9, l.district);
        s.bind(10, l.latitude);
        s.bind(11, l.longitude);
        s.bind(12, l.askingPrice);
        s.bind(13, l.debtFreePrice);
        s.bind(14, l.maintenancePerMonth);
        s.bind(15, l.livingArea);
        s.bind(16, int64_t(l.rooms));
        s.bind(17, l.floor ? std::optional<int64_t>(*l.floor) : std::nullopt);
        s.bind(18, int64_t(l.yearBuilt));
        s.bind(19, l.energyClass);
        s.bind(20, joinFeatures(l.features));
        s.bind(21, int64_t(l.photoCount));
        s.bind(22, int64_t(l.panoramaCount));
        s.bind(23, int64_t(l.hasModel));
        s.bind(24, l.thumbnailPart);
        auto done = s.step();
        if (!done) return fail(done.error());
        s.reset();
    }
    auto committed = m_db.exec("COMMIT");
    if (!committed) return fail(committed.error());
    return ok();
}

}  // namespace oh::catalog
