// listing/: the corpus in tests/listing_corpus/ (good files and the demo
// listing parse; each bad file is refused for its own defect, named by JSON
// pointer; bad-reader-only/ holds panorama links only the reader can refuse),
// every problem in one message, the canonical JSON round trip, and the check
// of the files a listing names (missing, links out of the folder).
// tests/check_listing_schema.py runs the same corpus through the JSON Schema.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "listing/listing.h"

namespace fs = std::filesystem;
using namespace oh::listing;
using oh::Result;

namespace {

const fs::path kCorpus = fs::path(OH_TESTS_DIR) / "listing_corpus";
const fs::path kDemoListing = fs::path(OH_TESTS_DIR).parent_path() / "scenes" / "demo-listing" / "listing.json";
const fs::path kDemoPanoramas = fs::path(OH_TESTS_DIR).parent_path() / "scenes" / "demo-panoramas" / "listing.json";

std::vector<fs::path> corpusFiles(const char* kind) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kCorpus / kind))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<fs::path> goodFiles() {
    std::vector<fs::path> files = corpusFiles("good");
    files.push_back(kDemoListing);
    files.push_back(kDemoPanoramas);
    return files;
}

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// What each one-defect file must be refused for: the start of its problem
// line after "FILE: ". A bad file missing here fails the corpus test, so a
// new one comes with its expectation.
const std::map<std::string, std::string>& expectedDefects() {
    static const std::map<std::string, std::string> defects = {
        {"camera-missing-heading", "/photos/0/camera/heading: missing"},
        {"currency-lowercase", "/price/currency: expected an ISO 4217 currency code"},
        {"description-empty", "/description: expected the text in at least one language"},
        {"description-language-tag-uppercase", "/description/FI: expected a language tag"},
        {"description-text-empty", "/description/fi: expected 1 to 20000 characters, got 0"},
        {"email-without-at", "/agent/email: expected an email address"},
        {"energy-class-bad-year", "/energyClass: expected an energy class"},
        {"energy-class-bad", "/energyClass: expected an energy class"},
        {"feature-duplicate", "/features/2: expected each feature once, got \"sauna\" again (also /features/0)"},
        {"feature-not-in-enum", "/features/1: expected a feature the format knows"},
        {"file-absolute", "/photos/0/file: expected a relative path inside the listing folder"},
        {"file-backslash", "/panoramas/0/file: expected a relative path inside the listing folder"},
        {"file-dot-dot", "/photos/0/file: expected a relative path inside the listing folder"},
        {"file-empty-segment", "/photos/0/file: expected a relative path inside the listing folder"},
        {"file-not-an-image", "/photos/0/file: expected an image file"},
        {"floor-number-too-low", "/floor/number: expected an integer in [-5, 200], got -6"},
        {"floor-plan-dot-segment", "/floorPlan: expected a relative path inside the listing folder"},
        {"format-version-2", "/formatVersion: expected 1 (the format version this program reads), got 2"},
        {"format-version-string", "/formatVersion: expected 1 (the format version this program reads), got \"1\""},
        {"id-bad-characters", "/id: expected lowercase letters a-z, digits and dashes"},
        {"id-too-short", "/id: expected 3 to 64 characters, got 2"},
        {"latitude-out-of-range", "/location/latitude: expected a number in [-90, 90], got 91"},
        {"link-heading-360", "/panoramas/0/links/0/heading: expected a number in [0, 360), got 360"},
        {"link-missing-to", "/panoramas/0/links/0/to: missing (required)"},
        {"link-pitch-above-90", "/panoramas/1/links/0/pitch: expected a number in [-90, 90], got 95"},
        {"links-not-an-array", "/panoramas/0/links: expected an array, got an object"},
        {"living-area-zero", "/area/living: expected a number in (0, 10000), got 0"},
        {"missing-address-city", "/address/city: missing (required)"},
        {"missing-agent-phone-and-email", "/agent: expected a phone or an email"},
        {"missing-description", "/description: missing (required)"},
        {"missing-id", "/id: missing (required)"},
        {"model-not-gltf", "/model: expected a glTF 2.0 model file"},
        {"panorama-missing-name", "/panoramas/0/name: missing (required)"},
        {"phone-letters", "/agent/phone: expected a phone number"},
        {"photo-fov-too-narrow", "/photos/0/camera/fov: expected a number in [10, 170], got 5"},
        {"photo-heading-400", "/photos/0/camera/heading: expected a number in [0, 360), got 400"},
        {"photo-missing-file", "/photos/0/file: missing (required)"},
        {"photo-pitch-below-90", "/photos/0/camera/pitch: expected a number in [-90, 90], got -91"},
        {"photos-not-an-array", "/photos: expected an array, got an object"},
        {"position-huge-number", "/panoramas/0/position/0: expected a number in [-100000, 100000], got 1e+300"},
        {"position-two-numbers", "/spots/0/position: expected [x, y, z], an array of 3 numbers, got an array of 2"},
        {"postal-code-bad-character", "/address/postalCode: expected a postal code"},
        {"price-asking-is-a-string", "/price/asking: expected a number in [0, 1000000000], got \"215000\""},
        {"price-negative", "/price/asking: expected a number in [0, 1000000000], got -1"},
        {"rooms-count-not-integer", "/rooms/count: expected an integer in [1, 50], got 2.5"},
        {"rooms-count-too-many", "/rooms/count: expected an integer in [1, 50], got 51"},
        {"spot-dwell-one-second", "/spots/0/dwell: expected a number in [3, 600], got 1"},
        {"spot-heading-360", "/spots/0/heading: expected a number in [0, 360), got 360"},
        {"street-too-long", "/address/street: expected 1 to 200 characters, got 204"},
        {"unknown-member-address-zip", "/address/zip: unknown member (expected one of: street, postalCode"},
        {"unknown-member-link-yaw", "/panoramas/0/links/0/yaw: unknown member (expected one of: to, heading, pitch)"},
        {"unknown-member-photo-camera", "/photos/0/camera/roll: unknown member"},
        {"unknown-member-top-level", "/pricePerSquareMetre: unknown member"},
        {"year-built-is-boolean", "/yearBuilt: expected an integer in [1500, 2100], got true"},
        {"year-built-too-early", "/yearBuilt: expected an integer in [1500, 2100], got 1499"},
        // Not a listing at all: no member to point at, so the line says why.
        {"not-json-nan", "not valid JSON: parse error at line 40, column 18"},
        {"not-json-trailing-comma", "not valid JSON: parse error at line 31, column 1"},
        {"root-is-an-array", "expected an object, got an array"},
    };
    return defects;
}

