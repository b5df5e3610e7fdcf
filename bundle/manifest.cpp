#include "bundle/manifest.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace oh::bundle {
namespace {

using nlohmann::json;

constexpr uint32_t kMaxImageDimension = 16384;
constexpr const char* kFormatTag = "openhouse-tour-manifest";
// 2: panoramas carry their place and hotspots. 3: a panorama's preview cube
// is a part of its own.
constexpr int kManifestVersion = 3;

// [SECTION] Writing.

json imageJson(const ImagePart& image) {
    return {{"part", image.part}, {"format", pixelFormatName(image.format)}, {"width", image.width},
            {"height", image.height}, {"mipLevels", image.mipLevels}};
}

json cubeJson(const CubePart& cube) {
    return {{"part", cube.part}, {"previewPart", cube.previewPart}, {"format", pixelFormatName(cube.format)},
            {"faceSize", cube.faceSize}, {"previewFaceSize", cube.previewFaceSize}};
}

json panoramaJson(const PanoramaEntry& panorama) {
    json out = cubeJson(panorama.cube);
    const PanoramaPlace& place = panorama.place;
    if (place.position) out["position"] = *place.position;
    if (place.heading) out["heading"] = *place.heading;
    out["inModel"] = place.inModel;
    out["links"] = json::array();
    for (const PanoramaLink& link : place.links)
        out["links"].push_back({{"to", link.target}, {"heading", link.heading}, {"pitch", link.pitch}});
    return out;
}

// [SECTION] Reading: every member checked for presence and type; nlohmann
// is used without exceptions so a hostile manifest is an error, not a throw.

struct ManifestReader {
    const BundleReader& bundle;
    std::string problem;

