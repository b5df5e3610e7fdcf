// The tour-bundle container (bundle/): what is written reads back, the same
// parts give the same bytes, signatures and hashes catch every change, and
// hostile files are refused with a message, never followed. The manifest:
// panoramas with their places and hotspots read back as written, and links
// to panoramas that do not exist (or to their own, or twice) are refused.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/manifest.h"
#include "core/file_io.h"

namespace fs = std::filesystem;
using namespace oh;
using namespace oh::bundle;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("oh_test_bundle_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(counter()++));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    static int& counter() { static int n = 0; return n; }
};

std::vector<uint8_t> bytesOf(std::string_view text) { return {text.begin(), text.end()}; }

std::vector<Part> sampleParts() {
    std::vector<uint8_t> big(100000);
    for (size_t i = 0; i < big.size(); ++i) big[i] = uint8_t(i * 7 + i / 251);
    return {{"scene/geometry", PartKind::SceneGeometry, big},
            {"manifest.json", PartKind::Manifest, bytesOf("{\"listing\": null}")},
            {"scene/textures/0", PartKind::SceneTexture, bytesOf("0123456789abcdef")},
            {"empty", PartKind::FloorPlan, {}}};
}

std::vector<uint8_t> readAll(const fs::path& path) { return readFile(path).value(); }

template <typename T>
void poke(std::vector<uint8_t>& bytes, size_t offset, T value) {
    std::memcpy(bytes.data() + offset, &value, sizeof(T));
}

std::string refusal(const std::vector<uint8_t>& bytes, const OpenOptions& options = {}) {
    auto reader = BundleReader::fromBytes(bytes, "hostile.tour", options);
    if (reader) return "";
    return reader.error().message;
}

// A manifest of the listing good/panorama-links.json (three panoramas): the
// living room links to the kitchen and the hall, the kitchen to none, the
// hall (no position) back to the living room.
Manifest panoramaManifest() {
    auto listing = listing::loadListing(fs::path(OH_TESTS_DIR) / "listing_corpus/good/panorama-links.json");
    REQUIRE_MESSAGE(listing.has_value(), listing.error().message);
    Manifest manifest;
    manifest.packer = "openhouse-pack test";
    manifest.title = "Helsinginkatu 10 B 21, Helsinki";
    manifest.listing = *listing;
    for (size_t i = 0; i < 3; ++i) {
        std::string prefix = "panoramas/" + std::to_string(i) + "/";
        CubePart cube{prefix + "cube", prefix + "preview", scene::PixelFormat::Bc7, 8, 4};
        manifest.panoramas.push_back({cube, PanoramaPlace{listing->panoramas[i].position, listing->panoramas[i].heading,
                                                          true, {}}});
    }
    manifest.panoramas[0].place.links = {{1, 68.2, -12.5}, {2, 32.7, 0.0}};
    manifest.panoramas[2].place = PanoramaPlace{std::nullopt, std::nullopt, false, {{0, 212.7, -3.25}}};
    return manifest;
}

// A bundle holding `manifestBytes` and the panorama parts `manifest` names, each of its exact size.
std::vector<uint8_t> bundleOf(const Manifest& manifest, const std::vector<uint8_t>& manifestBytes) {
    TempDir dir;
    std::vector<Part> parts = {{kManifestPart, PartKind::Manifest, manifestBytes}};
    for (const PanoramaEntry& panorama : manifest.panoramas) {
        parts.push_back({panorama.cube.part, PartKind::Panorama, std::vector<uint8_t>(panorama.cube.bytes())});
        parts.push_back({panorama.cube.previewPart, PartKind::PanoramaPreview,
                         std::vector<uint8_t>(panorama.cube.previewBytes())});
    }
    if (const auto& plan = manifest.generatedPlan)
        parts.push_back({plan->image.part, PartKind::GeneratedPlan,
                         std::vector<uint8_t>(scene::mipChainBytes(plan->image.format, plan->image.width,
                                                                   plan->image.height, plan->image.mipLevels))});
    REQUIRE(writeBundle(dir.path / "panoramas.tour", parts).has_value());
    return readAll(dir.path / "panoramas.tour");
}

