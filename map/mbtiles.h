// MBTiles 1.3 raster tile sets (SQLite: a `metadata` table of name/value rows
// and a `tiles` table addressed by zoom, column and TMS row): the reader the
// branch table draws its map from, so a branch can drop in its own provider's
// export, and the writer openhouse-map makes the default Helsinki set with.
// Callers speak XYZ tile ids (web_mercator.h); the TMS flip stays in here.
// Not for vector tiles (format pbf): the table draws images.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "map/web_mercator.h"

struct sqlite3;
struct sqlite3_stmt;

namespace oh::map {

enum class TileFormat { Png, Jpeg };

// The metadata rows a viewer needs, with the spec's defaults filled in where a
// tile set leaves a suggested row out.
struct TileSetInfo {
    std::string name;
    TileFormat format = TileFormat::Png;
    LatLon southWest{-kMaxLatitude, -180};  // `bounds`: left,bottom,right,top
    LatLon northEast{kMaxLatitude, 180};
    LatLon center;                          // `center`: lon,lat,zoom
    double centerZoom = 0;
    int minZoom = 0;
    int maxZoom = 0;
    std::string attribution;                // may be empty; the credit line to show on the map
};

namespace detail {
struct SqliteCloser { void operator()(sqlite3* db) const; };
struct StatementFinalizer { void operator()(sqlite3_stmt* statement) const; };
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;
}  // namespace detail

// A tile set opened read-only. One thread at a time: a loader thread opens
// its own MbTiles on the same file.
class MbTiles {
public:
    // Errors name the file: not found, not an SQLite database, truncated,
    // no metadata or tiles table, metadata the table cannot use (a missing or
    // non-raster format, bounds, center or zooms that do not parse).
    static Result<MbTiles> open(const std::filesystem::path& path);

    const TileSetInfo& info() const { return m_info; }
    // The encoded image (PNG or JPEG as info().format says) of XYZ tile
    // `tile`, or nothing when the set has no such tile (the viewer then draws
    // the parent's part). An error only when the file is damaged.
    Result<std::optional<std::vector<uint8_t>>> tile(TileId tile);

private:
    MbTiles() = default;
    Error fail(const std::string& what) const;

    detail::SqliteHandle m_db;
    detail::StatementHandle m_tileQuery;
    std::string m_name;  // the path, for messages
    TileSetInfo m_info;
};

// Builds a tile set in memory and writes it in one piece on commit(), through
// core's atomic write: nothing appears at the path until the whole set is
// there, and the same tiles in the same order give the same bytes.
class MbTilesWriter {
public:
    static Result<MbTilesWriter> create(const std::filesystem::path& path, const TileSetInfo& info);
    // Adds XYZ tile `tile`; each tile once.
    Status addTile(TileId tile, std::span<const uint8_t> encoded);
    // Writes the file (temp file + rename). The writer is spent afterwards.
    Status commit();

private:
    MbTilesWriter() = default;
    Error fail(const std::string& what) const;

    detail::SqliteHandle m_db;
    detail::StatementHandle m_insert;
    std::filesystem::path m_path;
};

}  // namespace oh::map