// The same for bad-reader-only/: defects the JSON Schema cannot state (it
// accepts these files; check_listing_schema.py holds it to that).
const std::map<std::string, std::string>& expectedReaderOnlyDefects() {
    static const std::map<std::string, std::string> defects = {
        {"link-target-duplicate",
         "/panoramas/0/links/1/to: expected each panorama once, got \"Kitchen\" again (also /panoramas/0/links/0/to)"},
        {"link-to-ambiguous-name",
         "/panoramas/0/links/1/to: expected the name of one panorama, got \"Hall\", the name of /panoramas/2, "
         "/panoramas/3; give them different names"},
        {"link-to-itself",
         "/panoramas/1/links/1/to: expected the name of another panorama, got \"Kitchen\", this panorama's own"},
        {"link-to-unknown-panorama",
         "/panoramas/0/links/0/to: expected the name of another panorama of this listing, got \"Kitchn\", which no "
         "panorama has"},
    };
    return defects;
}

// A listing folder in the temp folder, removed at the end of the test.
class TempFolder {
public:
    TempFolder() : m_path(fs::temp_directory_path() / ("oh-test-listing-" + std::to_string(::getpid()))) {
        fs::remove_all(m_path);
        fs::create_directories(m_path);
    }
    ~TempFolder() { fs::remove_all(m_path); }
    const fs::path& path() const { return m_path; }

