// The branch table's map (map/) and its default tile set (tools/mapgen/):
// Web Mercator against known tiles, MBTiles written and read back with the
// TMS flip, damaged tile sets refused naming the file, the viewport's
// gestures keeping the map under the fingers, pin clusters, Helsinki's
// districts, and openhouse-map drawing a small tile set from the shared data.
#include <doctest/doctest.h>

#include <sqlite3.h>
#include <stb/stb_image.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <set>

#include "core/file_io.h"
#include "map/map_view.h"
#include "map/mbtiles.h"
#include "map/pin_clusters.h"
#include "map/regions.h"
#include "tools/mapgen/mapgen.h"
#include "tools/mapgen/topojson.h"

namespace fs = std::filesystem;
using namespace oh;
using namespace oh::map;

namespace {

const fs::path kMapData = OH_MAP_DATA_DIR;

struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("oh_test_map_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

void writeText(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

TileSetInfo sampleInfo() {
    TileSetInfo info;
    info.name = "Test set";
    info.southWest = {60.10, 24.80};
    info.northEast = {60.30, 25.20};
    info.center = {60.17, 24.94};
    info.centerZoom = 12;
    info.minZoom = 10;
    info.maxZoom = 16;
    info.attribution = "© OpenStreetMap contributors";
    return info;
}

// A tile set of three tiles; the last is large enough to fill several pages.
fs::path writeSampleSet(const fs::path& dir) {
    fs::path path = dir / "sample.mbtiles";
    auto writer = MbTilesWriter::create(path, sampleInfo());
    REQUIRE(writer);
    std::vector<uint8_t> big(40000);
    for (size_t i = 0; i < big.size(); ++i) big[i] = uint8_t(i * 7);
    REQUIRE(writer->addTile({10, 582, 296}, std::vector<uint8_t>{1, 2, 3}));
    REQUIRE(writer->addTile({15, 18654, 9484}, std::vector<uint8_t>{4, 5}));
    REQUIRE(writer->addTile({16, 37308, 18969}, big));
    REQUIRE(writer->commit());
    return path;
}

void requireErrorNaming(const Result<MbTiles>& result, const fs::path& path, const std::string& problem) {
    REQUIRE_FALSE(result.has_value());
    const std::string& message = result.error().message;
    CHECK(message.find(path.string()) != std::string::npos);
    CHECK(message.find(problem) != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
}

double distance(ScreenPoint a, ScreenPoint b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

// [SECTION] Web Mercator

TEST_CASE("Helsinki Railway Station lies in the z15 tile the slippy-map formula gives") {
    // x = (24.9414 + 180) / 360 · 2^15 = 18654.2; y = (1 − asinh(tan 60.1710°)/π) / 2 · 2^15 = 9484.6
    TileId tile = tileAt(toWorld({60.1710, 24.9414}), 15);
    CHECK(tile.x == 18654);
    CHECK(tile.y == 9484);
    CHECK(tmsRow(15, 9484) == 32767 - 9484);
    CHECK(tmsRow(15, tmsRow(15, 9484)) == 9484);
    // The world's corners and middle.
    CHECK(toWorld({0, 0}).x == doctest::Approx(0.5));
    CHECK(toWorld({0, 0}).y == doctest::Approx(0.5));
    CHECK(toWorld({kMaxLatitude, -180}).y == doctest::Approx(0).epsilon(1e-9));
}

TEST_CASE("latitude and longitude survive a round trip through world coordinates") {
    for (LatLon place : {LatLon{60.1710, 24.9414}, LatLon{-33.86, 151.21}, LatLon{0, 0}, LatLon{84.9, -179.9}}) {
        LatLon back = toLatLon(toWorld(place));
        CHECK(back.lat == doctest::Approx(place.lat).epsilon(1e-12));
        CHECK(back.lon == doctest::Approx(place.lon).epsilon(1e-12));
    }
}

TEST_CASE("metres per pixel: 156 km at the equator at z0, half that at 60° north") {
    CHECK(metresPerPixel(0, 0) == doctest::Approx(156543.03).epsilon(1e-6));
    CHECK(metresPerPixel(60, 0) == doctest::Approx(156543.03 / 2).epsilon(1e-6));
    CHECK(metresPerPixel(60, 16) == doctest::Approx(156543.03 / 2 / 65536).epsilon(1e-6));
    CHECK(worldPixels(15.5) == doctest::Approx(256 * std::exp2(15.5)));
}

// [SECTION] MBTiles

TEST_CASE("an MBTiles set written and read back has its metadata and tiles, rows stored in TMS order") {
    TempDir dir;
    fs::path path = writeSampleSet(dir.path);
    auto set = MbTiles::open(path);
    REQUIRE(set);
    const TileSetInfo& info = set->info();
    CHECK(info.name == "Test set");
    CHECK(info.format == TileFormat::Png);
    CHECK(info.southWest.lat == doctest::Approx(60.10));
    CHECK(info.northEast.lon == doctest::Approx(25.20));
    CHECK(info.center.lat == doctest::Approx(60.17));
    CHECK(info.centerZoom == 12);
    CHECK(info.minZoom == 10);
    CHECK(info.maxZoom == 16);
    CHECK(info.attribution == "© OpenStreetMap contributors");

    auto tile = set->tile({15, 18654, 9484});
    REQUIRE(tile);
    REQUIRE(tile->has_value());
    CHECK(**tile == std::vector<uint8_t>{4, 5});
    auto big = set->tile({16, 37308, 18969});
    REQUIRE((big && big->has_value()));
    CHECK((*big)->size() == 40000);
    auto absent = set->tile({15, 18654, 9485});
    REQUIRE(absent);
    CHECK_FALSE(absent->has_value());
    auto outside = set->tile({3, 100, 0});
    REQUIRE(outside);
    CHECK_FALSE(outside->has_value());

    // Stored as the spec says: row 0 in the south.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* query = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT tile_row FROM tiles WHERE zoom_level = 15", -1, &query, nullptr) ==
            SQLITE_OK);
    REQUIRE(sqlite3_step(query) == SQLITE_ROW);
    CHECK(sqlite3_column_int(query, 0) == (1 << 15) - 1 - 9484);
    sqlite3_finalize(query);
    sqlite3_close(db);
}

TEST_CASE("the same tiles give a byte-identical MBTiles file, and nothing is left beside it") {
    TempDir a, b;
    auto first = readFile(writeSampleSet(a.path));
    auto second = readFile(writeSampleSet(b.path));
    REQUIRE((first && second));
    CHECK(*first == *second);
    CHECK(std::distance(fs::directory_iterator(a.path), fs::directory_iterator()) == 1);
}

TEST_CASE("an MBTiles writer that cannot write leaves nothing behind and names the file") {
    TempDir dir;
    fs::path path = dir.path / "no-such-folder" / "out.mbtiles";
    auto writer = MbTilesWriter::create(path, sampleInfo());
    REQUIRE(writer);
    REQUIRE(writer->addTile({10, 1, 1}, std::vector<uint8_t>{1}));
    Status status = writer->commit();
    REQUIRE_FALSE(status);
    CHECK(status.error().message.find("out.mbtiles") != std::string::npos);
    CHECK_FALSE(fs::exists(path));
}

TEST_CASE("MBTiles refuses a missing file, a non-SQLite file and an empty file, naming it") {
    TempDir dir;
    requireErrorNaming(MbTiles::open(dir.path / "absent.mbtiles"), dir.path / "absent.mbtiles", "not found");
    fs::path text = dir.path / "notes.mbtiles";
    writeText(text, std::string(4096, 'x'));
    requireErrorNaming(MbTiles::open(text), text, "not an SQLite database");
    fs::path empty = dir.path / "empty.mbtiles";
    writeText(empty, "");
    requireErrorNaming(MbTiles::open(empty), empty, "no 'metadata' table");
}

TEST_CASE("MBTiles refuses a truncated file and one damaged inside, naming it") {
    TempDir dir;
    fs::path path = writeSampleSet(dir.path);
    auto bytes = readFile(path);
    REQUIRE(bytes);

    fs::path truncated = dir.path / "truncated.mbtiles";
    REQUIRE(writeFileAtomic(truncated, std::span(*bytes).first(bytes->size() / 2)));
    requireErrorNaming(MbTiles::open(truncated), truncated, "truncated");

    // Every page after the first (the schema) overwritten: the metadata and tiles are gone.
    fs::path damaged = dir.path / "damaged.mbtiles";
    std::vector<uint8_t> scrambled = *bytes;
    size_t pageSize = size_t(scrambled[16]) << 8 | scrambled[17];
    std::mt19937 random(7);
    for (size_t i = pageSize; i < scrambled.size(); ++i) scrambled[i] = uint8_t(random());
    REQUIRE(writeFileAtomic(damaged, scrambled));
    auto result = MbTiles::open(damaged);
    if (result) {  // the metadata page may survive as far as the check goes; a tile read must not
        auto tile = result->tile({16, 37308, 18969});
        REQUIRE_FALSE(tile);
        CHECK(tile.error().message.find(damaged.string()) != std::string::npos);
    } else {
        CHECK(result.error().message.find(damaged.string()) != std::string::npos);
    }
}

TEST_CASE("MBTiles refuses missing tables and metadata it cannot use, naming the file and the row") {
    TempDir dir;
    auto makeSet = [&](const std::string& name, const std::string& sql) {
        fs::path path = dir.path / name;
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
        return path;
    };
    const std::string tables =
        "CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
        "INSERT INTO tiles VALUES (3, 1, 1, x'00');";
    fs::path noTiles = makeSet("no-tiles.mbtiles", "CREATE TABLE metadata (name TEXT, value TEXT);");
    requireErrorNaming(MbTiles::open(noTiles), noTiles, "no 'tiles' table");
    fs::path noFormat = makeSet("no-format.mbtiles", tables);
    requireErrorNaming(MbTiles::open(noFormat), noFormat, "'format'");
    fs::path vector = makeSet("vector.mbtiles", tables + "INSERT INTO metadata VALUES ('format', 'pbf');");
    requireErrorNaming(MbTiles::open(vector), vector, "'pbf'");
    fs::path badBounds = makeSet("bounds.mbtiles", tables +
                                                       "INSERT INTO metadata VALUES ('format', 'png');"
                                                       "INSERT INTO metadata VALUES ('bounds', '25,60,24');");
    requireErrorNaming(MbTiles::open(badBounds), badBounds, "'bounds'");
    fs::path badZoom = makeSet("zoom.mbtiles", tables +
                                                   "INSERT INTO metadata VALUES ('format', 'image/png');"
                                                   "INSERT INTO metadata VALUES ('maxzoom', 'high');");
    requireErrorNaming(MbTiles::open(badZoom), badZoom, "'maxzoom'");

    // A provider's export with only the required rows: the rest from the tiles and the spec's defaults.
    fs::path minimal = makeSet("minimal.mbtiles", tables + "INSERT INTO metadata VALUES ('format', 'jpg');");
    auto set = MbTiles::open(minimal);
    REQUIRE(set);
    CHECK(set->info().format == TileFormat::Jpeg);
    CHECK(set->info().name == "minimal");
    CHECK(set->info().minZoom == 3);
    CHECK(set->info().maxZoom == 3);
    CHECK(set->info().northEast.lon == 180);
}

// [SECTION] The viewport

TEST_CASE("a pinch keeps the place under the fingers within half a pixel, turned or not") {
    for (double rotation : {0.0, 0.7, -2.5}) {
        MapView view(sampleInfo(), 1920, 1080);
        view.setRotation(rotation);
        ScreenPoint finger{1400, 300};
        LatLon under = view.toLatLon(finger);
        for (double factor : {1.3, 0.8, 2.0, 1.07}) {
            view.zoomBy(factor, finger);
            CHECK(distance(view.toScreen(under), finger) < 0.5);
        }
        view.rotateBy(0.3, finger);
        CHECK(distance(view.toScreen(under), finger) < 0.5);
        CHECK(view.zoom() == doctest::Approx(12 + std::log2(1.3 * 0.8 * 2.0 * 1.07)));
    }
}

TEST_CASE("a pan moves the map with the finger") {
    MapView view(sampleInfo(), 1920, 1080);
    view.setRotation(0.5);
    ScreenPoint start{500, 600};
    LatLon under = view.toLatLon(start);
    view.panBy(120, -45);
    CHECK(distance(view.toScreen(under), {620, 555}) < 0.5);
}

TEST_CASE("the view stays inside the tile set's bounds and zoom range") {
    MapView view(sampleInfo(), 1920, 1080);
    view.zoomBy(1000, {0, 0});
    CHECK(view.zoom() == 16);
    view.zoomBy(1e-6, {0, 0});
    CHECK(view.zoom() == 10);
    view.panBy(1e7, -1e7);  // far to the east and south
    CHECK(view.center().lat == doctest::Approx(60.10));
    CHECK(view.center().lon == doctest::Approx(24.80));
    view.setCenter({0, 0});
    CHECK(view.center().lat == doctest::Approx(60.10));
}

TEST_CASE("the visible tiles cover the screen at the nearest tile zoom, nearest the centre first") {
    MapView view(sampleInfo(), 1280, 720);
    view.setZoom(14.3);
    CHECK(view.tileZoom(10, 16) == 14);
    CHECK(view.tileZoom(10, 13) == 13);
    auto tiles = view.visibleTiles(10, 16);
    REQUIRE_FALSE(tiles.empty());
    for (const VisibleTile& tile : tiles) {
        CHECK(tile.tile.z == 14);
        CHECK(tile.corners[2].x - tile.corners[0].x == doctest::Approx(256 * std::exp2(0.3)));
    }
    for (ScreenPoint point : {ScreenPoint{0, 0}, ScreenPoint{1279, 0}, ScreenPoint{640, 360}, ScreenPoint{0, 719}}) {
        bool covered = std::any_of(tiles.begin(), tiles.end(), [&](const VisibleTile& t) {
            return point.x >= t.corners[0].x && point.x <= t.corners[2].x && point.y >= t.corners[0].y &&
                   point.y <= t.corners[2].y;
        });
        CHECK(covered);
    }
    const VisibleTile& first = tiles.front();
    CHECK(first.corners[0].x <= 640);
    CHECK(first.corners[2].x >= 640);
    CHECK(first.corners[0].y <= 360);
    CHECK(first.corners[2].y >= 360);
}

TEST_CASE("a tile's part of its parent and grandparent") {
    ParentPart part = parentPart({15, 18654, 9484}, 1);
    CHECK(part.parent == TileId{14, 9327, 4742});
    CHECK(part.u0 == 0);
    CHECK(part.v0 == 0);
    CHECK(part.u1 == 0.5);
    ParentPart grand = parentPart({15, 18655, 9487}, 2);
    CHECK(grand.parent == TileId{13, 4663, 2371});
    CHECK(grand.u0 == 0.75);
    CHECK(grand.v0 == 0.75);
    CHECK(grand.v1 == 1.0);
}

// [SECTION] Pin clusters

TEST_CASE("nearby pins merge into one cluster when zoomed out and part when zoomed in") {
    // About 110 m apart, east-west: 47 px at z15, 6 px at z12.
    std::vector<Pin> pins = {{1, {60.170, 24.940}, 2}, {2, {60.170, 24.942}, 3}, {3, {60.170, 24.942}, 3}};
    PinClusterer clusterer(pins);
    Clustering far = clusterer.cluster(12, 30);
    REQUIRE(far.clusters.size() == 1);
    CHECK(far.clusters[0].count == 3);
    CHECK(far.clusters[0].colourClass == 3);
    CHECK(toLatLon({far.clusters[0].bounds.minX, 0}).lon == doctest::Approx(24.940));
    CHECK(toLatLon({far.clusters[0].bounds.maxX, 0}).lon == doctest::Approx(24.942));
    Clustering near = clusterer.cluster(15, 30);
    REQUIRE(near.clusters.size() == 2);
    CHECK(near.clusters[0].count == 1);
    CHECK(near.clusters[1].count == 2);
}

TEST_CASE("10,000 pins cluster in under 2 ms, every pin in exactly one cluster, whatever their order") {
    std::mt19937 random(11);
    std::uniform_real_distribution<double> lat(60.15, 60.30), lon(24.80, 25.20);
    std::vector<Pin> pins;
    for (uint64_t i = 0; i < 10000; ++i) pins.push_back({i * 3 + 1, {lat(random), lon(random)}, uint8_t(i % 5)});
    PinClusterer clusterer(pins);

    for (double zoom : {10.0, 12.5, 15.0, 18.0}) {
        auto best = std::chrono::duration<double, std::milli>::max();
        Clustering clustering;
        for (int run = 0; run < 20; ++run) {  // the best of 20: other work on the machine only slows runs down
            auto start = std::chrono::steady_clock::now();
            clustering = clusterer.cluster(zoom, 40);
            best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start));
        }
        MESSAGE("zoom " << zoom << ": " << clustering.clusters.size() << " clusters in " << best.count() << " ms");
#ifdef NDEBUG
        CHECK(best.count() < 2);
#endif  // sanitizer/debug builds: correctness only
        size_t total = 0;
        for (const Cluster& cluster : clustering.clusters) total += cluster.count;
        CHECK(total == pins.size());
        std::set<uint32_t> members(clustering.members.begin(), clustering.members.end());
        CHECK(members.size() == pins.size());
        for (const Cluster& cluster : clustering.clusters)
            for (uint32_t m = cluster.firstMember; m < cluster.firstMember + cluster.count; ++m) {
                CHECK(cluster.bounds.contains(toWorld(pins[clustering.members[m]].position)));
            }
    }

    // The same listings in another order (a refreshed catalog) cluster the same way.
    std::vector<Pin> shuffled = pins;
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    Clustering a = clusterer.cluster(13, 40), b = PinClusterer(shuffled).cluster(13, 40);
    REQUIRE(a.clusters.size() == b.clusters.size());
    for (size_t i = 0; i < a.clusters.size(); ++i) {
        CHECK(a.clusters[i].count == b.clusters[i].count);
        CHECK(pins[a.members[a.clusters[i].firstMember]].id == shuffled[b.members[b.clusters[i].firstMember]].id);
    }
}

// [SECTION] Districts

TEST_CASE("Helsinki's 59 districts: known places, labels inside their own outlines") {
    auto districts = Districts::load(kMapData / "districts.geojson");
    REQUIRE(districts);
    CHECK(districts->all().size() == 59);
    auto nameAt = [&](double lat, double lon) -> std::string {
        auto index = districts->districtAt({lat, lon});
        return index ? districts->all()[*index].nameFi : "none";
    };
    CHECK(nameAt(60.195, 24.955) == "Vallila");
    CHECK(nameAt(60.184, 24.950) == "Kallio");
    CHECK(nameAt(60.171, 24.944) == "Kluuvi");
    CHECK(nameAt(60.1887, 24.9200) == "Taka-Töölö");
    CHECK(nameAt(59.90, 24.95) == "none");  // the open sea
    for (size_t i = 0; i < districts->all().size(); ++i) {
        const District& district = districts->all()[i];
        CAPTURE(district.nameFi);
        CHECK(districts->districtAt(district.label) == std::optional<size_t>(i));
    }
    auto vallila = districts->districtAt({60.195, 24.955});
    REQUIRE(vallila);
    CHECK(districts->all()[*vallila].code == "22");
    CHECK(districts->all()[*vallila].nameSv == "Vallgård");
}

TEST_CASE("the label of a C-shaped district is inside it, where its centroid is not") {
    // A "C": the box 0..3 × 0..3 without 1..3 × 1..2; its centroid (1.3, 1.5) is in the gap.
    auto at = [](double x, double y) { return WorldPoint{0.5 + x * 1e-4, 0.5 + y * 1e-4}; };
    Polygon c{{{at(0, 0), at(3, 0), at(3, 1), at(1, 1), at(1, 2), at(3, 2), at(3, 3), at(0, 3)}}};
    CHECK_FALSE(contains(c, at(1.3, 1.5)));
    CHECK(contains(c, visualCentre(c, 1e-7)));
}

TEST_CASE("malformed district files give one error naming the file") {
    TempDir dir;
    auto check = [&](const std::string& name, const std::string& text, const std::string& problem) {
        fs::path path = dir.path / name;
        writeText(path, text);
        auto result = Districts::load(path);
        REQUIRE_FALSE(result);
        CHECK(result.error().message.find(path.string()) != std::string::npos);
        CHECK(result.error().message.find(problem) != std::string::npos);
    };
    const std::string props = R"("properties": {"tunnus": "01", "nimi": "A", "nimi_se": "B"})";
    check("broken.geojson", "{\"type\": \"FeatureCollection\", ", "not valid JSON");
    check("array.geojson", "[]", "FeatureCollection");
    check("point.geojson",
          R"({"type": "FeatureCollection", "features": [{"type": "Feature", )" + props +
              R"(, "geometry": {"type": "Point", "coordinates": [24.9, 60.1]}}]})",
          "feature 0: geometry is a Point");
    check("ring.geojson",
          R"({"type": "FeatureCollection", "features": [{"type": "Feature", )" + props +
              R"(, "geometry": {"type": "Polygon", "coordinates": [[[24.9, 60.1], [25, 60.1]]]}}]})",
          "4 or more positions");
    check("names.geojson",
          R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"tunnus": "01"}}]})",
          "no 'nimi'");
    check("strings.geojson",
          R"({"type": "FeatureCollection", "features": [{"type": "Feature", )" + props +
              R"(, "geometry": {"type": "Polygon", "coordinates": [[["a", 60], [25, 60], [25, 61], ["a", 60]]]}}]})",
          "[longitude, latitude]");
}

