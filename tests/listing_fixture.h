// Listings made at test time, for the window tests that need a listing the
// demo does not give: one with many photos, one with none. Each is a listing
// folder under build/test-output (listing.json, the demo apartment as its
// model, the photos as small JPEGs the test writes) packed by the real
// openhouse-pack, as an agent would. Packed once per test process, since
// the packer may have changed since the last run.
//
// Not for: checking the packer (test_pack.cpp) or the listing format (test_listing.cpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace oh::test {

struct ListingPhoto {
    glm::vec3 eye{0.0f};      // where its camera stood, inside the demo apartment
    float headingDegrees = 0;  // clockwise from -Z seen from above, as listing.json has it
    std::string room;          // one of the demo listing's five rooms
    glm::vec3 colour{0.0f};    // sRGB 0..255: the photo is this colour, lighter towards its top-left
};

struct TestListing {
    std::filesystem::path bundle;     // the packed .tour
    std::vector<ListingPhoto> photos; // in the listing's order
};

// Photo dimensions: small, so 200 of them pack in seconds.
constexpr uint32_t kListingPhotoWidth = 320, kListingPhotoHeight = 240;

// The mean sRGB colour (0..255) of the middle of `photo`'s image (half its
// width and half its height): what the middle of the photo shown large looks like.
glm::vec3 middleColour(const ListingPhoto& photo);

// The demo apartment, its five rooms as spots, and `photoCount` photos
// ("Photo N", in the rooms in turn: photo i in room i % 5), packed into
// build/test-output/NAME.tour with small textures. Fails the test if packing
// does. Cached per name for the test process.
const TestListing& packedListing(const std::string& name, uint32_t photoCount);

}  // namespace oh::test
