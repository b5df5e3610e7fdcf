// MBTiles through SQLite's C API. The catalog has an SQLite wrapper of its
// own (catalog/sqlite_db.h), but map/ may not include catalog/ and that one
// only opens files read-write; the few calls here stay private to this file.
#include "map/mbtiles.h"

#include <charconv>
#include <cmath>
#include <map>
#include <sstream>

#include <sqlite3.h>

#include "core/file_io.h"

namespace oh::map {

namespace detail {
void SqliteCloser::operator()(sqlite3* db) const { sqlite3_close_v2(db); }
void StatementFinalizer::operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
}  // namespace detail

namespace {

constexpr int kMbTilesApplicationId = 0x4d504258;  // "MPBX", MBTiles 1.3's magic number

// Comma-separated decimals, exactly `count` of them ("24.78,60.02,25.25,60.30").
std::optional<std::vector<double>> parseNumbers(const std::string& text, size_t count) {
    std::vector<double> values;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        size_t begin = item.find_first_not_of(' '), end = item.find_last_not_of(' ');
        if (begin == std::string::npos) return std::nullopt;
        double value = 0;
        auto [ptr, ec] = std::from_chars(item.data() + begin, item.data() + end + 1, value);
        if (ec != std::errc() || ptr != item.data() + end + 1 || !std::isfinite(value)) return std::nullopt;
        values.push_back(value);
    }
    if (values.size() != count) return std::nullopt;
    return values;
}

std::optional<int> parseZoom(const std::string& text) {
    int value = -1;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < 0 || value > 30) return std::nullopt;
    return value;
}

std::string formatNumber(double value) {
    std::ostringstream stream;
    stream.imbue(std::locale::classic());
    stream.precision(10);
    stream << value;
    return stream.str();
}

std::string sqliteMessage(sqlite3* db) { return db ? sqlite3_errmsg(db) : "out of memory"; }

}  // namespace

// [SECTION] Reader

Error MbTiles::fail(const std::string& what) const { return makeError(m_name + ": " + what); }