// [SECTION] The generator

TEST_CASE("TopoJSON arcs are decoded from quantised deltas and walked backwards for negative indexes") {
    // -2 is ~1: arc 1 backwards (TopoJSON's ones' complement).
    TempDir dir;
    fs::path path = dir.path / "square.topojson";
    writeText(path, R"({"type": "Topology",
        "transform": {"scale": [0.001, 0.0005], "translate": [24.9, 60.1]},
        "arcs": [[[0, 0], [10, 0], [0, 10]], [[10, 10], [-10, 0], [0, -10]]],
        "objects": {"sea": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]]}, {"type": "MultiPolygon", "arcs": [[[-2, -1]]]}]}}})");
    auto polygons = mapgen::readTopoJsonPolygons(path);
    REQUIRE(polygons);
    REQUIRE(polygons->size() == 2);
    REQUIRE((*polygons)[0].rings.size() == 1);
    const Ring& ring = (*polygons)[0].rings[0];
    REQUIRE(ring.size() == 4);
    LatLon third = toLatLon(ring[2]);
    CHECK(third.lon == doctest::Approx(24.91));
    CHECK(third.lat == doctest::Approx(60.105));
    CHECK((*polygons)[1].rings[0].size() == 4);

    writeText(path, R"({"type": "Topology", "arcs": [], "objects": {"o": {"type": "Polygon", "arcs": [[3]]}}})");
    auto bad = mapgen::readTopoJsonPolygons(path);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find(path.string()) != std::string::npos);
    CHECK(bad.error().message.find("arc 3") != std::string::npos);
}

