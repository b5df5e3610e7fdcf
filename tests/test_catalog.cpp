// The branch table's catalog (catalog/): a folder of real bundles indexed,
// filters returning exactly the listings they should, bundles added,
// replaced and removed between refreshes, bad bundles left out with a reason
// naming the file, and the database reopened or rebuilt from disk.
#include <doctest/doctest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "bundle/bundle_writer.h"
#include "bundle/manifest.h"
#include "catalog/catalog.h"
#include "core/file_io.h"

namespace fs = std::filesystem;
using namespace oh;
using namespace oh::catalog;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() / ("oh_test_catalog_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(counter++));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

struct Spec {
    std::string id;
    double price;
    int rooms;
    std::string district;
    std::vector<std::string> features;
    double latitude = 60.17, longitude = 24.94;
};

// A dozen listings over Helsinki; Kallio's are near 60.184, 24.950.
const std::vector<Spec> kSpecs = {
    {"kallio-1", 215000, 1, "Kallio", {"sauna"}, 60.1841, 24.9497},
    {"kallio-2", 320000, 2, "Kallio", {"balcony"}, 60.1850, 24.9510},
    {"kallio-3", 410000, 3, "Kallio", {"balcony", "sauna"}, 60.1830, 24.9480},
    {"toolo-1", 380000, 2, "Töölö", {"lift"}, 60.1800, 24.9200},
    {"toolo-2", 520000, 3, "Töölö", {"balcony", "lift", "sauna"}, 60.1790, 24.9210},
    {"toolo-3", 690000, 4, "Töölö", {"sauna", "sea-view"}, 60.1780, 24.9180},
    {"punavuori-1", 450000, 2, "Punavuori", {"balcony"}, 60.1600, 24.9400},
    {"punavuori-2", 780000, 4, "Punavuori", {"sauna", "fireplace"}, 60.1610, 24.9390},
    {"vallila-1", 199000, 1, "Vallila", {}, 60.1950, 24.9550},
    {"vallila-2", 289000, 2, "Vallila", {"balcony", "sauna"}, 60.1960, 24.9560},
    {"herttoniemi-1", 259000, 3, "Herttoniemi", {"yard"}, 60.1950, 25.0300},
    {"herttoniemi-2", 349000, 5, "Herttoniemi", {"sauna", "yard", "balcony"}, 60.1940, 25.0310},
};

listing::Listing listingOf(const Spec& spec) {
    listing::Listing l;
    l.id = spec.id;
    l.address = {"Testikatu " + std::to_string(spec.rooms) + " A 1", "00530", spec.district, "Helsinki"};
    l.location = {spec.latitude, spec.longitude};
    l.price.asking = spec.price;
    l.price.debtFree = spec.price + 10000;
    l.price.currency = "EUR";
    l.price.maintenancePerMonth = 200;
    l.area.living = 20.0 + 15.0 * spec.rooms;
    l.rooms.count = spec.rooms;
    l.floor = listing::Floor{spec.rooms, 6};
    l.yearBuilt = 1930 + spec.rooms * 10;
    l.energyClass = "C";
    l.features = spec.features;
    l.description = {{"fi", "Testiasunto."}};
    l.agent = {"Aino Virtanen", "+358 40 555 0123", std::nullopt};
    return l;
}

void writeListingBundle(const fs::path& path, const Spec& spec, const bundle::SecretKey* key = nullptr) {
    bundle::Manifest manifest;
    manifest.packer = "openhouse-pack test";
    manifest.listing = listingOf(spec);
    manifest.title = manifest.listing->address.street + ", Helsinki";
    bundle::WriteOptions options;
    options.signingKey = key;
    REQUIRE(bundle::writeBundle(path, {{bundle::kManifestPart, bundle::PartKind::Manifest,
                                        bundle::encodeManifest(manifest)}}, options)
                .has_value());
}

void writeAll(const fs::path& folder) {
    for (const Spec& spec : kSpecs) writeListingBundle(folder / (spec.id + ".tour"), spec);
}

std::set<std::string> idsOf(const std::vector<ListingSummary>& listings) {
    std::set<std::string> ids;
    for (const ListingSummary& l : listings) ids.insert(l.id);
    return ids;
}

Catalog openCatalog(const fs::path& folder, const CatalogOptions& options = {}) {
    auto catalog = Catalog::open(folder, options);
    REQUIRE_MESSAGE(catalog.has_value(), catalog.error().message);
    return std::move(catalog.value());
}

RefreshResult refreshed(Catalog& catalog) {
    auto result = catalog.refresh();
    REQUIRE_MESSAGE(result.has_value(), result.error().message);
    return result.value();
}

// Makes a file's next write visibly newer even on coarse file-system clocks.
void touchLater(const fs::path& path) {
    fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(5));
}

}  // namespace

