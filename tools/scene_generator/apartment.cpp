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

// One apartment being built: where its meshes go and the nodes under its root so far.
struct ApartmentBuild {
    const Plan& plan;
    Model& model;
    MeshCache& cache;
    const std::string variant;  // meshes with plan materials differ per plan variant
    std::vector<uint32_t> children;
    std::map<std::string, int> names;

    uint32_t material(const std::string& name) { return modelMaterial(model, plan, name); }
    template <typename Make>
    uint32_t mesh(const std::string& cacheKey, const std::string& name, Make make) {
        return cachedMesh(model, cache, cacheKey, name, make);
    }
    void addChild(Node node) { children.push_back(model.addNode(std::move(node))); }
};

// Floors and ceilings: the room polygons (to the wall centre lines; walls hide the rest).
void addFloorAndCeiling(ApartmentBuild& build, const Room& room) {
    const Plan& plan = build.plan;
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
    uint32_t floorMesh = build.mesh("floor|" + build.variant + "|" + room.name, "Floor/" + room.name,
                                    [&](MeshBuilder& b) {
                                        b.flat(build.material(room.floor), floor, uvs, triangles, {0, 1, 0});
                                    });
    uint32_t ceilingMesh = build.mesh("ceiling|" + build.variant + "|" + room.name, "Ceiling/" + room.name,
                                      [&](MeshBuilder& b) {
                                          b.flat(build.material(room.ceiling), ceiling, uvs, triangles, {0, -1, 0});
                                          b.flat(build.material(plan.facadeMaterial), roof, uvs, triangles, {0, 1, 0});
                                      });
    build.addChild({.name = "Floor/" + room.name, .mesh = floorMesh});
    build.addChild({.name = "Ceiling/" + room.name, .mesh = ceilingMesh});
}

// The walls' materials and those of what fills their openings.
struct WallPartMaterials {
    WallMaterials walls;
    uint32_t doorFrame = 0, windowFrame = 0, glass = 0;
};

WallPartMaterials wallPartMaterials(ApartmentBuild& build) {
    const Plan& plan = build.plan;
    WallPartMaterials materials;
    materials.walls.facade = build.material(plan.facadeMaterial);
    materials.walls.skirting = build.material(plan.skirtingMaterial);
    for (const Room& room : plan.rooms) materials.walls.roomWalls.push_back(build.material(room.walls));
    materials.doorFrame = build.material(plan.doorFrameMaterial);
    materials.windowFrame = build.material(plan.windowFrameMaterial);
    materials.glass = build.material(plan.glassMaterial);
    return materials;
}

// One wall whose openings are being filled, numbering its doors and windows.
struct WallOpenings {
    const Wall& wall;
    const WallLayout& layout;
    const WallPartMaterials& materials;
    int doors = 0, windows = 0;
};

// The door or window filling opening `o` of `piece`.
Node openingNode(ApartmentBuild& build, WallOpenings& openings, const WallPiece& piece, const Opening& o) {
    const Plan& plan = build.plan;
    const Wall& wall = openings.wall;
    const WallPartMaterials& materials = openings.materials;
    glm::vec2 at = openings.layout.origin + openings.layout.direction * o.at;
    Node node;
    node.translation = {at.x, 0.0f, at.y};
    node.rotation = glm::quat_cast(glm::mat3(wallFrame(openings.layout)));
    if (o.kind == Opening::Kind::Door) {
        node.name = "Door/" + wall.name + "/" + std::to_string(++openings.doors);
        node.mesh = build.mesh(key("door", {o.width, o.height, wall.thickness}, plan.doorFrameMaterial), "Door frame",
                               [&](MeshBuilder& b) { buildDoorFrame(o, wall.thickness, materials.doorFrame, b); });
    } else {
        float inside = piece.room[0].empty() ? -1.0f : 1.0f;
        node.name = "Window/" + wall.name + "/" + std::to_string(++openings.windows);
        node.mesh = build.mesh(key("window", {o.width, o.height, o.sill, wall.thickness, inside},
                                   plan.windowFrameMaterial + plan.glassMaterial + plan.skirtingMaterial),
                               "Window", [&](MeshBuilder& b) {
                                   buildWindow(o, wall.thickness, inside, materials.windowFrame, materials.glass,
                                               materials.walls.skirting, b);
                               });
    }
    return node;
}

