#include "tools/scene_generator/gltf_write.h"

#include <cstring>
#include <future>
#include <map>

#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "tools/scene_generator/textures.h"

namespace oh::scenegen {

namespace {

using nlohmann::json;

// glTF component types and buffer view targets (glTF 2.0 §5.1.2, §5.11).
constexpr int kFloat = 5126, kUnsignedShort = 5123, kUnsignedInt = 5125;
constexpr int kArrayBuffer = 34962, kElementArrayBuffer = 34963;

class Writer {
public:
    json doc;
    std::vector<uint8_t> bin;

    // Appends bytes (4-byte aligned, as accessors need) and returns a buffer view.
    int view(const void* data, size_t size, int target) {
        while (bin.size() % 4) bin.push_back(0);
        json v = {{"buffer", 0}, {"byteOffset", bin.size()}, {"byteLength", size}};
        if (target) v["target"] = target;
        bin.insert(bin.end(), static_cast<const uint8_t*>(data), static_cast<const uint8_t*>(data) + size);
        doc["bufferViews"].push_back(v);
        return int(doc["bufferViews"].size() - 1);
    }

    int accessor(int bufferView, int componentType, size_t count, const char* type) {
        doc["accessors"].push_back(
            {{"bufferView", bufferView}, {"componentType", componentType}, {"count", count}, {"type", type}});
        return int(doc["accessors"].size() - 1);
    }