// Why decodeManifest refuses `bytes` ("" if it does not).
std::string manifestRefusal(const std::vector<uint8_t>& bytes) {
    auto reader = BundleReader::fromBytes(bytes, "hostile.tour");
    REQUIRE_MESSAGE(reader.has_value(), reader.error().message);
    auto manifest = decodeManifest(*reader);
    return manifest ? "" : manifest.error().message;
}

}  // namespace

TEST_CASE("a bundle reads back every part it was written with, by name and kind") {
    TempDir dir;
    fs::path path = dir.path / "listing.tour";
    REQUIRE(writeBundle(path, sampleParts()).has_value());
    auto reader = BundleReader::open(path);
    REQUIRE_MESSAGE(reader.has_value(), reader.error().message);
    CHECK(reader->partCount() == 4);
    CHECK_FALSE(reader->signer().has_value());
    for (const Part& part : sampleParts()) {
        auto bytes = reader->part(part.name, part.kind);
        REQUIRE_MESSAGE(bytes.has_value(), bytes.error().message);
        CHECK(std::vector<uint8_t>(bytes->begin(), bytes->end()) == part.bytes);
        CHECK(uintptr_t(bytes->data()) % kPartAlignment == 0);
    }
    // The manifest lies first: what a viewer needs first is at the front.
    CHECK(reader->partInfo(0).name == "manifest.json");
    auto wrongKind = reader->part("manifest.json", PartKind::SceneTexture);
    REQUIRE_FALSE(wrongKind.has_value());
    CHECK(wrongKind.error().message.find("expected a texture") != std::string::npos);
    CHECK_FALSE(reader->part("photos/9/display", PartKind::Photo).has_value());
}

TEST_CASE("the same parts in any order give a byte-identical bundle") {
    TempDir dir;
    std::vector<Part> parts = sampleParts();
    REQUIRE(writeBundle(dir.path / "a.tour", parts).has_value());
    std::reverse(parts.begin(), parts.end());
    REQUIRE(writeBundle(dir.path / "b.tour", parts).has_value());
    CHECK(readAll(dir.path / "a.tour") == readAll(dir.path / "b.tour"));
}

TEST_CASE("writing refuses bad or repeated part names and leaves no file behind") {
    TempDir dir;
    for (const char* name : {"../escape", "/abs", "Upper", "a//b", "", "dot/.", "trailing/"}) {
        std::vector<Part> parts = {{name, PartKind::Manifest, bytesOf("x")}};
        auto written = writeBundle(dir.path / "bad.tour", parts);
        CHECK_MESSAGE(!written.has_value(), name);
    }
    std::vector<Part> twice = {{"a", PartKind::Manifest, {}}, {"a", PartKind::Photo, {}}};
    CHECK_FALSE(writeBundle(dir.path / "bad.tour", twice).has_value());
    CHECK(fs::is_empty(dir.path));
}

TEST_CASE("an interrupted write leaves neither the bundle nor a temporary file") {
    TempDir dir;
    WriteOptions options;
    int partsWritten = 0;
    options.progress = [&](uint64_t, uint64_t) { ++partsWritten; };
    options.cancelled = [&] { return partsWritten == 2; };
    auto written = writeBundle(dir.path / "listing.tour", sampleParts(), options);
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().message.find("interrupted") != std::string::npos);
    CHECK(fs::is_empty(dir.path));
}

