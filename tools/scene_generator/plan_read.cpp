// Plan JSON -> Plan, validating every field a generator stage relies on, so
// later stages never meet a bad value. nlohmann::json throws; nothing thrown
// leaves this file.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "tools/scene_generator/furniture.h"
#include "tools/scene_generator/plan.h"
#include "tools/scene_generator/polygon.h"
#include "tools/scene_generator/textures.h"

namespace oh::scenegen {

const MaterialDef* Plan::findMaterial(const std::string& name) const {
    for (const MaterialDef& m : materials)
        if (m.name == name) return &m;
    return nullptr;
}

const Room* Plan::findRoom(const std::string& name) const {
    for (const Room& r : rooms)
        if (r.name == name) return &r;
    return nullptr;
}

namespace {

using nlohmann::json;

std::string metres(float value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f m", value);
    return text;
}

// Reads fields of one JSON object; the first problem is kept with its pointer.
class Reader {
public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    bool failed() const { return !m_error.empty(); }
    Error error() const { return makeError(m_error); }

    void fail(const std::string& pointer, const std::string& problem) {
        if (m_error.empty()) m_error = m_file + ": " + pointer + ": " + problem;
    }

    const json* member(const json& object, const std::string& pointer, const char* key, bool required) {
        if (!object.is_object()) { fail(pointer, "expected an object"); return nullptr; }
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) fail(pointer + "/" + key, "missing");
            return nullptr;
        }
        return &*it;
    }

    float number(const json& object, const std::string& pointer, const char* key, float fallback, bool required,
                 float min, float max) {
        const json* value = member(object, pointer, key, required);
        if (!value) return fallback;
        if (!value->is_number()) { fail(pointer + "/" + key, "expected a number"); return fallback; }
        float v = value->get<float>();
        if (!std::isfinite(v) || v < min || v > max) {
            fail(pointer + "/" + key, "must be between " + trim(min) + " and " + trim(max) + ", is " + trim(v));
            return fallback;
        }
        return v;
    }

    std::string text(const json& object, const std::string& pointer, const char* key, bool required,
                     const std::string& fallback = {}) {
        const json* value = member(object, pointer, key, required);
        if (!value) return fallback;
        if (!value->is_string() || value->get<std::string>().empty()) {
            fail(pointer + "/" + key, "expected a non-empty string");
            return fallback;
        }
        return value->get<std::string>();
    }

    template <int N>
    glm::vec<N, float> vector(const json& value, const std::string& pointer) {
        glm::vec<N, float> out(0.0f);
        if (!value.is_array() || value.size() != N) {
            fail(pointer, "expected " + std::to_string(N) + " numbers");
            return out;
        }
        for (int i = 0; i < N; ++i) {
            if (!value[i].is_number() || !std::isfinite(value[i].get<float>())) {
                fail(pointer, "expected " + std::to_string(N) + " numbers");
                return out;
            }
            out[i] = value[i].get<float>();
        }
        return out;
    }

    template <int N>
    glm::vec<N, float> vector(const json& object, const std::string& pointer, const char* key, bool required,
                              glm::vec<N, float> fallback) {
        const json* value = member(object, pointer, key, required);
        return value ? vector<N>(*value, pointer + "/" + key) : fallback;
    }

    const json& array(const json& object, const std::string& pointer, const char* key, bool required) {
        static const json kEmpty = json::array();
        const json* value = member(object, pointer, key, required);
        if (!value) return kEmpty;
        if (!value->is_array()) { fail(pointer + "/" + key, "expected an array"); return kEmpty; }
        return *value;
    }

    static std::string trim(float v) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", v);
        return text;
    }

private:
    std::string m_file;
    std::string m_error;
};

Pattern patternFrom(Reader& reader, const std::string& name, const std::string& pointer) {
    static const std::pair<const char*, Pattern> kPatterns[] = {
        {"plain", Pattern::Plain},     {"oak", Pattern::Oak},       {"tiles", Pattern::Tiles},
        {"plaster", Pattern::Plaster}, {"fabric", Pattern::Fabric}, {"brushed-metal", Pattern::BrushedMetal},
        {"wood", Pattern::Wood},
    };
    for (const auto& [text, pattern] : kPatterns)
        if (name == text) return pattern;
    reader.fail(pointer, "unknown pattern '" + name +
                             "' (plain, oak, tiles, plaster, fabric, brushed-metal, wood)");
    return Pattern::Plain;
}

