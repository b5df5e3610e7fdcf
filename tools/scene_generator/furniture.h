// Furniture types: what a plan may place, their default sizes, the material
// roles each one has, and how each is built from boxes, cylinders and rounded
// boxes. Local frame: origin at the footprint's centre on the floor, width
// along +X, height +Y, the front facing +Z.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tools/scene_generator/mesh_builder.h"
#include "tools/scene_generator/plan.h"

namespace oh::scenegen {

struct FurnitureRole {
    std::string name;             // "upholstery", "legs", ...
    std::string defaultMaterial;  // a material the plan is expected to define
};

struct FurnitureOption {
    const char* name;  // a numeric field of the plan entry, e.g. "sinkAt"
    float min, max;
};

// What a builder sees: the entry's size and options, materials by role, and
// the room's ceiling height (pendants hang from it).
struct FurnitureContext {
    glm::vec3 size{1.0f};
    std::map<std::string, uint32_t> materials;  // role -> Model material index
    std::map<std::string, float> options;
    float ceilingHeight = 2.6f;

    uint32_t material(const std::string& role) const { return materials.at(role); }
    float option(const std::string& name, float fallback) const {
        auto it = options.find(name);
        return it == options.end() ? fallback : it->second;
    }
};

struct FurnitureType {
    std::string name;
    glm::vec3 defaultSize{1.0f};
    std::vector<FurnitureRole> roles;
    std::vector<FurnitureOption> options;
    bool isLamp = false;  // adds a light at lightPosition()
    std::function<void(const FurnitureContext&, MeshBuilder&)> build;
    std::function<glm::vec3(const FurnitureContext&)> lightPosition;  // local; lamps only
};

const FurnitureType* findFurnitureType(const std::string& name);
std::string furnitureTypeList();  // "sofa, armchair, ..." for messages

}  // namespace oh::scenegen