    void write(const fs::path& relative, const std::string& bytes = "bytes") const {
        fs::create_directories((m_path / relative).parent_path());
        std::ofstream(m_path / relative, std::ios::binary) << bytes;
    }

private:
    fs::path m_path;
};

// minimal.json with one file of each kind.
Listing listingWithFiles() {
    Result<Listing> listing = loadListing(kCorpus / "good" / "minimal.json");
    REQUIRE(listing.has_value());
    listing->model = "model/apartment.glb";
    listing->floorPlan = "plan.png";
    listing->photos = {Photo{"photos/room.jpg", "Room", std::nullopt, std::nullopt}};
    listing->panoramas = {Panorama{"panoramas/room.jpg", "Room", std::nullopt, std::nullopt}};
    return *listing;
}

void writeAllFiles(const TempFolder& folder) {
    for (const char* file : {"model/apartment.glb", "plan.png", "photos/room.jpg", "panoramas/room.jpg"})
        folder.write(file);
}

}  // namespace

TEST_CASE("every good listing in the corpus and the demo listings parse") {
    std::vector<fs::path> files = goodFiles();
    REQUIRE(files.size() >= 5);
    for (const fs::path& file : files) {
        CAPTURE(file);
        Result<Listing> listing = loadListing(file);
        CHECK_MESSAGE(listing.has_value(), (listing ? "" : listing.error().message));
    }
}

// Each one-defect file of `kind` is refused with exactly the line `defects` names for it.
void checkOneDefectFiles(const char* kind, const std::map<std::string, std::string>& defects) {
    for (const fs::path& file : corpusFiles(kind)) {
        CAPTURE(file);
        std::string stem = file.stem().string();
        if (stem == "several-defects") continue;  // its own test case
        auto expected = defects.find(stem);
        REQUIRE_MESSAGE(expected != defects.end(), "no expected defect listed for " << stem);
        Result<Listing> listing = loadListing(file);
        REQUIRE_FALSE(listing.has_value());
        CHECK(listing.error().exitCode == oh::kExitBadInput);
        std::vector<std::string> messageLines = lines(listing.error().message);
        std::string name = oh::displayPath(file);
        REQUIRE(messageLines.size() == 2);
        CHECK(messageLines[0] == name + ": 1 problem:");
        CHECK(messageLines[1].rfind(name + ": " + expected->second, 0) == 0);
    }
}

TEST_CASE("every bad listing in the corpus is refused for its own defect, naming the file and the member") {
    REQUIRE(corpusFiles("bad").size() >= 20);
    checkOneDefectFiles("bad", expectedDefects());
}

TEST_CASE("panorama links to no panorama, to their own, to one twice or to a shared name are refused by the reader") {
    REQUIRE(corpusFiles("bad-reader-only").size() == expectedReaderOnlyDefects().size());
    checkOneDefectFiles("bad-reader-only", expectedReaderOnlyDefects());
}

TEST_CASE("every link problem of a listing is reported in one message, each with its JSON pointer") {
    Result<Listing> good = loadListing(kCorpus / "good" / "panorama-tour-without-model.json");
    REQUIRE(good.has_value());
    std::string text = toJson(*good);
    nlohmann::json json = nlohmann::json::parse(text);
    json["panoramas"][0]["links"][0]["to"] = "Sauna";
    json["panoramas"][0]["links"][1]["heading"] = -5;
    json["panoramas"][1]["links"].push_back({{"to", "Kitchen"}, {"heading", 10}});
    json["panoramas"][2]["links"].push_back({{"to", "Living room"}, {"heading", 20}, {"pitch", -91}});
    Result<Listing> listing = parseListing(json.dump(), "listing.json");
    REQUIRE_FALSE(listing.has_value());
    const std::string& message = listing.error().message;
    CAPTURE(message);
    CHECK(listing.error().exitCode == oh::kExitBadInput);
    CHECK(message.rfind("listing.json: 5 problems:\n", 0) == 0);
    for (const char* line : {"listing.json: /panoramas/0/links/0/to: expected the name of another panorama",
                             "listing.json: /panoramas/0/links/1/heading: expected a number in [0, 360), got -5",
                             "listing.json: /panoramas/1/links/1/to: expected the name of another panorama, got "
                             "\"Kitchen\", this panorama's own",
                             "listing.json: /panoramas/2/links/1/pitch: expected a number in [-90, 90], got -91",
                             "listing.json: /panoramas/2/links/1/to: expected each panorama once, got \"Living room\" "
                             "again (also /panoramas/2/links/0/to)"})
        CHECK(message.find(line) != std::string::npos);
}