void readMaterials(Reader& r, const json& root, Plan& plan) {
    const json* materials = r.member(root, "", "materials", true);
    if (!materials) return;
    if (!materials->is_object() || materials->empty()) {
        r.fail("/materials", "expected an object of named materials");
        return;
    }
    for (const auto& [name, value] : materials->items()) {  // nlohmann sorts keys: deterministic order
        std::string p = "/materials/" + name;
        MaterialDef m;
        m.name = name;
        m.pattern = patternFrom(r, r.text(value, p, "pattern", false, "plain"), p + "/pattern");
        m.color = r.vector<3>(value, p, "color", false, glm::vec3(1.0f));
        if (glm::any(glm::lessThan(m.color, glm::vec3(0.0f))) || glm::any(glm::greaterThan(m.color, glm::vec3(1.0f))))
            r.fail(p + "/color", "components must be between 0 and 1 (linear)");
        m.roughness = r.number(value, p, "roughness", 0.8f, false, 0.0f, 1.0f);
        m.metallic = r.number(value, p, "metallic", 0.0f, false, 0.0f, 1.0f);
        m.tileMetres = r.number(value, p, "tile", patternMetres(m.pattern), false, 0.01f, 100.0f);
        m.opacity = r.number(value, p, "opacity", 1.0f, false, 0.0f, 1.0f);
        m.emissive = r.number(value, p, "emissive", 0.0f, false, 0.0f, 1000.0f);
        plan.materials.push_back(m);
    }
}

void requireMaterial(Reader& r, const Plan& plan, const std::string& name, const std::string& pointer) {
    if (!name.empty() && !plan.findMaterial(name)) r.fail(pointer, "no material named '" + name + "' in /materials");
}

void readRooms(Reader& r, const json& root, Plan& plan) {
    const json& rooms = r.array(root, "", "rooms", true);
    if (rooms.empty()) r.fail("/rooms", "a plan needs at least one room");
    for (size_t i = 0; i < rooms.size() && !r.failed(); ++i) {
        std::string p = "/rooms/" + std::to_string(i);
        Room room;
        room.name = r.text(rooms[i], p, "name", true);
        if (plan.findRoom(room.name)) r.fail(p + "/name", "two rooms are named '" + room.name + "'");
        if (room.name.find('/') != std::string::npos) r.fail(p + "/name", "a room name may not contain '/'");
        const json& polygon = r.array(rooms[i], p, "polygon", true);
        for (size_t k = 0; k < polygon.size() && !r.failed(); ++k)
            room.polygon.push_back(r.vector<2>(polygon[k], p + "/polygon/" + std::to_string(k)));
        if (r.failed()) return;
        if (room.polygon.size() < 3) { r.fail(p + "/polygon", "needs at least 3 corners"); return; }
        std::string problem = polygonProblem(room.polygon);
        if (!problem.empty()) { r.fail(p + "/polygon", problem); return; }
        if (signedArea(room.polygon) < 0.0f) std::reverse(room.polygon.begin(), room.polygon.end());
        room.floor = r.text(rooms[i], p, "floor", true);
        room.walls = r.text(rooms[i], p, "walls", true);
        room.ceiling = r.text(rooms[i], p, "ceiling", true);
        requireMaterial(r, plan, room.floor, p + "/floor");
        requireMaterial(r, plan, room.walls, p + "/walls");
        requireMaterial(r, plan, room.ceiling, p + "/ceiling");
        plan.rooms.push_back(std::move(room));
    }
}

