// The floor plan an apartment is generated from (scenes/*.json), as plain
// structs. Plan coordinates are metres on the floor: a point [x, z] is the
// world point (x, 0, z); +Y is up and the floor is at y = 0.
// This file is the table of contents of the plan format; plan_read.cpp says
// what each field must hold.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"

namespace oh::scenegen {

// Which procedural texture set a material uses (textures.h makes them).
enum class Pattern { Plain, Oak, Tiles, Plaster, Fabric, BrushedMetal, Wood };

struct MaterialDef {
    std::string name;
    Pattern pattern = Pattern::Plain;
    glm::vec3 color{1.0f};     // multiplies the pattern's colour (linear)
    float roughness = 0.8f;    // multiplies the pattern's roughness
    float metallic = 0.0f;
    float tileMetres = 1.0f;   // one texture repeat covers this many metres
    float opacity = 1.0f;      // < 1: alpha-blended (glass), drawn double-sided
    float emissive = 0.0f;     // > 0: glows in `color` this bright (emissive strength)
};

struct Opening {
    enum class Kind { Door, Window };
    Kind kind = Kind::Door;
    float at = 0.0f;      // centre, metres along the wall from its `from` end
    float width = 0.9f;
    float sill = 0.0f;    // bottom edge above the floor (0 for doors)
    float height = 2.05f; // from the sill up
    std::string pointer;  // JSON pointer for messages, e.g. /walls/2/doors/0
};

struct Wall {
    std::string name;
    glm::vec2 from{0.0f}, to{0.0f};
    float thickness = 0.0f;
    std::vector<Opening> openings;  // sorted by `at`, not overlapping
    std::string pointer;
};

struct Room {
    std::string name;
    std::vector<glm::vec2> polygon;  // wall centre lines, counter-clockwise seen from above (+Y)
    std::string floor, walls, ceiling;  // material names
};

struct Furniture {
    std::string room;
    std::string type;          // sofa, armchair, ... (furniture.h lists them)
    glm::vec2 position{0.0f};  // footprint centre on the floor
    float rotationDegrees = 0.0f;  // about +Y, counter-clockwise seen from above; front faces +Z before rotation
    glm::vec3 size{0.0f};      // width (x), height (y), depth (z); 0: the type's default
    std::map<std::string, std::string> materials;  // role -> material name (roles per type)
    std::map<std::string, float> options;  // per type, e.g. a kitchen counter's sinkAt (furniture.cpp)
    float intensity = 0.0f;    // lamps: candela
    glm::vec3 lightColor{1.0f};
    std::string pointer;
};

struct Sun {
    glm::vec3 direction{0.0f, -1.0f, 0.0f};  // where the light travels
    float intensity = 0.0f;                  // lux in renderer units; 0: no sun
    glm::vec3 color{1.0f};
};

struct Plan {
    std::string name;
    std::string sourceName;  // file name, for messages
    float wallHeight = 2.6f;
    float wallThickness = 0.15f;
    float slabThickness = 0.2f;  // ceiling slab above wallHeight; apartments stack on it
    std::string facadeMaterial, doorFrameMaterial, windowFrameMaterial, glassMaterial, skirtingMaterial;
    std::vector<MaterialDef> materials;
    std::vector<Room> rooms;
    std::vector<Wall> walls;
    std::vector<Furniture> furniture;
    Sun sun;

    const MaterialDef* findMaterial(const std::string& name) const;
    const Room* findRoom(const std::string& name) const;
};

// Reads and validates a plan. Errors (exit code 2) name the file and the JSON
// pointer of the offending field: "demo.json: /walls/3/doors/0/width: ...".
Result<Plan> readPlan(const std::filesystem::path& path);
Result<Plan> parsePlan(const std::string& text, const std::string& displayName);

}  // namespace oh::scenegen