TEST_CASE("panorama links read as written; absent links differ from an empty list") {
    Result<Listing> listing = loadListing(kCorpus / "good" / "panorama-links.json");
    REQUIRE(listing.has_value());
    REQUIRE(listing->panoramas.size() == 3);
    REQUIRE(listing->panoramas[0].links.has_value());
    const std::vector<PanoramaLink>& links = *listing->panoramas[0].links;
    REQUIRE(links.size() == 2);
    CHECK(links[0] == PanoramaLink{"Kitchen", 68.2, -12.5});
    CHECK(links[1] == PanoramaLink{"Hall", 32.7, std::nullopt});
    REQUIRE(listing->panoramas[1].links.has_value());
    CHECK(listing->panoramas[1].links->empty());
    CHECK_FALSE(listing->panoramas[2].links.has_value());
    std::string text = toJson(*listing);
    CHECK(text.find(R"("name":"Kitchen","position":[8.6,1.6,3.9],"heading":45,"links":[]})") != std::string::npos);
    CHECK(text.find(R"("name":"Hall","position":[4.8,1.6,1.7],"heading":180})") != std::string::npos);
}

TEST_CASE("a listing with several defects reports every one of them in one message") {
    Result<Listing> listing = loadListing(kCorpus / "bad" / "several-defects.json");
    REQUIRE_FALSE(listing.has_value());
    const std::string& message = listing.error().message;
    CAPTURE(message);
    std::vector<std::string> messageLines = lines(message);
    REQUIRE(messageLines.size() == 6);
    CHECK(messageLines[0].find("several-defects.json: 5 problems:") != std::string::npos);
    for (const char* pointer : {": /balcony: unknown member", ": /address/city: missing (required)",
                                ": /price/currency: expected an ISO 4217 currency code such as EUR, got \"euro\"",
                                ": /features/1: expected each feature once",
                                ": /photos/0/camera/heading: expected a number in [0, 360), got 400"})
        CHECK(message.find(pointer) != std::string::npos);
}

TEST_CASE("the demo listing places a spot, photos and panoramas in the demo apartment") {
    Result<Listing> listing = loadListing(kDemoListing);
    REQUIRE(listing.has_value());
    CHECK(listing->id == "vallila-makelankatu-52-a-7");
    CHECK(listing->address.district == "Vallila");
    CHECK(listing->model == "model/demo-apartment.glb");
    double pricePerSquareMetre = listing->price.debtFree.value_or(listing->price.asking) / listing->area.living;
    CHECK(pricePerSquareMetre >= 5000.0);
    CHECK(pricePerSquareMetre <= 6000.0);
    CHECK(listing->description.count("fi") == 1);
    CHECK(listing->description.count("en") == 1);
    CHECK(listing->spots.size() == 5);
    for (const Spot& spot : listing->spots) CHECK(spot.position[1] == 0.0);
    REQUIRE(listing->photos.size() == 8);
    for (const Photo& photo : listing->photos) {
        CAPTURE(photo.file);
        REQUIRE(photo.camera.has_value());
        CHECK(photo.camera->position[1] == 1.5);
        CHECK(photo.camera->fov.value_or(0.0) >= 60.0);
        CHECK(photo.camera->fov.value_or(0.0) <= 75.0);
    }
    CHECK(listing->panoramas.size() >= 4);
    for (const Panorama& panorama : listing->panoramas) CHECK((panorama.position && (*panorama.position)[1] == 1.6));
}