void readOpenings(Reader& r, const json& wallJson, const std::string& p, Opening::Kind kind, float height, Wall& wall) {
    const char* key = kind == Opening::Kind::Door ? "doors" : "windows";
    const json& list = r.array(wallJson, p, key, false);
    float length = glm::distance(wall.from, wall.to);
    for (size_t k = 0; k < list.size() && !r.failed(); ++k) {
        Opening o;
        o.kind = kind;
        o.pointer = p + "/" + key + "/" + std::to_string(k);
        o.at = r.number(list[k], o.pointer, "at", 0.0f, true, 0.0f, 1000.0f);
        o.width = r.number(list[k], o.pointer, "width", 0.0f, true, 0.3f, 20.0f);
        if (kind == Opening::Kind::Door) {
            o.sill = 0.0f;
            o.height = r.number(list[k], o.pointer, "height", 2.05f, false, 1.0f, height);
        } else {
            o.sill = r.number(list[k], o.pointer, "sill", 0.9f, false, 0.0f, height - 0.2f);
            o.height = r.number(list[k], o.pointer, "height", 1.4f, false, 0.2f, height);
            if (!r.failed() && o.sill + o.height > height - 0.05f)
                r.fail(o.pointer + "/height", "window top at " + metres(o.sill + o.height) +
                                                  " must stay 5 cm below the wall height " + metres(height));
        }
        if (r.failed()) return;
        // Keep a jamb on each side so frames have a wall to sit in.
        float margin = 0.05f;
        if (o.width + 2.0f * margin > length)
            r.fail(o.pointer + "/width", metres(o.width) + " " + (kind == Opening::Kind::Door ? "door" : "window") +
                                             " does not fit in wall '" + wall.name + "' (" + metres(length) + " long)");
        else if (o.at - o.width * 0.5f < margin || o.at + o.width * 0.5f > length - margin)
            r.fail(o.pointer + "/at", "opening reaches past the end of wall '" + wall.name + "' (" + metres(length) +
                                          " long, opening from " + metres(o.at - o.width * 0.5f) + " to " +
                                          metres(o.at + o.width * 0.5f) + ")");
        wall.openings.push_back(o);
    }
}

void readWalls(Reader& r, const json& root, Plan& plan) {
    const json& walls = r.array(root, "", "walls", true);
    for (size_t i = 0; i < walls.size() && !r.failed(); ++i) {
        Wall wall;
        wall.pointer = "/walls/" + std::to_string(i);
        const std::string& p = wall.pointer;
        wall.name = r.text(walls[i], p, "name", true);
        wall.from = r.vector<2>(walls[i], p, "from", true, glm::vec2(0.0f));
        wall.to = r.vector<2>(walls[i], p, "to", true, glm::vec2(0.0f));
        wall.thickness = r.number(walls[i], p, "thickness", plan.wallThickness, false, 0.05f, 1.0f);
        if (r.failed()) return;
        if (glm::distance(wall.from, wall.to) < 0.3f) { r.fail(p + "/to", "wall is shorter than 30 cm"); return; }
        for (const Wall& other : plan.walls)
            if (other.name == wall.name) r.fail(p + "/name", "two walls are named '" + wall.name + "'");
        readOpenings(r, walls[i], p, Opening::Kind::Door, plan.wallHeight, wall);
        readOpenings(r, walls[i], p, Opening::Kind::Window, plan.wallHeight, wall);
        std::sort(wall.openings.begin(), wall.openings.end(),
                  [](const Opening& a, const Opening& b) { return a.at < b.at; });
        for (size_t k = 1; k < wall.openings.size() && !r.failed(); ++k) {
            const Opening& a = wall.openings[k - 1];
            const Opening& b = wall.openings[k];
            if (a.at + a.width * 0.5f + 0.1f > b.at - b.width * 0.5f)
                r.fail(b.pointer + "/at", "overlaps another opening of wall '" + wall.name +
                                              "' (keep 10 cm of wall between openings)");
        }
        plan.walls.push_back(std::move(wall));
    }
}