Result<MbTiles> MbTiles::open(const std::filesystem::path& path) {
    MbTiles set;
    set.m_name = displayPath(path);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return set.fail("tile set not found");
    uint64_t fileSize = std::filesystem::file_size(path, ec);

    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
    set.m_db.reset(handle);  // sqlite hands out a handle even on failure; it must be closed
    if (rc != SQLITE_OK) return set.fail("cannot open: " + sqliteMessage(handle));

    auto prepare = [&](const char* sql) -> Result<detail::StatementHandle> {
        sqlite3_stmt* statement = nullptr;
        int code = sqlite3_prepare_v2(handle, sql, -1, &statement, nullptr);
        detail::StatementHandle owned(statement);
        if (code == SQLITE_NOTADB) return set.fail("not an MBTiles tile set (not an SQLite database)");
        if (code != SQLITE_OK) return set.fail("cannot read the tile set: " + sqliteMessage(handle));
        return owned;
    };
    auto singleInteger = [&](const char* sql) -> Result<int64_t> {
        auto statement = prepare(sql);
        if (!statement) return statement.error();
        int code = sqlite3_step(statement->get());
        if (code == SQLITE_NOTADB) return set.fail("not an MBTiles tile set (not an SQLite database)");
        if (code != SQLITE_ROW) return set.fail("cannot read the tile set: " + sqliteMessage(handle));
        return int64_t(sqlite3_column_int64(statement->get(), 0));
    };

    // A copy cut short still opens; SQLite would only notice when a query
    // reaches the missing pages, so compare the size its header promises.
    auto pageSize = singleInteger("PRAGMA page_size");
    if (!pageSize) return pageSize.error();
    auto pageCount = singleInteger("PRAGMA page_count");
    if (!pageCount) return pageCount.error();
    if (uint64_t(*pageSize) * uint64_t(*pageCount) > fileSize)
        return set.fail("truncated: the file is " + std::to_string(fileSize) + " bytes, its database " +
                        std::to_string(*pageSize * *pageCount));

    for (const char* table : {"metadata", "tiles"}) {
        auto statement = prepare("SELECT count(*) FROM sqlite_master WHERE name = ?1 AND type IN ('table', 'view')");
        if (!statement) return statement.error();
        sqlite3_bind_text(statement->get(), 1, table, -1, SQLITE_STATIC);
        int code = sqlite3_step(statement->get());
        if (code != SQLITE_ROW) return set.fail("cannot read the tile set: " + sqliteMessage(handle));
        if (sqlite3_column_int(statement->get(), 0) == 0)
            return set.fail(std::string("not an MBTiles tile set: no '") + table + "' table");
    }

    std::map<std::string, std::string> rows;
    {
        auto statement = prepare("SELECT name, value FROM metadata");
        if (!statement) return statement.error();
        while ((rc = sqlite3_step(statement->get())) == SQLITE_ROW) {
            auto text = [&](int column) {
                const unsigned char* value = sqlite3_column_text(statement->get(), column);
                return value ? std::string(reinterpret_cast<const char*>(value)) : std::string();
            };
            rows[text(0)] = text(1);
        }
        if (rc != SQLITE_DONE) return set.fail("cannot read the metadata: " + sqliteMessage(handle));
    }
    auto row = [&](const char* key) -> const std::string* {
        auto found = rows.find(key);
        return found == rows.end() ? nullptr : &found->second;
    };

    TileSetInfo& info = set.m_info;
    info.name = row("name") ? *row("name") : path.stem().string();
    // MBTiles 1.3 names formats by media type; earlier versions' png/jpg are synonyms.
    const std::string* format = row("format");
    if (!format) return set.fail("metadata has no 'format' row");
    if (*format == "png" || *format == "image/png") info.format = TileFormat::Png;
    else if (*format == "jpg" || *format == "jpeg" || *format == "image/jpeg") info.format = TileFormat::Jpeg;
    else return set.fail("tile format '" + *format + "' is not a raster image the table can draw (png or jpg)");

    if (const std::string* bounds = row("bounds")) {
        auto values = parseNumbers(*bounds, 4);
        if (!values || (*values)[0] >= (*values)[2] || (*values)[1] >= (*values)[3] || (*values)[0] < -180 ||
            (*values)[2] > 180 || (*values)[1] < -90 || (*values)[3] > 90)
            return set.fail("metadata 'bounds' is '" + *bounds + "', expected west,south,east,north in degrees");
        info.southWest = {(*values)[1], (*values)[0]};
        info.northEast = {(*values)[3], (*values)[2]};
    }

    auto zoomRow = [&](const char* key, const char* sql) -> Result<int> {
        if (const std::string* text = row(key)) {
            auto zoom = parseZoom(*text);
            if (!zoom) return set.fail(std::string("metadata '") + key + "' is '" + *text + "', expected a zoom 0..30");
            return *zoom;
        }
        auto statement = prepare(sql);  // not given: what the tiles hold
        if (!statement) return statement.error();
        if (sqlite3_step(statement->get()) != SQLITE_ROW || sqlite3_column_type(statement->get(), 0) == SQLITE_NULL)
            return set.fail("the tile set holds no tiles");
        return sqlite3_column_int(statement->get(), 0);
    };
    auto minZoom = zoomRow("minzoom", "SELECT min(zoom_level) FROM tiles");
    if (!minZoom) return minZoom.error();
    auto maxZoom = zoomRow("maxzoom", "SELECT max(zoom_level) FROM tiles");
    if (!maxZoom) return maxZoom.error();
    if (*minZoom > *maxZoom)
        return set.fail("metadata 'minzoom' " + std::to_string(*minZoom) + " is above 'maxzoom' " +
                        std::to_string(*maxZoom));
    info.minZoom = *minZoom;
    info.maxZoom = *maxZoom;

    if (const std::string* center = row("center")) {
        auto values = parseNumbers(*center, 3);
        if (!values || std::abs((*values)[0]) > 180 || std::abs((*values)[1]) > 90)
            return set.fail("metadata 'center' is '" + *center + "', expected longitude,latitude,zoom");
        info.center = {(*values)[1], (*values)[0]};
        info.centerZoom = (*values)[2];
    } else {
        info.center = {(info.southWest.lat + info.northEast.lat) / 2, (info.southWest.lon + info.northEast.lon) / 2};
        info.centerZoom = info.minZoom;
    }
    if (const std::string* attribution = row("attribution")) info.attribution = *attribution;

    auto query = prepare("SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3");
    if (!query) return query.error();
    set.m_tileQuery = std::move(*query);
    return set;
}

