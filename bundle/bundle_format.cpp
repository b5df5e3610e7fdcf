#include "bundle/bundle_format.h"

namespace oh::bundle {

bool isValidPartName(std::string_view name) {
    if (name.empty() || name.size() > kMaxPartName || name.front() == '/' || name.back() == '/') return false;
    size_t segmentStart = 0;
    for (size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == '/') {
            std::string_view segment = name.substr(segmentStart, i - segmentStart);
            if (segment.empty() || segment.find_first_not_of('.') == std::string_view::npos) return false;
            segmentStart = i + 1;
            continue;
        }
        char c = name[i];
        bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!allowed) return false;
    }
    return true;
}

std::string_view partKindName(PartKind kind) {
    switch (kind) {
    case PartKind::Manifest: return "manifest";
    case PartKind::SceneStructure: return "scene structure";
    case PartKind::SceneGeometry: return "scene geometry";
    case PartKind::SceneTexture: return "texture";
    case PartKind::Collision: return "collision";
    case PartKind::Photo: return "photo";
    case PartKind::PhotoThumbnail: return "photo thumbnail";
    case PartKind::Panorama: return "panorama";
    case PartKind::FloorPlan: return "floor plan";
    case PartKind::PanoramaPreview: return "panorama preview";
    case PartKind::GeneratedPlan: return "generated floor plan";
    }
    return "unknown";
}

}  // namespace oh::bundle