TEST_CASE("catalog indexes every bundle of the folder with the listing's facts") {
    TempDir dir;
    writeAll(dir.path);
    Catalog catalog = openCatalog(dir.path);
    RefreshResult result = refreshed(catalog);
    CHECK(result.added == 12);
    CHECK(result.problems.empty());
    REQUIRE(catalog.entries().size() == 12);
    auto found = catalog.find({});
    REQUIRE(found.size() == 12);
    const ListingSummary& first = found.front();  // ordered by id
    CHECK(first.id == "herttoniemi-1");
    CHECK(first.file == "herttoniemi-1.tour");
    CHECK(first.district == "Herttoniemi");
    CHECK(first.askingPrice == 259000);
    CHECK(first.debtFreePrice == 269000);
    CHECK(first.rooms == 3);
    CHECK(first.floor == 3);
    CHECK(first.livingArea == 65);
    CHECK(first.features == std::vector<std::string>{"yard"});
    CHECK(first.title == "Testikatu 3 A 1, Helsinki");
    CHECK_FALSE(first.hasModel);
    CHECK(first.photoCount == 0);
}

TEST_CASE("catalog filters return exactly the listings that match") {
    TempDir dir;
    writeAll(dir.path);
    Catalog catalog = openCatalog(dir.path);
    refreshed(catalog);
    using Ids = std::set<std::string>;

    ListingFilter price;
    price.askingPrice = {250000, 350000};
    CHECK(idsOf(catalog.find(price)) == Ids{"kallio-2", "vallila-2", "herttoniemi-1", "herttoniemi-2"});

    ListingFilter debtFree;
    debtFree.debtFreePrice.max = 225000;  // debt-free is asking + 10,000 here
    CHECK(idsOf(catalog.find(debtFree)) == Ids{"kallio-1", "vallila-1"});

    ListingFilter rooms;
    rooms.rooms.min = 4;
    CHECK(idsOf(catalog.find(rooms)) == Ids{"toolo-3", "punavuori-2", "herttoniemi-2"});

    ListingFilter area;
    area.livingArea = {40, 50};  // 2 rooms: 50 m²
    CHECK(idsOf(catalog.find(area)).size() == 4);

    ListingFilter districts;
    districts.districts = {"Töölö", "Vallila"};
    districts.requiredFeatures = {"sauna"};
    CHECK(idsOf(catalog.find(districts)) == Ids{"toolo-2", "toolo-3", "vallila-2"});

    ListingFilter features;
    features.requiredFeatures = {"sauna", "balcony"};
    CHECK(idsOf(catalog.find(features)) == Ids{"kallio-3", "toolo-2", "vallila-2", "herttoniemi-2"});

    ListingFilter floorAndYear;
    floorAndYear.floor = {2, 3};
    floorAndYear.yearBuilt.max = 1955;  // 2 rooms: 1950, 3 rooms: 1960
    CHECK(idsOf(catalog.find(floorAndYear)) == Ids{"kallio-2", "toolo-1", "punavuori-1", "vallila-2"});

    ListingFilter near;
    near.near = Circle{60.1841, 24.9497, 300};  // Kallio's corner, not Vallila 1.2 km north
    CHECK(idsOf(catalog.find(near)) == Ids{"kallio-1", "kallio-2", "kallio-3"});

    ListingFilter nothing;
    nothing.askingPrice.min = 1e7;
    CHECK(catalog.find(nothing).empty());
}