TEST_CASE("canonical JSON reads back as the same listing and the same bytes") {
    for (const fs::path& file : goodFiles()) {
        CAPTURE(file);
        Result<Listing> listing = loadListing(file);
        REQUIRE(listing.has_value());
        std::string text = toJson(*listing);
        Result<Listing> again = parseListing(text, "canonical.json");
        REQUIRE_MESSAGE(again.has_value(), (again ? "" : again.error().message));
        CHECK(*again == *listing);
        CHECK(toJson(*again) == text);
    }
}

TEST_CASE("a spot's own dwell for the guided tour reads and writes back; absent, none") {
    Result<Listing> full = loadListing(kCorpus / "good" / "full.json");
    REQUIRE(full.has_value());
    REQUIRE(full->spots.size() == 2);
    CHECK(full->spots[0].dwell == 45.0);
    CHECK_FALSE(full->spots[1].dwell.has_value());
    Result<Listing> again = parseListing(toJson(*full), "again.json");
    REQUIRE(again.has_value());
    CHECK(again->spots[0].dwell == 45.0);
}

TEST_CASE("canonical JSON does not depend on the file's member order, spacing or number spelling") {
    const char* ordered = R"({"formatVersion": 1, "id": "abc", "address": {"street": "S 1", "postalCode": "00100",
        "city": "Helsinki"}, "location": {"latitude": 60.17, "longitude": 24.94}, "price": {"asking": 200000,
        "currency": "EUR"}, "area": {"living": 40}, "rooms": {"count": 1}, "yearBuilt": 1960,
        "description": {"fi": "Yksiö.", "en": "Studio."}, "agent": {"name": "A", "email": "a@example.com"}})";
    const char* shuffled = R"({"agent":{"email":"a@example.com","name":"A"},"description":{"en":"Studio.",
        "fi":"Yksiö."},"yearBuilt":1960.0,"rooms":{"count":1},"area":{"living":4.0e1},"price":{"currency":"EUR",
        "asking":2e5},"location":{"longitude":24.94,"latitude":60.17},"address":{"city":"Helsinki",
        "postalCode":"00100","street":"S 1"},"id":"abc","formatVersion":1})";
    Result<Listing> a = parseListing(ordered, "a.json");
    Result<Listing> b = parseListing(shuffled, "b.json");
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(toJson(*a) == toJson(*b));
    CHECK(toJson(*a).find("\"asking\":200000,") != std::string::npos);
    CHECK(toJson(*a).rfind(R"({"formatVersion":1,"id":"abc","address":{"street":"S 1",)", 0) == 0);
}

TEST_CASE("a total area below the living area and a floor above the top floor are refused") {
    std::string text = toJson(loadListing(kCorpus / "good" / "minimal.json").value());
    std::string bad = text;
    bad.replace(bad.find("\"area\":{\"living\":38.5}"), 22, R"("area":{"living":38.5,"total":30})");
    bad.replace(bad.find("\"yearBuilt\""), 0, R"("floor":{"number":7,"of":5},)");
    Result<Listing> listing = parseListing(bad, "listing.json");
    REQUIRE_FALSE(listing.has_value());
    const std::string& message = listing.error().message;
    CAPTURE(message);
    CHECK(message.rfind("listing.json: 2 problems:\n", 0) == 0);
    CHECK(message.find("listing.json: /area/total: expected at least the living area (38.5), got 30") !=
          std::string::npos);
    CHECK(message.find("listing.json: /floor/of: expected at least the floor number (7), got 5") != std::string::npos);
}

TEST_CASE("a listing with hundreds of problems says how many and lists the first hundred") {
    std::string text = readText(kCorpus / "good" / "minimal.json");
    std::string extra;
    for (int i = 0; i < 250; ++i) extra += "\"typo" + std::to_string(i) + "\": 0, ";
    text.insert(text.find('{') + 1, extra);
    Result<Listing> listing = parseListing(text, "listing.json");
    REQUIRE_FALSE(listing.has_value());
    std::vector<std::string> messageLines = lines(listing.error().message);
    CHECK(messageLines.front() == "listing.json: 250 problems:");
    CHECK(messageLines.size() == 1 + 100 + 1);
    CHECK(messageLines.back() == "listing.json: ... and 150 more");
}