    json primitive(const Primitive& p) {
        std::vector<glm::vec3> positions, normals;
        std::vector<glm::vec4> tangents;
        std::vector<glm::vec2> uvs;
        glm::vec3 min(std::numeric_limits<float>::max()), max(std::numeric_limits<float>::lowest());
        for (const Vertex& v : p.vertices) {
            positions.push_back(v.position);
            normals.push_back(v.normal);
            tangents.push_back(v.tangent);
            uvs.push_back(v.uv);
            min = glm::min(min, v.position);
            max = glm::max(max, v.position);
        }
        size_t n = p.vertices.size();
        int position = accessor(view(positions.data(), n * 12, kArrayBuffer), kFloat, n, "VEC3");
        doc["accessors"][position]["min"] = {min.x, min.y, min.z};
        doc["accessors"][position]["max"] = {max.x, max.y, max.z};
        json attributes = {
            {"POSITION", position},
            {"NORMAL", accessor(view(normals.data(), n * 12, kArrayBuffer), kFloat, n, "VEC3")},
            {"TANGENT", accessor(view(tangents.data(), n * 16, kArrayBuffer), kFloat, n, "VEC4")},
            {"TEXCOORD_0", accessor(view(uvs.data(), n * 8, kArrayBuffer), kFloat, n, "VEC2")},
        };
        int indices;
        if (n <= 65535) {  // 16-bit indices where they fit: half the index memory
            std::vector<uint16_t> small(p.indices.begin(), p.indices.end());
            indices = accessor(view(small.data(), small.size() * 2, kElementArrayBuffer), kUnsignedShort, small.size(),
                               "SCALAR");
        } else {
            indices = accessor(view(p.indices.data(), p.indices.size() * 4, kElementArrayBuffer), kUnsignedInt,
                               p.indices.size(), "SCALAR");
        }
        return {{"attributes", attributes}, {"indices", indices}, {"material", p.material}, {"mode", 4}};
    }
};

json textureInfo(int texture, float tileMetres) {
    float scale = 1.0f / tileMetres;
    return {{"index", texture}, {"extensions", {{"KHR_texture_transform", {{"scale", {scale, scale}}}}}}};
}

// Index of each pattern's first texture: base colour; normal +1, metallic-roughness +2.
using PatternTextures = std::map<Pattern, int>;

std::vector<Pattern> patternsInUse(const Model& model) {
    std::vector<Pattern> patterns;
    for (const MaterialDef& m : model.materials)
        if (m.pattern != Pattern::Plain && std::find(patterns.begin(), patterns.end(), m.pattern) == patterns.end())
            patterns.push_back(m.pattern);
    std::sort(patterns.begin(), patterns.end());
    return patterns;
}

// Textures: one set per pattern in use, shared by every material using it.
PatternTextures addTextures(Writer& w, const Model& model) {
    json& doc = w.doc;
    std::vector<Pattern> patterns = patternsInUse(model);
    std::vector<std::future<TextureSet>> pending;
    for (Pattern pattern : patterns) pending.push_back(std::async(std::launch::async, makeTextureSet, pattern));
    PatternTextures firstTexture;
    doc["samplers"] = json::array({{{"magFilter", 9729}, {"minFilter", 9987}, {"wrapS", 10497}, {"wrapT", 10497}}});
    for (size_t i = 0; i < patterns.size(); ++i) {
        TextureSet set = pending[i].get();
        firstTexture[patterns[i]] = int(doc["textures"].size());
        for (const std::vector<uint8_t>* png : {&set.baseColorPng, &set.normalPng, &set.metallicRoughnessPng}) {
            int bufferView = w.view(png->data(), png->size(), 0);
            doc["images"].push_back({{"bufferView", bufferView}, {"mimeType", "image/png"}});
            doc["textures"].push_back({{"sampler", 0}, {"source", doc["images"].size() - 1}});
        }
    }
    return firstTexture;
}

// Sets `emissiveStrength` when the material needs KHR_materials_emissive_strength.
json materialJson(const MaterialDef& m, const PatternTextures& firstTexture, bool& emissiveStrength) {
    json pbr = {{"baseColorFactor", {m.color.r, m.color.g, m.color.b, m.opacity}},
                {"metallicFactor", m.metallic},
                {"roughnessFactor", m.roughness}};
    json material = {{"name", m.name}};
    if (m.pattern != Pattern::Plain) {
        int t = firstTexture.at(m.pattern);
        pbr["baseColorTexture"] = textureInfo(t, m.tileMetres);
        pbr["metallicRoughnessTexture"] = textureInfo(t + 2, m.tileMetres);
        material["normalTexture"] = textureInfo(t + 1, m.tileMetres);
    }
    material["pbrMetallicRoughness"] = pbr;
    if (m.opacity < 1.0f) {
        material["alphaMode"] = "BLEND";
        material["doubleSided"] = true;
    }
    if (m.emissive > 0.0f) {
        material["emissiveFactor"] = {m.color.r, m.color.g, m.color.b};
        if (m.emissive != 1.0f) {
            material["extensions"]["KHR_materials_emissive_strength"] = {{"emissiveStrength", m.emissive}};
            emissiveStrength = true;
        }
    }
    return material;
}

void addMaterials(json& doc, const Model& model, const PatternTextures& firstTexture,
                  std::vector<std::string>& extensions) {
    bool emissiveStrength = false;
    for (const MaterialDef& m : model.materials)
        doc["materials"].push_back(materialJson(m, firstTexture, emissiveStrength));
    if (emissiveStrength) extensions.push_back("KHR_materials_emissive_strength");
}

void addMeshes(Writer& w, const Model& model) {
    for (const Mesh& mesh : model.meshes) {
        json primitives = json::array();
        for (const Primitive& p : mesh.primitives) primitives.push_back(w.primitive(p));
        w.doc["meshes"].push_back({{"name", mesh.name}, {"primitives", primitives}});
    }
}

json nodeJson(const Node& node) {
    json n = {{"name", node.name}};
    if (node.translation != glm::vec3(0.0f))
        n["translation"] = {node.translation.x, node.translation.y, node.translation.z};
    if (node.rotation != glm::quat(1.0f, 0.0f, 0.0f, 0.0f))
        n["rotation"] = {node.rotation.x, node.rotation.y, node.rotation.z, node.rotation.w};
    if (node.scale != glm::vec3(1.0f)) n["scale"] = {node.scale.x, node.scale.y, node.scale.z};
    if (node.mesh != kNone) n["mesh"] = node.mesh;
    if (!node.children.empty()) n["children"] = node.children;
    if (node.light != kNone) n["extensions"]["KHR_lights_punctual"] = {{"light", node.light}};
    return n;
}

void addNodesAndScene(json& doc, const Model& model) {
    for (const Node& node : model.nodes) doc["nodes"].push_back(nodeJson(node));
    doc["scenes"] = json::array({{{"name", model.name}, {"nodes", model.roots}}});
    doc["scene"] = 0;
}

json lightJson(const Light& light) {
    json l = {{"name", light.name}, {"color", {light.color.r, light.color.g, light.color.b}},
              {"intensity", light.intensity}};
    l["type"] = light.type == Light::Type::Directional ? "directional"
                : light.type == Light::Type::Point     ? "point"
                                                       : "spot";
    if (light.range > 0.0f) l["range"] = light.range;
    if (light.type == Light::Type::Spot) l["spot"] = {{"outerConeAngle", light.outerConeRadians}};
    return l;
}

void addLights(json& doc, const Model& model, std::vector<std::string>& extensions) {
    if (model.lights.empty()) return;
    json lights = json::array();
    for (const Light& light : model.lights) lights.push_back(lightJson(light));
    doc["extensions"]["KHR_lights_punctual"] = {{"lights", lights}};
    extensions.push_back("KHR_lights_punctual");
}

// GLB container (glTF 2.0 §4.4): header, JSON chunk padded with spaces, BIN chunk.
std::vector<uint8_t> glbContainer(const json& doc, const std::vector<uint8_t>& bin) {
    std::string text = doc.dump();
    while (text.size() % 4) text.push_back(' ');
    std::vector<uint8_t> glb;
    auto u32 = [&](uint32_t v) {
        uint8_t bytes[4];
        std::memcpy(bytes, &v, 4);  // GLB is little-endian, as is every platform we build on
        glb.insert(glb.end(), bytes, bytes + 4);
    };
    u32(0x46546C67);  // "glTF"
    u32(2);
    u32(uint32_t(12 + 8 + text.size() + 8 + bin.size()));
    u32(uint32_t(text.size()));
    u32(0x4E4F534A);  // "JSON"
    glb.insert(glb.end(), text.begin(), text.end());
    u32(uint32_t(bin.size()));
    u32(0x004E4942);  // "BIN\0"
    glb.insert(glb.end(), bin.begin(), bin.end());
    return glb;
}

}  // namespace

std::vector<uint8_t> encodeGlb(const Model& model) {
    Writer w;
    json& doc = w.doc;
    doc["asset"] = {{"version", "2.0"}, {"generator", "openhouse-scene"}};
    doc["bufferViews"] = json::array();
    doc["accessors"] = json::array();
    std::vector<std::string> extensions = {"KHR_texture_transform"};

    PatternTextures firstTexture = addTextures(w, model);
    addMaterials(doc, model, firstTexture, extensions);
    addMeshes(w, model);
    addNodesAndScene(doc, model);
    addLights(doc, model, extensions);
    std::sort(extensions.begin(), extensions.end());
    doc["extensionsUsed"] = extensions;

    while (w.bin.size() % 4) w.bin.push_back(0);
    doc["buffers"] = json::array({{{"byteLength", w.bin.size()}}});
    return glbContainer(doc, w.bin);
}

Status writeGlb(const Model& model, const std::filesystem::path& path) {
    std::vector<uint8_t> glb = encodeGlb(model);
    return writeFileAtomic(path, glb);
}

}  // namespace oh::scenegen