TEST_CASE("catalog distance is the great-circle distance") {
    // Helsinki railway station to Tallinn's old town: about 82 km.
    double d = distanceMetres(60.1719, 24.9414, 59.4370, 24.7536);
    CHECK(d == doctest::Approx(82300).epsilon(0.01));
    CHECK(distanceMetres(60.0, 25.0, 60.0, 25.0) == 0.0);
}

TEST_CASE("catalog refresh picks up bundles added, replaced and removed, and nothing else") {
    TempDir dir;
    writeAll(dir.path);
    Catalog catalog = openCatalog(dir.path);
    refreshed(catalog);

    RefreshResult unchanged = refreshed(catalog);
    CHECK_FALSE(unchanged.changed());

    // Touched but identical: not a change the table has to redraw.
    touchLater(dir.path / "kallio-1.tour");
    CHECK_FALSE(refreshed(catalog).changed());

    Spec added{"kallio-4", 555000, 3, "Kallio", {"sauna"}, 60.1845, 24.9500};
    writeListingBundle(dir.path / "kallio-4.tour", added);
    Spec replaced = kSpecs[0];
    replaced.price = 199000;
    writeListingBundle(dir.path / "kallio-1.tour", replaced);
    touchLater(dir.path / "kallio-1.tour");
    fs::remove(dir.path / "toolo-3.tour");

    RefreshResult result = refreshed(catalog);
    CHECK(result.added == 1);
    CHECK(result.replaced == 1);
    CHECK(result.removed == 1);
    CHECK(catalog.entries().size() == 12);

    ListingFilter kallio;
    kallio.districts = {"Kallio"};
    auto found = catalog.find(kallio);
    CHECK(idsOf(found) == std::set<std::string>{"kallio-1", "kallio-2", "kallio-3", "kallio-4"});
    CHECK(found.front().askingPrice == 199000);
    ListingFilter toolo;
    toolo.districts = {"Töölö"};
    CHECK(idsOf(catalog.find(toolo)) == std::set<std::string>{"toolo-1", "toolo-2"});
}

TEST_CASE("catalog leaves out corrupt, truncated and untrusted bundles with a reason naming the file") {
    TempDir dir;
    bundle::KeyPair branch = bundle::generateKeyPair();
    for (size_t i = 0; i < 3; ++i)
        writeListingBundle(dir.path / (kSpecs[i].id + ".tour"), kSpecs[i], &branch.secretKey);
    writeListingBundle(dir.path / "unsigned.tour", kSpecs[3]);
    {
        std::ofstream garbage(dir.path / "garbage.tour", std::ios::binary);
        garbage << "not a bundle at all";
    }
    writeListingBundle(dir.path / "truncated.tour", kSpecs[4], &branch.secretKey);
    fs::resize_file(dir.path / "truncated.tour", fs::file_size(dir.path / "truncated.tour") / 2);
    {
        std::ofstream notes(dir.path / "notes.txt");  // not a bundle by name: ignored, not a problem
        notes << "hello";
    }

    CatalogOptions options;
    options.trustedKeys = {branch.publicKey};
    Catalog catalog = openCatalog(dir.path, options);
    RefreshResult result = refreshed(catalog);
    CHECK(result.added == 3);
    REQUIRE(result.problems.size() == 3);
    std::set<std::string> files;
    for (const BundleProblem& problem : result.problems) {
        files.insert(problem.file);
        CHECK_MESSAGE(problem.reason.find(problem.file) != std::string::npos, problem.reason);
        CHECK(problem.reason.find('\n') == std::string::npos);
    }
    CHECK(files == std::set<std::string>{"garbage.tour", "truncated.tour", "unsigned.tour"});
    CHECK(idsOf(catalog.find({})) == std::set<std::string>{"kallio-1", "kallio-2", "kallio-3"});

    // Reported once; still left out on the next refresh, and still listed as problems.
    RefreshResult again = refreshed(catalog);
    CHECK(again.problems.empty());
    CHECK_FALSE(again.changed());
    CHECK(catalog.problems().size() == 3);

    // A listed bundle damaged in place drops out of the table.
    {
        std::fstream damage(dir.path / "kallio-2.tour", std::ios::in | std::ios::out | std::ios::binary);
        damage.seekp(-10, std::ios::end);
        damage << "XXXXXXXXXX";
    }
    touchLater(dir.path / "kallio-2.tour");
    RefreshResult damaged = refreshed(catalog);
    CHECK(damaged.removed == 1);
    REQUIRE(damaged.problems.size() == 1);
    CHECK(damaged.problems[0].file == "kallio-2.tour");
    CHECK(idsOf(catalog.find({})) == std::set<std::string>{"kallio-1", "kallio-3"});

    // Without trusted keys the unsigned bundle is a listing like any other.
    Catalog open = openCatalog(dir.path);
    CHECK(open.rebuilt());  // built under other keys
    refreshed(open);
    CHECK(idsOf(open.find({})).count("toolo-1") == 1);
}