TEST_CASE("a signed bundle opens for its trusted key and is refused for any other, or unsigned") {
    TempDir dir;
    KeyPair branch = generateKeyPair(), other = generateKeyPair();
    WriteOptions signing;
    signing.signingKey = &branch.secretKey;
    REQUIRE(writeBundle(dir.path / "signed.tour", sampleParts(), signing).has_value());
    REQUIRE(writeBundle(dir.path / "unsigned.tour", sampleParts()).has_value());

    auto trusted = BundleReader::open(dir.path / "signed.tour", {{branch.publicKey}});
    REQUIRE_MESSAGE(trusted.has_value(), trusted.error().message);
    CHECK(trusted->signer() == branch.publicKey);

    auto otherKey = BundleReader::open(dir.path / "signed.tour", {{other.publicKey}});
    REQUIRE_FALSE(otherKey.has_value());
    CHECK(otherKey.error().exitCode == kExitUntrusted);
    CHECK(otherKey.error().message.find("not trusted") != std::string::npos);

    auto unsignedRefused = BundleReader::open(dir.path / "unsigned.tour", {{branch.publicKey}});
    REQUIRE_FALSE(unsignedRefused.has_value());
    CHECK(unsignedRefused.error().message.find("not signed") != std::string::npos);
    // Without a trust list both open: a desktop preview needs no keys.
    CHECK(BundleReader::open(dir.path / "unsigned.tour").has_value());
}

TEST_CASE("changing any single byte of a signed bundle is caught before its parts are used") {
    TempDir dir;
    KeyPair branch = generateKeyPair();
    WriteOptions signing;
    signing.signingKey = &branch.secretKey;
    REQUIRE(writeBundle(dir.path / "signed.tour", sampleParts(), signing).has_value());
    const std::vector<uint8_t> original = readAll(dir.path / "signed.tour");
    // Every 97th byte, so the header, each part, the padding, the table and
    // the signature are all hit.
    int changes = 0;
    for (size_t offset = 0; offset < original.size(); offset += 97) {
        std::vector<uint8_t> changed = original;
        changed[offset] ^= 0x10;
        std::string message = refusal(changed, {{branch.publicKey}});
        CHECK_MESSAGE(!message.empty(), "a flipped bit at offset " << offset << " was not noticed");
        ++changes;
    }
    CHECK(changes > 1000);
}

TEST_CASE("a flipped bit in a part of an unsigned bundle is refused when that part is read") {
    TempDir dir;
    REQUIRE(writeBundle(dir.path / "listing.tour", sampleParts()).has_value());
    std::vector<uint8_t> bytes = readAll(dir.path / "listing.tour");
    auto reader = BundleReader::fromBytes(bytes, "listing.tour");
    REQUIRE(reader.has_value());
    size_t geometry = *reader->find("scene/geometry");
    uint64_t offset = reader->partInfo(geometry).offset;
    bytes[offset + 5000] ^= 1;
    auto damaged = reader->part("scene/geometry", PartKind::SceneGeometry);
    REQUIRE_FALSE(damaged.has_value());
    CHECK(damaged.error().message.find("listing.tour: part 'scene/geometry' is damaged") == 0);
    CHECK(damaged.error().exitCode == kExitUntrusted);
}

