#include "tools/scene_generator/apartment.h"

#include <cmath>
#include <cstdio>

#include <glm/gtc/matrix_transform.hpp>

#include "tools/scene_generator/furniture.h"
#include "tools/scene_generator/mesh_builder.h"
#include "tools/scene_generator/openings.h"
#include "tools/scene_generator/polygon.h"
#include "tools/scene_generator/walls.h"

namespace oh::scenegen {

uint32_t modelMaterial(Model& model, const Plan& plan, const std::string& name) {
    for (uint32_t i = 0; i < model.materials.size(); ++i)
        if (model.materials[i].name == name) return i;
    const MaterialDef* def = plan.findMaterial(name);  // the plan reader checked every reference
    model.materials.push_back(*def);
    return uint32_t(model.materials.size() - 1);
}

namespace {

std::string key(const char* kind, std::initializer_list<float> numbers, const std::string& extra = {}) {
    std::string text = kind;
    char buffer[32];
    for (float n : numbers) {
        std::snprintf(buffer, sizeof buffer, "|%.4f", n);
        text += buffer;
    }
    return text + "|" + extra;
}

// A mesh from `cache` or, the first time, built by `make`.
template <typename Make>
uint32_t cachedMesh(Model& model, MeshCache& cache, const std::string& cacheKey, const std::string& name, Make make) {
    auto it = cache.find(cacheKey);
    if (it != cache.end()) return it->second;
    MeshBuilder builder;
    make(builder);
    uint32_t index = model.addMesh(builder.finish(name));
    cache[cacheKey] = index;
    return index;
}

glm::quat yaw(float radians) { return glm::angleAxis(radians, glm::vec3(0.0f, 1.0f, 0.0f)); }

// Unique names among siblings: "chair", "chair 2", ...
std::string uniqueName(std::map<std::string, int>& used, const std::string& base) {
    int n = ++used[base];
    return n == 1 ? base : base + " " + std::to_string(n);
}

}  // namespace

Result<uint32_t> buildApartment(const Plan& plan, Model& model, MeshCache& cache, const std::string& rootName,
                                const ApartmentOptions& options) {
    std::vector<uint32_t> children;
    std::map<std::string, int> names;
    const std::string variant = plan.name;  // meshes with plan materials differ per plan variant

    // Floors and ceilings: the room polygons (to the wall centre lines; walls hide the rest).
    for (const Room& room : plan.rooms) {
        std::vector<uint32_t> triangles = triangulate(room.polygon);
        std::vector<glm::vec3> floor, ceiling, roof;
        std::vector<glm::vec2> uvs;
        float h = plan.wallHeight, slab = plan.wallHeight + plan.slabThickness;
        for (glm::vec2 p : room.polygon) {
            floor.push_back({p.x, 0.0f, p.y});
            ceiling.push_back({p.x, h, p.y});
            roof.push_back({p.x, slab, p.y});
            uvs.push_back(p);
        }
        uint32_t floorMesh = cachedMesh(model, cache, "floor|" + variant + "|" + room.name, "Floor/" + room.name, [&](MeshBuilder& b) {
            b.flat(modelMaterial(model, plan, room.floor), floor, uvs, triangles, {0, 1, 0});
        });
        uint32_t ceilingMesh = cachedMesh(model, cache, "ceiling|" + variant + "|" + room.name, "Ceiling/" + room.name, [&](MeshBuilder& b) {
            b.flat(modelMaterial(model, plan, room.ceiling), ceiling, uvs, triangles, {0, -1, 0});
            b.flat(modelMaterial(model, plan, plan.facadeMaterial), roof, uvs, triangles, {0, 1, 0});
        });
        children.push_back(model.addNode({.name = "Floor/" + room.name, .mesh = floorMesh}));
        children.push_back(model.addNode({.name = "Ceiling/" + room.name, .mesh = ceilingMesh}));
    }

    // Walls, then what fills their openings.
    WallMaterials wallMaterials;
    wallMaterials.facade = modelMaterial(model, plan, plan.facadeMaterial);
    wallMaterials.skirting = modelMaterial(model, plan, plan.skirtingMaterial);
    for (const Room& room : plan.rooms) wallMaterials.roomWalls.push_back(modelMaterial(model, plan, room.walls));
    uint32_t doorFrame = modelMaterial(model, plan, plan.doorFrameMaterial);
    uint32_t windowFrame = modelMaterial(model, plan, plan.windowFrameMaterial);
    uint32_t glass = modelMaterial(model, plan, plan.glassMaterial);
    for (size_t w = 0; w < plan.walls.size(); ++w) {
        const Wall& wall = plan.walls[w];
        auto layout = layoutWall(plan, w);
        if (!layout) return layout.error();
        uint32_t wallMesh = cachedMesh(model, cache, "wall|" + variant + "|" + wall.name, "Wall/" + wall.name,
                                       [&](MeshBuilder& b) { buildWall(plan, wall, *layout, wallMaterials, b); });
        children.push_back(model.addNode({.name = "Wall/" + wall.name, .mesh = wallMesh}));
        int doors = 0, windows = 0;
        for (const WallPiece& piece : layout->pieces)
            for (const Opening& o : piece.openings) {
                glm::vec2 at = layout->origin + layout->direction * o.at;
                Node node;
                node.translation = {at.x, 0.0f, at.y};
                node.rotation = glm::quat_cast(glm::mat3(wallFrame(*layout)));
                if (o.kind == Opening::Kind::Door) {
                    node.name = "Door/" + wall.name + "/" + std::to_string(++doors);
                    node.mesh = cachedMesh(model, cache, key("door", {o.width, o.height, wall.thickness}, plan.doorFrameMaterial),
                                           "Door frame", [&](MeshBuilder& b) { buildDoorFrame(o, wall.thickness, doorFrame, b); });
                } else {
                    float inside = piece.room[0].empty() ? -1.0f : 1.0f;
                    node.name = "Window/" + wall.name + "/" + std::to_string(++windows);
                    node.mesh = cachedMesh(model, cache,
                                           key("window", {o.width, o.height, o.sill, wall.thickness, inside},
                                               plan.windowFrameMaterial + plan.glassMaterial + plan.skirtingMaterial),
                                           "Window", [&](MeshBuilder& b) {
                                               buildWindow(o, wall.thickness, inside, windowFrame, glass,
                                                           wallMaterials.skirting, b);
                                           });
                }
                children.push_back(model.addNode(std::move(node)));
            }
    }

    // Furniture and lamps.
    for (const Furniture& f : plan.furniture) {
        const FurnitureType* type = findFurnitureType(f.type);
        FurnitureContext context;
        context.size = f.size;
        context.options = f.options;
        context.ceilingHeight = plan.wallHeight;
        std::string materialKey;
        for (const auto& [role, material] : f.materials) {
            context.materials[role] = modelMaterial(model, plan, material);
            materialKey += role + "=" + material + ";";
        }
        for (const auto& [name, value] : f.options) materialKey += name + "=" + std::to_string(value) + ";";
        uint32_t mesh = cachedMesh(model, cache, key(f.type.c_str(), {f.size.x, f.size.y, f.size.z}, materialKey), f.type,
                                   [&](MeshBuilder& b) { type->build(context, b); });
        std::string base = type->isLamp ? "Lamp/" + f.room : "Furniture/" + f.room + "/" + f.type;
        Node node;
        node.name = uniqueName(names, base);
        node.translation = {f.position.x, 0.0f, f.position.y};
        node.rotation = yaw(glm::radians(f.rotationDegrees));
        node.mesh = mesh;
        if (type->isLamp && options.lamps && f.intensity > 0.0f) {
            Light light;
            light.name = node.name;
            light.type = Light::Type::Point;
            light.color = f.lightColor;
            light.intensity = f.intensity;
            // Lights have no shadows yet: a range keeps a lamp from lighting
            // the rooms behind its walls too much.
            light.range = 7.0f;
            model.lights.push_back(light);
            Node bulb;
            bulb.name = node.name + "/bulb";
            bulb.translation = type->lightPosition(context);
            bulb.light = uint32_t(model.lights.size() - 1);
            node.children.push_back(model.addNode(std::move(bulb)));
        }
        children.push_back(model.addNode(std::move(node)));
    }

    Node root;
    root.name = rootName;
    root.children = std::move(children);
    return model.addNode(std::move(root));
}

void addSun(const Plan& plan, Model& model) {
    if (plan.sun.intensity <= 0.0f) return;
    Light sun;
    sun.name = "Sun";
    sun.type = Light::Type::Directional;
    sun.color = plan.sun.color;
    sun.intensity = plan.sun.intensity;
    model.lights.push_back(sun);
    // glTF lights shine down their node's -Z.
    glm::vec3 forward = plan.sun.direction;
    glm::vec3 up = std::abs(forward.y) > 0.99f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    glm::mat4 view = glm::lookAt(glm::vec3(0.0f), forward, up);
    Node node;
    node.name = "Sun";
    node.rotation = glm::quat_cast(glm::inverse(glm::mat3(view)));
    node.light = uint32_t(model.lights.size() - 1);
    model.roots.push_back(model.addNode(std::move(node)));
}

Result<Model> buildApartmentScene(const Plan& plan) {
    Model model;
    model.name = plan.name;
    MeshCache cache;
    auto root = buildApartment(plan, model, cache, "Apartment");
    if (!root) return root.error();
    model.roots.push_back(*root);
    addSun(plan, model);
    return model;
}

uint64_t Model::triangleCount() const {
    // Walk from the roots so a mesh counts once per node that references it.
    uint64_t total = 0;
    std::vector<uint32_t> stack(roots.begin(), roots.end());
    while (!stack.empty()) {
        const Node& node = nodes[stack.back()];
        stack.pop_back();
        if (node.mesh != kNone)
            for (const Primitive& p : meshes[node.mesh].primitives) total += p.indices.size() / 3;
        stack.insert(stack.end(), node.children.begin(), node.children.end());
    }
    return total;
}

}  // namespace oh::scenegen