TEST_CASE("a table and a station on one folder share its database under the same keys and keep their own under others") {
    TempDir dir;
    bundle::KeyPair branch = bundle::generateKeyPair();
    for (size_t i = 0; i < 3; ++i)
        writeListingBundle(dir.path / (kSpecs[i].id + ".tour"), kSpecs[i], &branch.secretKey);
    CatalogOptions trusting;
    trusting.trustedKeys = {branch.publicKey};
    CHECK(databasePath(dir.path, trusting) != databasePath(dir.path, {}));
    CHECK(databasePath(dir.path, trusting).parent_path() == dir.path);

    // Open at once, as the two programs are: both see the listings, neither rebuilds the other's rows.
    Catalog table = openCatalog(dir.path, trusting);
    Catalog station = openCatalog(dir.path, trusting);
    CHECK(refreshed(table).added == 3);
    CHECK(refreshed(station).added == 3);  // new to it, though the table's refresh wrote them first
    CHECK(idsOf(station.find({})) == idsOf(table.find({})));
    CHECK_FALSE(openCatalog(dir.path, trusting).rebuilt());

    // A station without keys keeps its own database; the table's is untouched.
    Catalog keyless = openCatalog(dir.path);
    CHECK(refreshed(keyless).added == 3);
    Catalog tableAgain = openCatalog(dir.path, trusting);
    CHECK_FALSE(tableAgain.rebuilt());
    CHECK(tableAgain.entries().size() == 3);
}

TEST_CASE("catalog reopened from disk gives the same listings without opening a bundle") {
    TempDir dir;
    writeAll(dir.path);
    std::vector<ListingSummary> before;
    {
        Catalog catalog = openCatalog(dir.path);
        CHECK(catalog.rebuilt());
        refreshed(catalog);
        before = catalog.find({});
    }
    Catalog reopened = openCatalog(dir.path);
    CHECK_FALSE(reopened.rebuilt());
    CHECK(reopened.find({}) == before);  // loaded from SQLite, before any refresh
    CHECK_FALSE(refreshed(reopened).changed());
    ListingFilter sauna;
    sauna.requiredFeatures = {"sauna"};
    CHECK(reopened.find(sauna).size() == 7);
}

TEST_CASE("catalog database of another schema version, or not a database, is rebuilt") {
    TempDir dir;
    writeAll(dir.path);
    {
        Catalog catalog = openCatalog(dir.path);
        refreshed(catalog);
    }
    fs::path database = dir.path / kDatabaseName;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(database.c_str(), &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    Catalog other = openCatalog(dir.path);
    CHECK(other.rebuilt());
    CHECK(other.entries().empty());
    CHECK(refreshed(other).added == 12);

    {
        std::ofstream garbage(database, std::ios::binary | std::ios::trunc);
        garbage << std::string(4096, 'x');
    }
    Catalog fromGarbage = openCatalog(dir.path);
    CHECK(fromGarbage.rebuilt());
    CHECK(refreshed(fromGarbage).added == 12);
}

TEST_CASE("catalog refuses a folder that does not exist") {
    auto catalog = Catalog::open("/nonexistent/listings");
    REQUIRE_FALSE(catalog.has_value());
    CHECK(catalog.error().message.find("/nonexistent/listings") != std::string::npos);
}