void readFurniture(Reader& r, const json& root, Plan& plan) {
    const json& list = r.array(root, "", "furniture", false);
    for (size_t i = 0; i < list.size() && !r.failed(); ++i) {
        Furniture f;
        f.pointer = "/furniture/" + std::to_string(i);
        const std::string& p = f.pointer;
        f.type = r.text(list[i], p, "type", true);
        if (r.failed()) return;
        const FurnitureType* type = findFurnitureType(f.type);
        if (!type) { r.fail(p + "/type", "unknown furniture type '" + f.type + "' (" + furnitureTypeList() + ")"); return; }
        f.room = r.text(list[i], p, "room", true);
        if (!r.failed() && !plan.findRoom(f.room)) r.fail(p + "/room", "no room named '" + f.room + "'");
        f.position = r.vector<2>(list[i], p, "position", true, glm::vec2(0.0f));
        f.rotationDegrees = r.number(list[i], p, "rotation", 0.0f, false, -360.0f, 360.0f);
        f.size = r.vector<3>(list[i], p, "size", false, type->defaultSize);
        if (glm::any(glm::lessThan(f.size, glm::vec3(0.005f))) || glm::any(glm::greaterThan(f.size, glm::vec3(10.0f))))
            r.fail(p + "/size", "each of width, height, depth must be between 0.005 and 10 m");
        for (const FurnitureRole& role : type->roles) f.materials[role.name] = role.defaultMaterial;
        if (const json* materials = r.member(list[i], p, "materials", false)) {
            if (!materials->is_object()) r.fail(p + "/materials", "expected an object: role -> material name");
            else
                for (const auto& [role, value] : materials->items()) {
                    if (!f.materials.count(role)) {
                        std::string roles;
                        for (const FurnitureRole& known : type->roles) roles += (roles.empty() ? "" : ", ") + known.name;
                        r.fail(p + "/materials/" + role, "a " + f.type + " has no part '" + role + "' (" + roles + ")");
                        break;
                    }
                    if (!value.is_string()) { r.fail(p + "/materials/" + role, "expected a material name"); break; }
                    f.materials[role] = value.get<std::string>();
                }
        }
        for (const auto& [role, material] : f.materials) requireMaterial(r, plan, material, p + "/materials/" + role);
        for (const FurnitureOption& option : type->options)
            if (r.member(list[i], p, option.name, false))
                f.options[option.name] = r.number(list[i], p, option.name, 0.0f, false, option.min, option.max);
        if (type->isLamp) {
            f.intensity = r.number(list[i], p, "intensity", 20.0f, false, 0.0f, 10000.0f);
            f.lightColor = r.vector<3>(list[i], p, "lightColor", false, glm::vec3(1.0f, 0.85f, 0.7f));
        }
        plan.furniture.push_back(std::move(f));
    }
}

}  // namespace

Result<Plan> parsePlan(const std::string& text, const std::string& displayName) {
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        return makeError(displayName + ": not valid JSON: " + e.what());
    }
    Reader r(displayName);
    Plan plan;
    plan.sourceName = displayName;
    if (!root.is_object()) return makeError(displayName + ": expected a JSON object at the top level");
    plan.name = r.text(root, "", "name", true);
    plan.wallHeight = r.number(root, "", "wallHeight", 2.6f, true, 2.0f, 6.0f);
    plan.wallThickness = r.number(root, "", "wallThickness", 0.15f, true, 0.05f, 1.0f);
    plan.slabThickness = r.number(root, "", "slabThickness", 0.2f, false, 0.05f, 1.0f);
    readMaterials(r, root, plan);
    if (r.failed()) return r.error();
    if (const json* building = r.member(root, "", "building", true)) {
        plan.facadeMaterial = r.text(*building, "/building", "facade", true);
        plan.doorFrameMaterial = r.text(*building, "/building", "doorFrame", true);
        plan.windowFrameMaterial = r.text(*building, "/building", "windowFrame", true);
        plan.glassMaterial = r.text(*building, "/building", "glass", true);
        plan.skirtingMaterial = r.text(*building, "/building", "skirting", true);
        requireMaterial(r, plan, plan.facadeMaterial, "/building/facade");
        requireMaterial(r, plan, plan.doorFrameMaterial, "/building/doorFrame");
        requireMaterial(r, plan, plan.windowFrameMaterial, "/building/windowFrame");
        requireMaterial(r, plan, plan.glassMaterial, "/building/glass");
        requireMaterial(r, plan, plan.skirtingMaterial, "/building/skirting");
    }
    if (r.failed()) return r.error();
    readRooms(r, root, plan);
    if (r.failed()) return r.error();
    readWalls(r, root, plan);
    if (r.failed()) return r.error();
    readFurniture(r, root, plan);
    if (r.failed()) return r.error();
    if (const json* sun = r.member(root, "", "sun", false)) {
        plan.sun.direction = r.vector<3>(*sun, "/sun", "direction", true, glm::vec3(0.0f, -1.0f, 0.0f));
        if (!r.failed() && glm::length(plan.sun.direction) < 1e-3f) r.fail("/sun/direction", "must not be zero");
        plan.sun.direction = glm::normalize(plan.sun.direction);
        plan.sun.intensity = r.number(*sun, "/sun", "intensity", 0.0f, true, 0.0f, 1000.0f);
        plan.sun.color = r.vector<3>(*sun, "/sun", "color", false, glm::vec3(1.0f));
    }
    if (r.failed()) return r.error();
    return plan;
}

Result<Plan> readPlan(const std::filesystem::path& path) {
    auto bytes = readFile(path, uint64_t(16) << 20);
    if (!bytes) return bytes.error();
    return parsePlan(std::string(bytes->begin(), bytes->end()), displayPath(path));
}

}  // namespace oh::scenegen