TEST_CASE("hostile headers and tables are refused with a message that names the file") {
    TempDir dir;
    REQUIRE(writeBundle(dir.path / "listing.tour", sampleParts()).has_value());
    const std::vector<uint8_t> good = readAll(dir.path / "listing.tour");
    REQUIRE(refusal(good).empty());
    FileHeader header;
    std::memcpy(&header, good.data(), sizeof(header));
    const size_t toc = header.tocOffset;
    const size_t entry = sizeof(TocEntry);

    struct Case {
        const char* what;
        std::function<void(std::vector<uint8_t>&)> damage;
        const char* expected;
    };
    const Case cases[] = {
        {"not a bundle", [](auto& b) { b[0] = 'X'; }, "not a tour bundle"},
        {"newer format", [](auto& b) { poke<uint32_t>(b, 8, 2); }, "format version 2"},
        {"unknown flag", [](auto& b) { poke<uint32_t>(b, 12, 0x80); }, "unknown header flags"},
        {"truncated", [](auto& b) { b.resize(b.size() - 1); }, "truncated"},
        {"trailing bytes", [](auto& b) { b.push_back(0); }, "after its end"},
        {"table elsewhere", [](auto& b) { poke<uint64_t>(b, 16, 64); }, "table of contents"},
        {"absurd part count", [](auto& b) { poke<uint32_t>(b, 24, 0xffffffffu); }, "more than the format allows"},
        {"part past the end", [&](auto& b) { poke<uint64_t>(b, toc + 2 * entry + 72, uint64_t(1) << 62); },
         "outside the file"},
        {"offset overflow", [&](auto& b) { poke<uint64_t>(b, toc + 2 * entry + 64, ~uint64_t(0) & ~uint64_t(63)); },
         "not where the part before it ends"},
        {"size overflow", [&](auto& b) { poke<uint64_t>(b, toc + 3 * entry + 72, ~uint64_t(0)); }, "outside the file"},
        {"overlapping parts", [&](auto& b) { poke<uint64_t>(b, toc + 1 * entry + 64, 64); }, "overlaps"},
        {"gap between parts", [&](auto& b) { poke<uint64_t>(b, toc + 1 * entry + 64, 1024 * 1024); }, "not where"},
        {"bytes in padding", [](auto& b) { b[100] = 1; }, "bytes changed between parts"},
        {"unaligned part", [&](auto& b) { poke<uint64_t>(b, toc + 1 * entry + 64, 65); }, "not aligned"},
        {"escaping name", [&](auto& b) { std::memcpy(b.data() + toc, "../etc/passwd", 13); }, "invalid name"},
        {"unknown kind", [&](auto& b) { poke<uint32_t>(b, toc + 56, 99); }, "unknown kind"},
        {"duplicate name", [&](auto& b) { std::memcpy(b.data() + toc + entry, b.data() + toc, 56); }, "two parts named"},
    };
    for (const Case& c : cases) {
        std::vector<uint8_t> bytes = good;
        c.damage(bytes);
        std::string message = refusal(bytes);
        CHECK_MESSAGE(message.find("hostile.tour: ") == 0, c.what << ": " << message);
        CHECK_MESSAGE(message.find(c.expected) != std::string::npos, c.what << ": " << message);
    }
    CHECK(refusal({}).find("not a tour bundle") != std::string::npos);
}

TEST_CASE("key pairs round-trip through their files and are never overwritten") {
    TempDir dir;
    KeyPair keys = generateKeyPair();
    REQUIRE(writeKeyPair(keys, dir.path / "branch").has_value());
    CHECK((fs::status(dir.path / "branch.key").permissions() & fs::perms::others_read) == fs::perms::none);
    auto publicKey = readPublicKey(dir.path / "branch.pub");
    auto secretKey = readSecretKey(dir.path / "branch.key");
    REQUIRE(publicKey.has_value());
    REQUIRE(secretKey.has_value());
    CHECK(*publicKey == keys.publicKey);
    CHECK(*secretKey == keys.secretKey);
    CHECK(publicKeyOf(*secretKey) == keys.publicKey);
    CHECK_FALSE(writeKeyPair(generateKeyPair(), dir.path / "branch").has_value());
    CHECK(readPublicKey(dir.path / "branch.pub").value() == keys.publicKey);
    // A secret key given where a public one belongs is refused, not misread.
    auto swapped = readPublicKey(dir.path / "branch.key");
    REQUIRE_FALSE(swapped.has_value());
    CHECK(swapped.error().message.find("not an OpenHouse public key") != std::string::npos);
}

TEST_CASE("a manifest's panoramas read back with their places and hotspots, byte for byte") {
    Manifest manifest = panoramaManifest();
    std::vector<uint8_t> text = encodeManifest(manifest);
    std::vector<uint8_t> bytes = bundleOf(manifest, text);
    auto reader = BundleReader::fromBytes(bytes, "panoramas.tour");
    REQUIRE(reader.has_value());
    auto decoded = decodeManifest(*reader);
    REQUIRE_MESSAGE(decoded.has_value(), decoded.error().message);
    CHECK(*decoded == manifest);
    CHECK(encodeManifest(*decoded) == text);
    CHECK(decoded->panoramas[0].place.links[1] == PanoramaLink{2, 32.7, 0.0});
    CHECK_FALSE(decoded->panoramas[2].place.position.has_value());
    // The JSON as docs/bundle-format.md shows it.
    nlohmann::json json = nlohmann::json::parse(text.begin(), text.end());
    CHECK(json["version"] == 3);
    CHECK(json["panoramas"][0]["part"] == "panoramas/0/cube");
    CHECK(json["panoramas"][0]["previewPart"] == "panoramas/0/preview");
    CHECK(json["panoramas"][0]["links"][0] == nlohmann::json({{"to", 1}, {"heading", 68.2}, {"pitch", -12.5}}));
    CHECK(json["panoramas"][0]["inModel"] == true);
    CHECK(json["panoramas"][0]["heading"] == 300.0);
    CHECK_FALSE(json["panoramas"][2].contains("position"));
}