Result<std::optional<std::vector<uint8_t>>> MbTiles::tile(TileId tile) {
    if (tile.z < 0 || tile.z > 30 || tile.x >= tilesAcross(tile.z) || tile.y >= tilesAcross(tile.z))
        return std::optional<std::vector<uint8_t>>();
    sqlite3_stmt* query = m_tileQuery.get();
    sqlite3_reset(query);
    sqlite3_bind_int(query, 1, tile.z);
    sqlite3_bind_int64(query, 2, tile.x);
    sqlite3_bind_int64(query, 3, tmsRow(tile.z, tile.y));
    int rc = sqlite3_step(query);
    if (rc == SQLITE_DONE) return std::optional<std::vector<uint8_t>>();
    if (rc != SQLITE_ROW)
        return fail("tile " + std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" + std::to_string(tile.y) +
                    " cannot be read: " + sqliteMessage(m_db.get()));
    auto data = static_cast<const uint8_t*>(sqlite3_column_blob(query, 0));
    std::vector<uint8_t> bytes(data, data + sqlite3_column_bytes(query, 0));
    sqlite3_reset(query);
    return std::optional<std::vector<uint8_t>>(std::move(bytes));
}

// [SECTION] Writer

Error MbTilesWriter::fail(const std::string& what) const {
    return makeError(displayPath(m_path) + ": " + what + ": " + sqliteMessage(m_db.get()), kExitIo);
}

Result<MbTilesWriter> MbTilesWriter::create(const std::filesystem::path& path, const TileSetInfo& info) {
    MbTilesWriter writer;
    writer.m_path = path;
    sqlite3* handle = nullptr;
    int rc = sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    writer.m_db.reset(handle);
    if (rc != SQLITE_OK) return writer.fail("cannot create the tile set");

    std::string schema =
        "PRAGMA application_id = " + std::to_string(kMbTilesApplicationId) + ";"
        "CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
        "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
        "BEGIN;";
    if (sqlite3_exec(handle, schema.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return writer.fail("cannot create the tile set");

    std::vector<std::pair<std::string, std::string>> rows = {
        {"name", info.name},
        {"format", info.format == TileFormat::Png ? "png" : "jpg"},
        {"bounds", formatNumber(info.southWest.lon) + "," + formatNumber(info.southWest.lat) + "," +
                       formatNumber(info.northEast.lon) + "," + formatNumber(info.northEast.lat)},
        {"center", formatNumber(info.center.lon) + "," + formatNumber(info.center.lat) + "," +
                       formatNumber(info.centerZoom)},
        {"minzoom", std::to_string(info.minZoom)},
        {"maxzoom", std::to_string(info.maxZoom)},
        {"type", "baselayer"},
        {"version", "1.3"},
    };
    if (!info.attribution.empty()) rows.emplace_back("attribution", info.attribution);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(handle, "INSERT INTO metadata (name, value) VALUES (?1, ?2)", -1, &statement, nullptr);
    detail::StatementHandle insertRow(statement);
    if (!insertRow) return writer.fail("cannot write the metadata");
    for (const auto& [key, value] : rows) {
        sqlite3_reset(statement);
        sqlite3_bind_text(statement, 1, key.data(), int(key.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(statement, 2, value.data(), int(value.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(statement) != SQLITE_DONE) return writer.fail("cannot write the metadata");
    }

    sqlite3_prepare_v2(handle, "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?1, ?2, ?3, ?4)",
                       -1, &statement, nullptr);
    writer.m_insert.reset(statement);
    if (!writer.m_insert) return writer.fail("cannot write tiles");
    return writer;
}

Status MbTilesWriter::addTile(TileId tile, std::span<const uint8_t> encoded) {
    if (!m_insert) return makeError(displayPath(m_path) + ": tile added after commit", kExitIo);
    sqlite3_stmt* insert = m_insert.get();
    sqlite3_reset(insert);
    sqlite3_bind_int(insert, 1, tile.z);
    sqlite3_bind_int64(insert, 2, tile.x);
    sqlite3_bind_int64(insert, 3, tmsRow(tile.z, tile.y));
    sqlite3_bind_blob(insert, 4, encoded.data(), int(encoded.size()), SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE)
        return fail("cannot add tile " + std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" +
                    std::to_string(tile.y));
    sqlite3_reset(insert);  // releases the blob, which the caller owns
    return ok();
}

Status MbTilesWriter::commit() {
    if (!m_insert) return makeError(displayPath(m_path) + ": committed twice", kExitIo);
    m_insert.reset();
    if (sqlite3_exec(m_db.get(), "COMMIT;", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail("cannot finish the tile set");
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(m_db.get(), "main", &size, 0);
    if (!bytes) return fail("cannot serialise the tile set");
    std::unique_ptr<unsigned char, decltype(&sqlite3_free)> owned(bytes, &sqlite3_free);
    return writeFileAtomic(m_path, {bytes, size_t(size)});
}

}  // namespace oh::map