TEST_CASE("text that is not JSON, or is empty, is refused without a crash") {
    for (const char* text : {"", "{", "{\"formatVersion\": 1,", "null", "\xff\xfe", "{\"id\": \"\xc3\"}"}) {
        CAPTURE(text);
        Result<Listing> listing = parseListing(text, "listing.json");
        REQUIRE_FALSE(listing.has_value());
        CHECK(listing.error().message.rfind("listing.json: 1 problem:\nlisting.json: ", 0) == 0);
    }
}

TEST_CASE("a missing listing.json is refused naming the path") {
    Result<Listing> listing = loadListing(kCorpus / "no-such-listing.json");
    REQUIRE_FALSE(listing.has_value());
    CHECK(listing.error().exitCode == oh::kExitBadInput);
    CHECK(listing.error().message.find("no-such-listing.json") != std::string::npos);
}

TEST_CASE("a listing's files are accepted when all are inside the folder, links within it included") {
    TempFolder folder;
    writeAllFiles(folder);
    folder.write("shared/room.jpg");
    fs::remove(folder.path() / "photos/room.jpg");
    fs::create_symlink("../shared/room.jpg", folder.path() / "photos/room.jpg");
    oh::Status status = checkListingFiles(listingWithFiles(), folder.path());
    CHECK_MESSAGE(status.has_value(), (status ? "" : status.error().message));
}

TEST_CASE("a listing whose files are missing, outside the folder, folders or too large is refused for each") {
    TempFolder folder;
    writeAllFiles(folder);
    // photos/room.jpg missing; the panorama a link out of the folder; the
    // model a folder; the floor plan one byte over the limit (a sparse file).
    fs::remove(folder.path() / "photos/room.jpg");
    folder.write("../oh-test-listing-outside.jpg");
    fs::remove(folder.path() / "panoramas/room.jpg");
    fs::create_symlink("../../oh-test-listing-outside.jpg", folder.path() / "panoramas/room.jpg");
    fs::remove(folder.path() / "model/apartment.glb");
    fs::create_directories(folder.path() / "model/apartment.glb");
    fs::resize_file(folder.path() / "plan.png", kMaxListingFileBytes + 1);

    oh::Status status = checkListingFiles(listingWithFiles(), folder.path());
    fs::remove(folder.path() / "../oh-test-listing-outside.jpg");
    REQUIRE_FALSE(status.has_value());
    CHECK(status.error().exitCode == oh::kExitBadInput);
    const std::string& message = status.error().message;
    CAPTURE(message);
    std::string name = oh::displayPath(folder.path() / "listing.json");
    CHECK(message.rfind(name + ": 4 problems:\n", 0) == 0);
    CHECK(message.find(name + ": /photos/0/file: 'photos/room.jpg' not found") != std::string::npos);
    CHECK(message.find(name + ": /panoramas/0/file: 'panoramas/room.jpg' leads outside the listing folder") !=
          std::string::npos);
    CHECK(message.find(name + ": /model: 'model/apartment.glb' is not a regular file") != std::string::npos);
    CHECK(message.find(name + ": /floorPlan: "
                       "'plan.png' is 536870913 bytes; a listing's files may be at most 512 MiB") !=
          std::string::npos);
}

TEST_CASE("a dangling link in a listing folder is refused as a missing file") {
    TempFolder folder;
    writeAllFiles(folder);
    fs::remove(folder.path() / "photos/room.jpg");
    fs::create_symlink("gone.jpg", folder.path() / "photos/room.jpg");
    oh::Status status = checkListingFiles(listingWithFiles(), folder.path());
    REQUIRE_FALSE(status.has_value());
    CHECK(status.error().message.find("/photos/0/file: 'photos/room.jpg' is a link to a file that does not exist") !=
          std::string::npos);
}
