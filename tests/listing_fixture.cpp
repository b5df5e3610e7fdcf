#include "listing_fixture.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>

#include "core/image.h"
#include "image_compare.h"
#include "program_run.h"

namespace oh::test {
namespace {

const std::filesystem::path kDemoModel = std::filesystem::path(OH_BINARY_DIR) / "scenes/demo-apartment.glb";

// The demo apartment's rooms (scenes/demo-apartment.json), as the demo
// listing names them, each with a rectangle of its floor half a metre in
// from the walls where the cameras stand.
struct Room {
    const char* name;
    glm::vec2 min, max;  // x, z
};
constexpr Room kRooms[] = {
    {"Living room", {0.5f, 3.9f}, {5.5f, 6.7f}},
    {"Kitchen", {6.5f, 3.9f}, {9.5f, 6.7f}},
    {"Bedroom", {0.5f, 0.5f}, {3.5f, 2.9f}},
    {"Bathroom", {6.1f, 0.5f}, {7.5f, 2.9f}},
    {"Hallway", {4.4f, 0.5f}, {5.2f, 2.9f}},
};
constexpr size_t kRoomCount = std::size(kRooms);

// Saturated colours a golden angle of hue apart: neighbours differ clearly.
glm::vec3 photoColour(uint32_t index) {
    float hue = std::fmod(float(index) * 137.508f, 360.0f) / 60.0f;
    float x = 1.0f - std::abs(std::fmod(hue, 2.0f) - 1.0f);
    glm::vec3 rgb = hue < 1 ? glm::vec3(1, x, 0) : hue < 2 ? glm::vec3(x, 1, 0) : hue < 3 ? glm::vec3(0, 1, x)
                  : hue < 4 ? glm::vec3(0, x, 1) : hue < 5 ? glm::vec3(x, 0, 1) : glm::vec3(1, 0, x);
    return glm::round((glm::vec3(0.15f) + rgb * 0.7f) * 255.0f);
}

// The photo: its colour, lighter towards the top-left, with a dark line
// every 40 pixels so a blurred thumbnail would show.
RgbaImage photoImage(const glm::vec3& colour) {
    RgbaImage image{kListingPhotoWidth, kListingPhotoHeight,
                    std::vector<uint8_t>(size_t(kListingPhotoWidth) * kListingPhotoHeight * 4, 255)};
    for (uint32_t y = 0; y < image.height; ++y)
        for (uint32_t x = 0; x < image.width; ++x) {
            float light = 0.5f * (1.0f - 0.5f * (float(x) / float(image.width) + float(y) / float(image.height)));
            glm::vec3 pixel = colour + (glm::vec3(255.0f) - colour) * light;
            if (x % 40 < 2 || y % 40 < 2) pixel *= 0.3f;
            uint8_t* out = &image.pixels[(size_t(y) * image.width + x) * 4];
            for (int c = 0; c < 3; ++c) out[c] = uint8_t(std::lround(pixel[c]));
        }
    return image;
}

// Photo `slot` of `count` in `room`: on a grid over its floor, at heights
// from 1.3 to 1.7 m, turned a different way each.
ListingPhoto photoIn(const Room& room, uint32_t slot, uint32_t count) {
    glm::vec2 size = room.max - room.min;
    uint32_t columns = std::max(1u, uint32_t(std::ceil(std::sqrt(float(count) * size.x / size.y))));
    uint32_t rows = (count + columns - 1) / columns;
    glm::vec2 cell((float(slot % columns) + 0.5f) / float(columns), (float(slot / columns) + 0.5f) / float(rows));
    glm::vec2 floor = room.min + cell * size;
    ListingPhoto photo;
    photo.eye = glm::vec3(floor.x, 1.3f + 0.1f * float(slot % 5), floor.y);
    photo.headingDegrees = float((slot * 47) % 360);
    photo.room = room.name;
    return photo;
}

std::string number(float value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

TestListing makeListing(const std::string& name, uint32_t photoCount) {
    std::filesystem::path folder = testOutputDir() / name;
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder / "photos");
    std::filesystem::create_directories(folder / "model");
    std::filesystem::copy_file(kDemoModel, folder / "model/demo-apartment.glb");

    TestListing listing;
    uint32_t perRoom = (photoCount + kRoomCount - 1) / kRoomCount;
    std::string photos;
    for (uint32_t i = 0; i < photoCount; ++i) {
        ListingPhoto photo = photoIn(kRooms[i % kRoomCount], i / kRoomCount, perRoom);
        photo.colour = photoColour(i);
        std::string file = "photos/" + std::to_string(i) + ".jpg";
        REQUIRE(writeJpeg(folder / file, photoImage(photo.colour)).has_value());
        photos += std::string(i ? ",\n    " : "") + R"({"file": ")" + file + R"(", "caption": "Photo )" +
                  std::to_string(i) + R"(", "room": ")" + photo.room + R"(", "camera": {"position": [)" +
                  number(photo.eye.x) + ", " + number(photo.eye.y) + ", " + number(photo.eye.z) +
                  "], \"heading\": " + number(photo.headingDegrees) + ", \"fov\": 60}}";
        listing.photos.push_back(photo);
    }
    std::ofstream(folder / "listing.json")
        << R"({"formatVersion": 1, "id": ")" << name << R"(",
  "address": {"street": "Testikatu )" << photoCount << R"(", "postalCode": "00100", "city": "Helsinki"},
  "location": {"latitude": 60.17, "longitude": 24.94}, "price": {"asking": 250000, "currency": "EUR"},
  "area": {"living": 72}, "rooms": {"count": 2}, "yearBuilt": 1954, "description": {"en": "A test listing."},
  "agent": {"name": "Aino Virtanen", "phone": "+358 40 555 0123"},
  "model": "model/demo-apartment.glb",
  "spots": [
    {"name": "Living room", "position": [3.0, 0.0, 6.2], "heading": 300},
    {"name": "Kitchen", "position": [8.6, 0.0, 3.9], "heading": 45},
    {"name": "Bedroom", "position": [2.0, 0.0, 0.8], "heading": 180},
    {"name": "Bathroom", "position": [6.8, 0.0, 1.7], "heading": 30},
    {"name": "Hallway", "position": [4.8, 0.0, 1.7], "heading": 180}],
  "photos": [
    )" << photos << "]}\n";

