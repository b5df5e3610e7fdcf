// The bundle's manifest (part "manifest.json"): the listing as the agent wrote
// it, and the index of the parts that hold its pictures — for each listing
// photo its display-size and thumbnail images, for each panorama its cube
// map, the floor plan — with their sizes and pixel formats, so a viewer or
// the branch table finds everything without opening other parts.
//
// The manifest is JSON so `openhouse-pack inspect` and other tools can read
// it; photos[i] and panoramas[i] describe the listing's photos[i] and
// panoramas[i]. Each panorama also carries its hotspots resolved by the
// packer: which panorama each leads to (by index) and where it is drawn.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bundle/bundle_reader.h"
#include "core/result.h"
#include "listing/listing.h"
#include "scene/scene.h"

namespace oh::bundle {

inline constexpr const char* kManifestPart = "manifest.json";

// A 2D image part: `mipLevels` levels, level 0 first (scene::mipChainBytes).
struct ImagePart {
    std::string part;
    scene::PixelFormat format = scene::PixelFormat::Bc7;
    uint32_t width = 0;
    uint32_t height = 0;
    uint32_t mipLevels = 1;
    bool operator==(const ImagePart&) const = default;
};

// A cube map in two parts: the full cube (6 faces of faceSize) and a small
// preview of it (6 faces of previewFaceSize) in a part of its own, so a
// viewer shows the preview at once, before it has read and checked the full
// one. Each face with its full mip chain, face by face, in Vulkan's order +X,
// -X, +Y, -Y, +Z, -Z; a panorama's forward direction is -Z.
struct CubePart {
    std::string part;
    std::string previewPart;
    scene::PixelFormat format = scene::PixelFormat::Bc7;
    uint32_t faceSize = 0;
    uint32_t previewFaceSize = 0;
    bool operator==(const CubePart&) const = default;
    uint64_t bytes() const;
    uint64_t previewBytes() const;
};

// A hotspot of a panorama. `heading` and `pitch` are where it is drawn, in
// the model's frame (the plan's in a tour without a model) with the listing's
// conventions — heading degrees clockwise from above, 0 along -Z, 90 along
// +X; pitch degrees up — so the image direction is heading minus the
// panorama's own heading, and a visitor moving on keeps facing the same way
// in the model.
struct PanoramaLink {
    uint32_t target = 0;   // index into Manifest::panoramas; never the panorama's own
    double heading = 0.0;  // [0, 360)
    double pitch = 0.0;    // [-90, 90]
    bool operator==(const PanoramaLink&) const = default;
};

// Where a panorama is and where its hotspots lead.
struct PanoramaPlace {
    std::optional<listing::Position> position;  // the eye, when the listing gives it
    std::optional<double> heading;              // of the image's centre column; absent: taken as 0
    bool inModel = false;  // `position` is a place in the bundle's model: the viewer can offer "back to the model"
    std::vector<PanoramaLink> links;  // each target at most once
    bool operator==(const PanoramaPlace&) const = default;
};

// One listing panorama: its pictures and its place in the tour.
struct PanoramaEntry {
    CubePart cube;
    PanoramaPlace place;
    bool operator==(const PanoramaEntry&) const = default;
};

struct PhotoParts {
    ImagePart display;
    ImagePart thumbnail;
    bool operator==(const PhotoParts&) const = default;
};

struct SceneSummary {
    uint64_t triangles = 0;
    uint32_t meshes = 0;
    uint32_t materials = 0;
    uint32_t textures = 0;       // images on the GPU
    uint64_t textureBytes = 0;   // as stored, mips included
    bool walkable = false;       // has a collision world
    bool operator==(const SceneSummary&) const = default;
};

// Where one storey lies in the generated plan's picture: the model point
// (x, y, z) is at pixel origin + (x, z) × pixelsPerMetre; the plan shows
// x in [minX, maxX] and z in [minZ, maxZ] of it.
struct PlanStorey {
    double originX = 0.0;
    double originY = 0.0;
    double pixelsPerMetre = 0.0;
    double floorY = 0.0;  // the storey's floor height in the model
    double minX = 0.0, minZ = 0.0, maxX = 0.0, maxZ = 0.0;
    bool operator==(const PlanStorey&) const = default;
};

// The floor plan the packer drew from the model (plan/): for the minimap and
// the table's card, beside the listing's own floor-plan image.
struct GeneratedPlan {
    ImagePart image;
    std::vector<PlanStorey> storeys;  // lowest first, at least one
    bool operator==(const GeneratedPlan&) const = default;
};

struct Manifest {
    std::string packer;                       // "openhouse-pack 0.1.0"
    std::string title;                        // the street address, or the model's name
    std::optional<listing::Listing> listing;  // none: a bare model packed alone
    SceneSummary scene;
    std::vector<PhotoParts> photos;        // one per listing photo
    std::vector<PanoramaEntry> panoramas;  // one per listing panorama
    std::optional<ImagePart> floorPlan;    // when the listing has one
    std::optional<GeneratedPlan> generatedPlan;  // when the model has rooms to draw
    bool operator==(const Manifest&) const = default;
};

// Canonical JSON text: the same manifest gives the same bytes.
std::vector<uint8_t> encodeManifest(const Manifest& manifest);

// Reads and checks the manifest: valid JSON of the right shape, a listing
// that passes listing.json's rules, one entry per listing photo and
// panorama, every part it names present, of the right kind and exactly the
// size its dimensions and format need, and every hotspot leading to another
// panorama that exists, once, with its angles in range.
Result<Manifest> decodeManifest(const BundleReader& reader);

std::string_view pixelFormatName(scene::PixelFormat format);

}  // namespace oh::bundle