    bool fail(const std::string& what) {
        if (problem.empty()) problem = what;
        return false;
    }
    // `type` number_float accepts any number, number_unsigned any unsigned integer.
    const json* member(const json& object, const char* name, json::value_t type, const std::string& where) {
        auto it = object.find(name);
        bool sameType = it != object.end() &&
                        (it->type() == type || (type == json::value_t::number_unsigned && it->is_number_unsigned()) ||
                         (type == json::value_t::number_float && it->is_number()));
        if (!sameType) {
            fail(where + "/" + name + ": missing or of the wrong type");
            return nullptr;
        }
        return &*it;
    }
    bool readUint(const json& object, const char* name, uint32_t max, uint32_t& out, const std::string& where) {
        const json* value = member(object, name, json::value_t::number_unsigned, where);
        if (!value) return false;
        uint64_t number = value->get<uint64_t>();
        if (number > max) return fail(where + "/" + name + ": " + std::to_string(number) + " is too large");
        out = uint32_t(number);
        return true;
    }
    // A number in [min, max], or [min, max) with `maxExclusive`; NaN and infinities fail the test.
    bool readNumber(const json& value, double min, double max, bool maxExclusive, double& out,
                    const std::string& where) {
        if (!value.is_number()) return fail(where + ": expected a number");
        double number = value.get<double>();
        if (!(number >= min && (maxExclusive ? number < max : number <= max)))
            return fail(where + ": " + value.dump() + " is out of range");
        out = number;
        return true;
    }
    bool readFormat(const json& object, scene::PixelFormat& out, const std::string& where) {
        const json* value = member(object, "format", json::value_t::string, where);
        if (!value) return false;
        for (auto format : {scene::PixelFormat::Rgba8, scene::PixelFormat::Bc7, scene::PixelFormat::Bc5,
                            scene::PixelFormat::Bc4})
            if (value->get<std::string>() == pixelFormatName(format)) {
                out = format;
                return true;
            }
        return fail(where + "/format: unknown pixel format");
    }
    // The part exists, is of `kind`, and holds exactly `bytes`.
    bool checkPart(const std::string& name, PartKind kind, uint64_t bytes, const std::string& where) {
        auto index = bundle.find(name);
        if (!index) return fail(where + ": part '" + name + "' is missing");
        PartInfo info = bundle.partInfo(*index);
        if (info.kind != kind) return fail(where + ": part '" + name + "' is not a " + std::string(partKindName(kind)));
        if (info.size != bytes)
            return fail(where + ": part '" + name + "' holds " + std::to_string(info.size) + " bytes, expected " +
                        std::to_string(bytes));
        return true;
    }
    bool readImage(const json& object, PartKind kind, ImagePart& image, const std::string& where) {
        const json* part = member(object, "part", json::value_t::string, where);
        if (!part || !readFormat(object, image.format, where) ||
            !readUint(object, "width", kMaxImageDimension, image.width, where) ||
            !readUint(object, "height", kMaxImageDimension, image.height, where) ||
            !readUint(object, "mipLevels", 15, image.mipLevels, where))
            return false;
        image.part = part->get<std::string>();
        if (image.width == 0 || image.height == 0 || image.mipLevels == 0 ||
            image.mipLevels > scene::fullMipCount(image.width, image.height))
            return fail(where + ": bad image size or mip count");
        return checkPart(image.part, kind,
                         scene::mipChainBytes(image.format, image.width, image.height, image.mipLevels), where);
    }
    bool readFinite(const json& object, const char* key, double limit, double& out, const std::string& where) {
        auto value = object.find(key);
        if (value == object.end() || !value->is_number() || !std::isfinite(value->get<double>()) ||
            std::abs(value->get<double>()) > limit)
            return fail(where + "/" + key + ": expected a number within ±" + std::to_string(int64_t(limit)));
        out = value->get<double>();
        return true;
    }
    bool readGeneratedPlan(const json& object, GeneratedPlan& plan) {
        const std::string where = "/generatedPlan";
        if (!object.is_object()) return fail(where + ": expected an object");
        const json* image = member(object, "image", json::value_t::object, where);
        const json* storeys = member(object, "storeys", json::value_t::array, where);
        if (!image || !storeys || !readImage(*image, PartKind::GeneratedPlan, plan.image, where + "/image")) return false;
        if (storeys->empty() || storeys->size() > 64) return fail(where + "/storeys: expected 1 to 64 storeys");
        for (size_t i = 0; i < storeys->size(); ++i) {
            const std::string at = where + "/storeys/" + std::to_string(i);
            const json& entry = (*storeys)[i];
            if (!entry.is_object()) return fail(at + ": expected an object");
            const json* origin = member(entry, "origin", json::value_t::array, at);
            const json* bounds = member(entry, "bounds", json::value_t::array, at);
            if (!origin || !bounds) return false;
            if (origin->size() != 2) return fail(at + "/origin: expected [x, y]");
            if (bounds->size() != 4) return fail(at + "/bounds: expected [minX, minZ, maxX, maxZ]");
            PlanStorey storey;
            // By index, so a message names the element as a JSON pointer does.
            const json originAt = {{"0", (*origin)[0]}, {"1", (*origin)[1]}};
            const json boundsAt = {{"0", (*bounds)[0]}, {"1", (*bounds)[1]}, {"2", (*bounds)[2]}, {"3", (*bounds)[3]}};
            const double limit = listing::kMaxCoordinate;
            if (!readFinite(originAt, "0", 1e7, storey.originX, at + "/origin") ||
                !readFinite(originAt, "1", 1e7, storey.originY, at + "/origin") ||
                !readFinite(boundsAt, "0", limit, storey.minX, at + "/bounds") ||
                !readFinite(boundsAt, "1", limit, storey.minZ, at + "/bounds") ||
                !readFinite(boundsAt, "2", limit, storey.maxX, at + "/bounds") ||
                !readFinite(boundsAt, "3", limit, storey.maxZ, at + "/bounds") ||
                !readFinite(entry, "pixelsPerMetre", 1e4, storey.pixelsPerMetre, at) ||
                !readFinite(entry, "floorY", limit, storey.floorY, at))
                return false;
            if (storey.pixelsPerMetre <= 0.0) return fail(at + "/pixelsPerMetre: expected more than 0");
            if (storey.minX >= storey.maxX || storey.minZ >= storey.maxZ) return fail(at + "/bounds: empty");
            plan.storeys.push_back(storey);
        }
        return true;
    }
    bool readCube(const json& object, CubePart& cube, const std::string& where) {
        const json* part = member(object, "part", json::value_t::string, where);
        const json* previewPart = member(object, "previewPart", json::value_t::string, where);
        if (!part || !previewPart || !readFormat(object, cube.format, where) ||
            !readUint(object, "faceSize", kMaxImageDimension, cube.faceSize, where) ||
            !readUint(object, "previewFaceSize", kMaxImageDimension, cube.previewFaceSize, where))
            return false;
        cube.part = part->get<std::string>();
        cube.previewPart = previewPart->get<std::string>();
        if (cube.faceSize == 0 || cube.previewFaceSize == 0 || cube.previewFaceSize > cube.faceSize)
            return fail(where + ": bad cube face sizes");
        return checkPart(cube.part, PartKind::Panorama, cube.bytes(), where) &&
               checkPart(cube.previewPart, PartKind::PanoramaPreview, cube.previewBytes(), where);
    }
    bool readLinks(const json& links, size_t self, size_t panoramaCount, std::vector<PanoramaLink>& out,
                   const std::string& where) {
        std::vector<bool> linked(panoramaCount, false);
        for (size_t j = 0; j < links.size(); ++j) {
            std::string at = where + "/" + std::to_string(j);
            if (!links[j].is_object()) return fail(at + ": expected an object");
            PanoramaLink link;
            const json* to = member(links[j], "to", json::value_t::number_unsigned, at);
            const json* heading = member(links[j], "heading", json::value_t::number_float, at);
            const json* pitch = member(links[j], "pitch", json::value_t::number_float, at);
            if (!to || !heading || !pitch || !readNumber(*heading, 0.0, 360.0, true, link.heading, at + "/heading") ||
                !readNumber(*pitch, -90.0, 90.0, false, link.pitch, at + "/pitch"))
                return false;
            uint64_t target = to->get<uint64_t>();
            if (target >= panoramaCount)
                return fail(at + "/to: panorama " + std::to_string(target) + " of " + std::to_string(panoramaCount));
            if (target == self) return fail(at + "/to: a link from a panorama to itself");
            if (linked[target]) return fail(at + "/to: a second link to panorama " + std::to_string(target));
            linked[target] = true;
            link.target = uint32_t(target);
            out.push_back(link);
        }
        return true;
    }
    bool readPlace(const json& object, size_t self, size_t panoramaCount, PanoramaPlace& place,
                   const std::string& where) {
        if (auto position = object.find("position"); position != object.end()) {
            if (!position->is_array() || position->size() != 3) return fail(where + "/position: expected [x, y, z]");
            listing::Position& eye = place.position.emplace();
            for (size_t k = 0; k < 3; ++k)
                if (!readNumber((*position)[k], -listing::kMaxCoordinate, listing::kMaxCoordinate, false, eye[k],
                                where + "/position/" + std::to_string(k)))
                    return false;
        }
        if (auto heading = object.find("heading"); heading != object.end())
            if (!readNumber(*heading, 0.0, 360.0, true, place.heading.emplace(), where + "/heading")) return false;
        const json* inModel = member(object, "inModel", json::value_t::boolean, where);
        const json* links = member(object, "links", json::value_t::array, where);
        if (!inModel || !links) return false;
        place.inModel = inModel->get<bool>();
        if (place.inModel && !place.position) return fail(where + ": in the model but without a position");
        return readLinks(*links, self, panoramaCount, place.links, where + "/links");
    }
    bool readSummary(const json& object, SceneSummary& summary) {
        const std::string where = "/scene";
        const json* walkable = member(object, "walkable", json::value_t::boolean, where);
        const json* triangles = member(object, "triangles", json::value_t::number_unsigned, where);
        const json* textureBytes = member(object, "textureBytes", json::value_t::number_unsigned, where);
        if (!walkable || !triangles || !textureBytes || !readUint(object, "meshes", ~0u, summary.meshes, where) ||
            !readUint(object, "materials", ~0u, summary.materials, where) ||
            !readUint(object, "textures", ~0u, summary.textures, where))
            return false;
        summary.walkable = walkable->get<bool>();
        summary.triangles = triangles->get<uint64_t>();
        summary.textureBytes = textureBytes->get<uint64_t>();
        return true;
    }
    bool readListing(const json& document, Manifest& manifest) {
        auto it = document.find("listing");
        if (it == document.end()) return true;  // a bare model
        auto listing = listing::parseListing(it->dump(), bundle.displayName() + ": manifest listing");
        if (!listing) return fail(listing.error().message);
        manifest.listing = std::move(listing.value());
        return true;
    }
    bool readPictures(const json& document, Manifest& manifest) {
        size_t photoCount = manifest.listing ? manifest.listing->photos.size() : 0;
        size_t panoramaCount = manifest.listing ? manifest.listing->panoramas.size() : 0;
        const json* photos = member(document, "photos", json::value_t::array, "");
        const json* panoramas = member(document, "panoramas", json::value_t::array, "");
        if (!photos || !panoramas) return false;
        if (photos->size() != photoCount || panoramas->size() != panoramaCount)
            return fail("the picture index does not match the listing's photos and panoramas");
        manifest.photos.resize(photoCount);
        for (size_t i = 0; i < photoCount; ++i) {
            std::string where = "/photos/" + std::to_string(i);
            const json* display = member((*photos)[i], "display", json::value_t::object, where);
            const json* thumbnail = member((*photos)[i], "thumbnail", json::value_t::object, where);
            if (!display || !thumbnail ||
                !readImage(*display, PartKind::Photo, manifest.photos[i].display, where + "/display") ||
                !readImage(*thumbnail, PartKind::PhotoThumbnail, manifest.photos[i].thumbnail, where + "/thumbnail"))
                return false;
        }
        manifest.panoramas.resize(panoramaCount);
        for (size_t i = 0; i < panoramaCount; ++i) {
            std::string where = "/panoramas/" + std::to_string(i);
            const json& entry = (*panoramas)[i];
            if (!entry.is_object()) return fail(where + ": expected an object");
            if (!readCube(entry, manifest.panoramas[i].cube, where) ||
                !readPlace(entry, i, panoramaCount, manifest.panoramas[i].place, where))
                return false;
        }
        auto plan = document.find("floorPlan");
        if (plan != document.end()) {
            if (!plan->is_object()) return fail("/floorPlan: expected an object");
            if (!readImage(*plan, PartKind::FloorPlan, manifest.floorPlan.emplace(), "/floorPlan")) return false;
        }
        auto generated = document.find("generatedPlan");
        if (generated != document.end() && !readGeneratedPlan(*generated, manifest.generatedPlan.emplace())) return false;
        return true;
    }
    bool read(const json& document, Manifest& manifest) {
        const json* tag = member(document, "format", json::value_t::string, "");
        const json* version = member(document, "version", json::value_t::number_unsigned, "");
        if (!tag || !version) return false;
        if (tag->get<std::string>() != kFormatTag || version->get<uint64_t>() != kManifestVersion)
            return fail("not a version " + std::to_string(kManifestVersion) + " tour manifest");
        const json* packer = member(document, "packer", json::value_t::string, "");
        const json* title = member(document, "title", json::value_t::string, "");
        const json* summary = member(document, "scene", json::value_t::object, "");
        if (!packer || !title || !summary || !readSummary(*summary, manifest.scene)) return false;
        manifest.packer = packer->get<std::string>();
        manifest.title = title->get<std::string>();
        return readListing(document, manifest) && readPictures(document, manifest);
    }
};

}  // namespace