    listing.bundle = testOutputDir() / (name + ".tour");
    std::filesystem::remove(listing.bundle);
    // Small model textures: these listings are about their photos.
    ProgramRun pack = runProgram("'" + std::string(OH_PACK_EXE) + "' -q '" + folder.string() + "' -o '" +
                                     listing.bundle.string() + "' --max-texture-size 64",
                                 testOutputDir());
    REQUIRE_MESSAGE(pack.exitCode == 0, "openhouse-pack " << folder.string() << ": " << pack.errors);
    return listing;
}

}  // namespace

glm::vec3 middleColour(const ListingPhoto& photo) {
    RgbaImage image = photoImage(photo.colour);
    glm::dvec3 sum(0.0);
    for (uint32_t y = image.height / 4; y < image.height * 3 / 4; ++y)
        for (uint32_t x = image.width / 4; x < image.width * 3 / 4; ++x) {
            const uint8_t* p = &image.pixels[(size_t(y) * image.width + x) * 4];
            sum += glm::dvec3(p[0], p[1], p[2]);
        }
    return glm::vec3(sum / double(image.width / 2 * (image.height / 2)));
}

const TestListing& packedListing(const std::string& name, uint32_t photoCount) {
    static std::map<std::string, TestListing> packed;
    auto found = packed.find(name);
    if (found == packed.end()) found = packed.emplace(name, makeListing(name, photoCount)).first;
    REQUIRE(found->second.photos.size() == photoCount);
    return found->second;
}

}  // namespace oh::test