// A wall, then what fills its openings.
Status addWall(ApartmentBuild& build, size_t w, const WallPartMaterials& materials) {
    const Wall& wall = build.plan.walls[w];
    auto layout = layoutWall(build.plan, w);
    if (!layout) return layout.error();
    uint32_t wallMesh = build.mesh("wall|" + build.variant + "|" + wall.name, "Wall/" + wall.name,
                                   [&](MeshBuilder& b) { buildWall(build.plan, wall, *layout, materials.walls, b); });
    build.addChild({.name = "Wall/" + wall.name, .mesh = wallMesh});
    WallOpenings openings{wall, *layout, materials};
    for (const WallPiece& piece : layout->pieces)
        for (const Opening& o : piece.openings) build.addChild(openingNode(build, openings, piece, o));
    return ok();
}

// The lamp's point light, on a child node at the bulb.
void addLampLight(ApartmentBuild& build, const Furniture& f, const FurnitureType& type,
                  const FurnitureContext& context, Node& lamp) {
    Light light;
    light.name = lamp.name;
    light.type = Light::Type::Point;
    light.color = f.lightColor;
    light.intensity = f.intensity;
    // Lights have no shadows yet: a range keeps a lamp from lighting
    // the rooms behind its walls too much.
    light.range = 7.0f;
    build.model.lights.push_back(light);
    Node bulb;
    bulb.name = lamp.name + "/bulb";
    bulb.translation = type.lightPosition(context);
    bulb.light = uint32_t(build.model.lights.size() - 1);
    lamp.children.push_back(build.model.addNode(std::move(bulb)));
}

// A piece of furniture or a lamp (with its light unless `options` leave lamps out).
void addFurniture(ApartmentBuild& build, const Furniture& f, const ApartmentOptions& options) {
    const FurnitureType* type = findFurnitureType(f.type);
    FurnitureContext context;
    context.size = f.size;
    context.options = f.options;
    context.ceilingHeight = build.plan.wallHeight;
    std::string materialKey;
    for (const auto& [role, material] : f.materials) {
        context.materials[role] = build.material(material);
        materialKey += role + "=" + material + ";";
    }
    for (const auto& [name, value] : f.options) materialKey += name + "=" + std::to_string(value) + ";";
    uint32_t mesh = build.mesh(key(f.type.c_str(), {f.size.x, f.size.y, f.size.z}, materialKey), f.type,
                               [&](MeshBuilder& b) { type->build(context, b); });
    std::string base = type->isLamp ? "Lamp/" + f.room : "Furniture/" + f.room + "/" + f.type;
    Node node;
    node.name = uniqueName(build.names, base);
    node.translation = {f.position.x, 0.0f, f.position.y};
    node.rotation = yaw(glm::radians(f.rotationDegrees));
    node.mesh = mesh;
    if (type->isLamp && options.lamps && f.intensity > 0.0f) addLampLight(build, f, *type, context, node);
    build.addChild(std::move(node));
}

}  // namespace

Result<uint32_t> buildApartment(const Plan& plan, Model& model, MeshCache& cache, const std::string& rootName,
                                const ApartmentOptions& options) {
    ApartmentBuild build{plan, model, cache, plan.name, {}, {}};
    for (const Room& room : plan.rooms) addFloorAndCeiling(build, room);
    WallPartMaterials materials = wallPartMaterials(build);
    for (size_t w = 0; w < plan.walls.size(); ++w) OH_TRY(addWall(build, w, materials));
    for (const Furniture& f : plan.furniture) addFurniture(build, f, options);

    Node root;
    root.name = rootName;
    root.children = std::move(build.children);
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