TEST_CASE("a manifest's generated floor plan reads back, and a damaged one is refused naming the member") {
    Manifest manifest = panoramaManifest();
    manifest.generatedPlan = GeneratedPlan{{"plan/generated", scene::PixelFormat::Bc7, 64, 48, 1},
                                           {{.originX = 18.0, .originY = 18.0, .pixelsPerMetre = 6.0, .floorY = 0.0,
                                             .minX = -0.3, .minZ = -0.3, .maxX = 7.0, .maxZ = 4.5}}};
    const std::vector<uint8_t> text = encodeManifest(manifest);
    const std::vector<uint8_t> bytes = bundleOf(manifest, text);  // the reader reads from it: kept alive
    auto reader = BundleReader::fromBytes(bytes, "plan.tour");
    REQUIRE(reader.has_value());
    auto decoded = decodeManifest(*reader);
    REQUIRE_MESSAGE(decoded.has_value(), decoded.error().message);
    CHECK(*decoded == manifest);

    const nlohmann::json good = nlohmann::json::parse(text);
    const std::pair<std::function<void(nlohmann::json&)>, const char*> cases[] = {
        {[](auto& j) { j["generatedPlan"]["storeys"][0]["pixelsPerMetre"] = -6.0; },
         "/generatedPlan/storeys/0/pixelsPerMetre: expected more than 0"},
        {[](auto& j) { j["generatedPlan"]["storeys"][0]["bounds"] = {1.0, 1.0, 1.0, 2.0}; },
         "/generatedPlan/storeys/0/bounds: empty"},
        {[](auto& j) { j["generatedPlan"]["storeys"][0]["origin"][0] = "left"; },
         "/generatedPlan/storeys/0/origin/0: expected a number"},
        {[](auto& j) { j["generatedPlan"]["storeys"] = nlohmann::json::array(); },
         "/generatedPlan/storeys: expected 1 to 64 storeys"},
        {[](auto& j) { j["generatedPlan"]["image"]["part"] = "panoramas/0/cube"; },
         "/generatedPlan/image: part 'panoramas/0/cube' is not a generated floor plan"},
        {[](auto& j) { j["generatedPlan"]["image"]["width"] = 65; },
         "/generatedPlan/image: part 'plan/generated' holds"},
    };
    for (const auto& damageCase : cases) {
        const char* expected = damageCase.second;  // not a structured binding: INFO captures it
        nlohmann::json damaged = good;
        damageCase.first(damaged);
        const std::string dumped = damaged.dump();
        const std::string refusal = manifestRefusal(bundleOf(manifest, {dumped.begin(), dumped.end()}));
        INFO(expected);
        CHECK(refusal.find(expected) != std::string::npos);
    }
}

