#include "tools/pack/inspect.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "bundle/bundle_reader.h"
#include "bundle/manifest.h"
#include "bundle/scene_codec.h"
#include "bundle/signing.h"

namespace oh::pack {
namespace {

using nlohmann::json;

std::string megabytes(uint64_t bytes) {
    char text[32];
    if (bytes < 1000 * 1000) std::snprintf(text, sizeof text, "%.1f kB", double(bytes) / 1e3);
    else std::snprintf(text, sizeof text, "%.1f MB", double(bytes) / 1e6);
    return text;
}

std::string signerText(const bundle::BundleReader& reader) {
    return reader.signer() ? "signed by key " + bundle::keyFingerprint(*reader.signer()) : std::string("unsigned");
}

std::string listingLine(const listing::Listing& listing) {
    char line[512];
    std::snprintf(line, sizeof line, "%s, %s %s%s — %.0f %s, %.1f m², %d rooms%s", listing.address.street.c_str(),
                  listing.address.postalCode.c_str(), listing.address.city.c_str(),
                  listing.address.district ? (" (" + *listing.address.district + ")").c_str() : "",
                  listing.price.asking, listing.price.currency.c_str(), listing.area.living, listing.rooms.count,
                  listing.rooms.notation ? (" (" + *listing.rooms.notation + ")").c_str() : "");
    return line;
}

// "300", "68.25", "-1.6": at most two decimals, as the manifest holds derived angles.
std::string decimal(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    std::string out = text;
    out.erase(out.find_last_not_of('0') + 1);
    if (out.back() == '.') out.pop_back();
    return out == "-0" ? "0" : out;
}

// One line per panorama (where it is, whether the viewer can go back to the
// model from it) and one per hotspot, by the listing's names.
std::string panoramaLines(const bundle::Manifest& manifest) {
    const std::vector<listing::Panorama>& named = manifest.listing->panoramas;
    std::string text;
    for (size_t i = 0; i < manifest.panoramas.size(); ++i) {
        const bundle::PanoramaPlace& place = manifest.panoramas[i].place;
        text += "  " + std::to_string(i) + " " + named[i].name + ":";
        if (place.position)
            text += " at (" + decimal((*place.position)[0]) + ", " + decimal((*place.position)[1]) + ", " +
                    decimal((*place.position)[2]) + "),";
        if (place.heading) text += " heading " + decimal(*place.heading) + "°,";
        text += place.inModel ? " in the model," : " not in the model,";
        text += place.links.empty() ? " no hotspots\n"
                                    : " " + std::to_string(place.links.size()) +
                                          (place.links.size() == 1 ? " hotspot\n" : " hotspots\n");
        for (const bundle::PanoramaLink& link : place.links)
            text += "      -> " + std::to_string(link.target) + " " + named[link.target].name + " (heading " +
                    decimal(link.heading) + "°, pitch " + decimal(link.pitch) + "°)\n";
    }
    return text;
}

std::string textSummary(const bundle::BundleReader& reader, const bundle::Manifest& manifest) {
    std::string text = reader.displayName() + ": OpenHouse tour, format " + std::to_string(reader.formatVersion()) +
                       ", " + megabytes(reader.fileSize()) + ", " + signerText(reader) + "\n";
    text += "packed by   " + manifest.packer + "\n";
    if (manifest.listing) text += "listing     " + listingLine(*manifest.listing) + "\n";
    else text += "listing     none (a bare model: " + manifest.title + ")\n";
    const bundle::SceneSummary& scene = manifest.scene;
    text += "scene       " + std::to_string(scene.triangles) + " triangles, " + std::to_string(scene.meshes) +
            " meshes, " + std::to_string(scene.materials) + " materials, " + std::to_string(scene.textures) +
            " textures (" + megabytes(scene.textureBytes) + ")" + (scene.walkable ? ", walkable" : ", not walkable") +
            "\n";
    if (manifest.listing) {
        text += "spots       " + std::to_string(manifest.listing->spots.size()) + "\n";
        text += "photos      " + std::to_string(manifest.photos.size());
        if (!manifest.photos.empty())
            text += " (display up to " + std::to_string(manifest.photos[0].display.width) + " px, thumbnails " +
                    std::to_string(manifest.photos[0].thumbnail.width) + " px)";
        text += "\npanoramas   " + std::to_string(manifest.panoramas.size());
        if (!manifest.panoramas.empty())
            text += " (cube faces " + std::to_string(manifest.panoramas[0].cube.faceSize) + " px, preview " +
                    std::to_string(manifest.panoramas[0].cube.previewFaceSize) + " px)";
        text += "\n" + panoramaLines(manifest);
        text += std::string("floor plan  ") + (manifest.floorPlan ? "the listing's" : "none of the listing's");
    }
    if (manifest.generatedPlan) {
        const bundle::GeneratedPlan& plan = *manifest.generatedPlan;
        text += std::string(manifest.listing ? "; " : "floor plan  ") + "drawn from the model, " +
                std::to_string(plan.image.width) + "x" + std::to_string(plan.image.height) + " px, " +
                std::to_string(plan.storeys.size()) + (plan.storeys.size() == 1 ? " storey" : " storeys");
    }
    if (manifest.listing || manifest.generatedPlan) text += "\n";
    text += "parts       " + std::to_string(reader.partCount()) + "\n";
    for (size_t i = 0; i < reader.partCount(); ++i) {
        bundle::PartInfo info = reader.partInfo(i);
        char line[256];
        std::snprintf(line, sizeof line, "  %-24s %-16s %10s  blake2b %.16s…\n", std::string(info.name).c_str(),
                      std::string(bundle::partKindName(info.kind)).c_str(), megabytes(info.size).c_str(),
                      bundle::hashHex(*info.hash).c_str());
        text += line;
    }
    return text;
}

// Each panorama's hotspots by name, for readers of --json who want them
// without joining the manifest's indices with its listing.
json hotspotsJson(const bundle::Manifest& manifest) {
    json out = json::array();
    for (size_t i = 0; i < manifest.panoramas.size(); ++i) {
        json links = json::array();
        for (const bundle::PanoramaLink& link : manifest.panoramas[i].place.links)
            links.push_back({{"to", manifest.listing->panoramas[link.target].name}, {"index", link.target},
                             {"heading", link.heading}, {"pitch", link.pitch}});
        out.push_back({{"panorama", manifest.listing->panoramas[i].name}, {"index", i},
                       {"inModel", manifest.panoramas[i].place.inModel}, {"links", std::move(links)}});
    }
    return out;
}

std::string jsonSummary(const bundle::BundleReader& reader, const bundle::Manifest& manifest,
                        std::span<const uint8_t> manifestBytes) {
    json document;
    document["file"] = reader.displayName();
    document["formatVersion"] = reader.formatVersion();
    document["bytes"] = reader.fileSize();
    document["signer"] = reader.signer() ? json(bundle::keyFingerprint(*reader.signer())) : json(nullptr);
    document["manifest"] = json::parse(manifestBytes.begin(), manifestBytes.end());
    document["hotspots"] = hotspotsJson(manifest);
    document["parts"] = json::array();
    for (size_t i = 0; i < reader.partCount(); ++i) {
        bundle::PartInfo info = reader.partInfo(i);
        document["parts"].push_back({{"name", info.name}, {"kind", bundle::partKindName(info.kind)},
                                     {"offset", info.offset}, {"bytes", info.size}, {"blake2b", bundle::hashHex(*info.hash)}});
    }
    return document.dump(2) + "\n";
}

}  // namespace

Result<std::string> inspectBundle(const std::filesystem::path& path, bool asJson) {
    auto reader = bundle::BundleReader::open(path);
    if (!reader) return reader.error();
    auto manifest = bundle::decodeManifest(*reader);
    if (!manifest) return manifest.error();
    if (!asJson) return textSummary(*reader, *manifest);
    // decodeManifest checked the part's hash and its JSON already.
    return jsonSummary(*reader, *manifest, reader->part(bundle::kManifestPart, bundle::PartKind::Manifest).value());
}

Result<std::string> verifyBundle(const std::filesystem::path& path, const std::vector<std::filesystem::path>& trustedKeys) {
    bundle::OpenOptions options;
    for (const auto& keyFile : trustedKeys) {
        auto key = bundle::readPublicKey(keyFile);
        if (!key) return key.error();
        options.trustedKeys.push_back(*key);
    }
    auto reader = bundle::BundleReader::open(path, options);
    if (!reader) return reader.error();
    OH_TRY(reader->verifyAllParts());
    auto manifest = bundle::decodeManifest(*reader);
    if (!manifest) return manifest.error();
    auto scene = bundle::decodeScene(*reader);
    if (!scene) return scene.error();
    std::string line = reader->displayName() + ": OK, " + std::to_string(reader->partCount()) +
                       " parts, every hash matches, " + signerText(*reader);
    if (reader->signer()) line += trustedKeys.empty() ? " (signature valid; no key given to trust)" : " (trusted)";
    return line;
}

}  // namespace oh::pack