uint64_t CubePart::bytes() const {
    return 6 * scene::mipChainBytes(format, faceSize, faceSize, scene::fullMipCount(faceSize, faceSize));
}

uint64_t CubePart::previewBytes() const {
    return 6 * scene::mipChainBytes(format, previewFaceSize, previewFaceSize,
                                    scene::fullMipCount(previewFaceSize, previewFaceSize));
}

std::string_view pixelFormatName(scene::PixelFormat format) {
    switch (format) {
    case scene::PixelFormat::Rgba8: return "rgba8";
    case scene::PixelFormat::Bc7: return "bc7";
    case scene::PixelFormat::Bc5: return "bc5";
    case scene::PixelFormat::Bc4: return "bc4";
    }
    return "unknown";
}

std::vector<uint8_t> encodeManifest(const Manifest& manifest) {
    // nlohmann's default object keeps keys sorted: canonical by construction.
    json document = {{"format", kFormatTag}, {"version", kManifestVersion}, {"packer", manifest.packer},
                     {"title", manifest.title}};
    if (manifest.listing) document["listing"] = json::parse(listing::toJson(*manifest.listing));
    const SceneSummary& scene = manifest.scene;
    document["scene"] = {{"triangles", scene.triangles}, {"meshes", scene.meshes}, {"materials", scene.materials},
                         {"textures", scene.textures}, {"textureBytes", scene.textureBytes},
                         {"walkable", scene.walkable}};
    document["photos"] = json::array();
    for (const PhotoParts& photo : manifest.photos)
        document["photos"].push_back({{"display", imageJson(photo.display)}, {"thumbnail", imageJson(photo.thumbnail)}});
    document["panoramas"] = json::array();
    for (const PanoramaEntry& panorama : manifest.panoramas) document["panoramas"].push_back(panoramaJson(panorama));
    if (manifest.floorPlan) document["floorPlan"] = imageJson(*manifest.floorPlan);
    if (manifest.generatedPlan) {
        json storeys = json::array();
        for (const PlanStorey& storey : manifest.generatedPlan->storeys)
            storeys.push_back({{"origin", {storey.originX, storey.originY}},
                               {"pixelsPerMetre", storey.pixelsPerMetre},
                               {"floorY", storey.floorY},
                               {"bounds", {storey.minX, storey.minZ, storey.maxX, storey.maxZ}}});
        document["generatedPlan"] = {{"image", imageJson(manifest.generatedPlan->image)}, {"storeys", storeys}};
    }
    std::string text = document.dump(1, '\t');
    return {text.begin(), text.end()};
}

Result<Manifest> decodeManifest(const BundleReader& reader) {
    auto bytes = reader.part(kManifestPart, PartKind::Manifest);
    if (!bytes) return bytes.error();
    json document = json::parse(bytes->begin(), bytes->end(), nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded() || !document.is_object())
        return makeError(reader.displayName() + ": manifest.json is not a JSON object");
    Manifest manifest;
    ManifestReader manifestReader{reader, {}};
    if (!manifestReader.read(document, manifest))
        return makeError(reader.displayName() + ": manifest.json" +
                         (manifestReader.problem.starts_with("/") ? "" : ": ") + manifestReader.problem);
    return manifest;
}

}  // namespace oh::bundle