TEST_CASE("a manifest whose hotspots lead nowhere, home, twice, or at impossible angles is refused") {
    const Manifest manifest = panoramaManifest();
    const nlohmann::json good = nlohmann::json::parse(encodeManifest(manifest));
    REQUIRE(manifestRefusal(bundleOf(manifest, encodeManifest(manifest))).empty());
    struct Case {
        const char* what;
        std::function<void(nlohmann::json&)> damage;
        const char* expected;
    };
    const Case cases[] = {
        {"a link to panorama 9 of 3", [](auto& j) { j["panoramas"][0]["links"][0]["to"] = 9; },
         "manifest.json/panoramas/0/links/0/to: panorama 9 of 3"},
        {"a link to the largest index", [](auto& j) { j["panoramas"][0]["links"][0]["to"] = ~uint64_t(0); },
         "/panoramas/0/links/0/to: panorama 18446744073709551615 of 3"},
        {"a negative index", [](auto& j) { j["panoramas"][2]["links"][0]["to"] = -1; },
         "/panoramas/2/links/0/to: missing or of the wrong type"},
        {"a fractional index", [](auto& j) { j["panoramas"][2]["links"][0]["to"] = 0.5; },
         "/panoramas/2/links/0/to: missing or of the wrong type"},
        {"a link to itself", [](auto& j) { j["panoramas"][2]["links"][0]["to"] = 2; },
         "/panoramas/2/links/0/to: a link from a panorama to itself"},
        {"two links to one panorama", [](auto& j) { j["panoramas"][0]["links"][1]["to"] = 1; },
         "/panoramas/0/links/1/to: a second link to panorama 1"},
        {"a heading of 360", [](auto& j) { j["panoramas"][0]["links"][0]["heading"] = 360; },
         "/panoramas/0/links/0/heading: 360 is out of range"},
        {"a pitch below -90", [](auto& j) { j["panoramas"][0]["links"][1]["pitch"] = -90.5; },
         "/panoramas/0/links/1/pitch: -90.5 is out of range"},
        {"a heading that is text", [](auto& j) { j["panoramas"][0]["links"][0]["heading"] = "north"; },
         "/panoramas/0/links/0/heading: missing or of the wrong type"},
        {"a link without a pitch", [](auto& j) { j["panoramas"][0]["links"][0].erase("pitch"); },
         "/panoramas/0/links/0/pitch: missing or of the wrong type"},
        {"a link that is not an object", [](auto& j) { j["panoramas"][0]["links"][0] = 1; },
         "/panoramas/0/links/0: expected an object"},
        {"links that are not a list", [](auto& j) { j["panoramas"][1]["links"] = nlohmann::json::object(); },
         "/panoramas/1/links: missing or of the wrong type"},
        {"no inModel", [](auto& j) { j["panoramas"][1].erase("inModel"); },
         "/panoramas/1/inModel: missing or of the wrong type"},
        {"in the model with no position", [](auto& j) { j["panoramas"][2]["inModel"] = true; },
         "/panoramas/2: in the model but without a position"},
        {"a position of two numbers", [](auto& j) { j["panoramas"][0]["position"] = {1.0, 2.0}; },
         "/panoramas/0/position: expected [x, y, z]"},
        {"a position far away", [](auto& j) { j["panoramas"][0]["position"][1] = 1e300; },
         "/panoramas/0/position/1: 1e+300 is out of range"},
        {"a panorama heading of -1", [](auto& j) { j["panoramas"][1]["heading"] = -1; },
         "/panoramas/1/heading: -1 is out of range"},
        {"an older manifest without hotspots", [](auto& j) { j["version"] = 1; }, "not a version 3 tour manifest"},
        {"a version 2 manifest (preview inside the cube's part)", [](auto& j) { j["version"] = 2; },
         "not a version 3 tour manifest"},
        {"no preview part", [](auto& j) { j["panoramas"][1].erase("previewPart"); },
         "/panoramas/1/previewPart: missing or of the wrong type"},
        {"the preview named as the cube", [](auto& j) { j["panoramas"][1]["previewPart"] = "panoramas/1/cube"; },
         "/panoramas/1: part 'panoramas/1/cube' is not a panorama preview"},
        {"the cube named as a missing part", [](auto& j) { j["panoramas"][0]["part"] = "panoramas/0"; },
         "/panoramas/0: part 'panoramas/0' is missing"},
    };
    for (const Case& c : cases) {
        nlohmann::json json = good;
        c.damage(json);
        std::string text = json.dump();
        std::string message = manifestRefusal(bundleOf(manifest, {text.begin(), text.end()}));
        CHECK_MESSAGE(message.find("hostile.tour: manifest.json") == 0, c.what << ": " << message);
        CHECK_MESSAGE(message.find(c.expected) != std::string::npos, c.what << ": " << message);
    }
}