TEST_CASE("openhouse-map draws Kluuvi into a valid, deterministic tile set whose centre tile is not blank") {
    TempDir dir;
    mapgen::MapgenOptions options;
    options.output = dir.path / "kluuvi.mbtiles";
    options.dataDir = kMapData;
    options.extracts = {"kluuvi-small.osm.pbf"};
    options.minZoom = 15;
    options.maxZoom = 16;
    auto report = mapgen::generateTileSet(options);
    REQUIRE(report);
    CHECK(report->tiles > 4);

    auto set = MbTiles::open(options.output);
    REQUIRE(set);
    const TileSetInfo& info = set->info();
    CHECK(info.minZoom == 15);
    CHECK(info.maxZoom == 16);
    CHECK(info.attribution.find("OpenStreetMap") != std::string::npos);
    CHECK(info.attribution.find("Helsinki Region Infoshare") != std::string::npos);
    CHECK(info.attribution.find("Statistics Finland") == std::string::npos);
    CHECK(info.southWest.lat == doctest::Approx(60.024).epsilon(1e-3));
    // The centre is in Kluuvi, the extract's middle.
    auto districts = Districts::load(kMapData / "districts.geojson");
    REQUIRE(districts);
    auto centreDistrict = districts->districtAt(info.center);
    REQUIRE(centreDistrict);
    CHECK(districts->all()[*centreDistrict].nameFi == "Kluuvi");

    auto tile = set->tile(tileAt(toWorld(info.center), 16));
    REQUIRE((tile && tile->has_value()));
    int width = 0, height = 0, channels = 0;
    uint8_t* pixels = stbi_load_from_memory((*tile)->data(), int((*tile)->size()), &width, &height, &channels, 3);
    REQUIRE(pixels);
    CHECK(width == 256);
    CHECK(height == 256);
    std::set<uint32_t> colours;
    for (int i = 0; i < width * height; ++i)
        colours.insert(uint32_t(pixels[i * 3]) << 16 | uint32_t(pixels[i * 3 + 1]) << 8 | pixels[i * 3 + 2]);
    stbi_image_free(pixels);
    CHECK(colours.size() > 20);  // streets, buildings and their edges, not one flat colour

    // The same data, the same bytes.
    fs::path again = dir.path / "again.mbtiles";
    options.output = again;
    REQUIRE(mapgen::generateTileSet(options));
    CHECK(readFile(dir.path / "kluuvi.mbtiles").value() == readFile(again).value());
}

TEST_CASE("openhouse-map names a missing or unreadable data file and leaves no output") {
    TempDir dir;
    mapgen::MapgenOptions options;
    options.output = dir.path / "out.mbtiles";
    options.dataDir = kMapData;
    options.minZoom = 15;
    options.maxZoom = 15;

    options.extracts = {"no-such-extract.osm.pbf"};
    auto missing = mapgen::generateTileSet(options);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("no-such-extract.osm.pbf") != std::string::npos);

    fs::path garbage = dir.path / "garbage.osm.pbf";
    writeText(garbage, std::string(3000, '\x42'));
    options.extracts = {garbage.string()};  // absolute: replaces the data folder
    auto unreadable = mapgen::generateTileSet(options);
    REQUIRE_FALSE(unreadable);
    CHECK(unreadable.error().message.find(garbage.string()) != std::string::npos);

    options.dataDir = dir.path;  // no districts.geojson there
    auto noDistricts = mapgen::generateTileSet(options);
    REQUIRE_FALSE(noDistricts);
    CHECK(noDistricts.error().message.find("districts.geojson") != std::string::npos);

    CHECK_FALSE(fs::exists(options.output));
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);  // the garbage only
}
