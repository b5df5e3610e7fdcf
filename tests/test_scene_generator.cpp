// openhouse-scene: the demo apartment imports cleanly with its rooms, walls
// have real openings, the benchmark block is big and shares its meshes, the
// output is byte-for-byte reproducible, and bad plans are refused with one
// line naming the file and the field (exit code 2).
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "core/file_io.h"
#include "program_run.h"
#include "scene/gltf_import.h"
#include "tools/scene_generator/apartment.h"
#include "tools/scene_generator/block.h"
#include "tools/scene_generator/gltf_write.h"
#include "tools/scene_generator/plan.h"

namespace oh::test {
namespace {

const std::filesystem::path kDemoPlan = std::filesystem::path(OH_TESTS_DIR) / "../scenes/demo-apartment.json";

std::filesystem::path tempDir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("oh-scene-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

scenegen::Plan demoPlan() {
    auto plan = scenegen::readPlan(kDemoPlan);
    REQUIRE_MESSAGE(plan.has_value(), (plan ? "" : plan.error().message));
    return std::move(plan.value());
}

// The demo apartment written to a GLB and imported again, as the viewer sees it.
const gltf::ImportResult& importedDemo() {
    static gltf::ImportResult result = [] {
        auto model = scenegen::buildApartmentScene(demoPlan());
        REQUIRE_MESSAGE(model.has_value(), (model ? "" : model.error().message));
        std::vector<uint8_t> glb = scenegen::encodeGlb(*model);
        auto imported = gltf::importMemory(glb.data(), glb.size(), ".", "demo-apartment.glb");
        REQUIRE_MESSAGE(imported.has_value(), (imported ? "" : imported.error().message));
        return std::move(imported.value());
    }();
    return result;
}

// Does the segment from `from` to `to` hit any triangle of a node whose name
// starts with `prefix`? (Möller-Trumbore, both faces.)
bool segmentHits(const scene::Scene& scene, const std::string& prefix, glm::vec3 from, glm::vec3 to) {
    glm::vec3 dir = to - from;
    for (const scene::MeshInstance& instance : scene.instances) {
        if (scene.nodes[instance.node].name.rfind(prefix, 0) != 0) continue;
        for (const scene::Primitive& p : scene.meshes[instance.mesh].primitives)
            for (size_t t = 0; t + 2 < p.indices.size(); t += 3) {
                glm::vec3 v[3];
                for (int k = 0; k < 3; ++k)
                    v[k] = glm::vec3(instance.world * glm::vec4(p.vertices[p.indices[t + k]].position, 1.0f));
                glm::vec3 e1 = v[1] - v[0], e2 = v[2] - v[0], pv = glm::cross(dir, e2);
                float det = glm::dot(e1, pv);
                if (std::abs(det) < 1e-12f) continue;
                glm::vec3 tv = from - v[0];
                float u = glm::dot(tv, pv) / det;
                if (u < 0.0f || u > 1.0f) continue;
                glm::vec3 qv = glm::cross(tv, e1);
                float w = glm::dot(dir, qv) / det;
                if (w < 0.0f || u + w > 1.0f) continue;
                float s = glm::dot(e2, qv) / det;
                if (s >= 0.0f && s <= 1.0f) return true;
            }
    }
    return false;
}

ProgramRun generator(const std::string& arguments, const std::filesystem::path& dir) {
    return runProgram(std::string("'") + OH_SCENE_EXE + "' " + arguments, dir);
}

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("the demo apartment imports with no warnings and a floor and ceiling for each of its five rooms") {
    const gltf::ImportResult& imported = importedDemo();
    for (const std::string& warning : imported.warnings) FAIL_CHECK("import warning: " << warning);
    std::set<std::string> names;
    for (const scene::Node& node : imported.scene.nodes) names.insert(node.name);
    for (const char* room : {"hallway", "living", "kitchen", "bedroom", "bathroom"}) {
        CHECK_MESSAGE(names.count(std::string("Floor/") + room), room);
        CHECK_MESSAGE(names.count(std::string("Ceiling/") + room), room);
        CHECK_MESSAGE(names.count(std::string("Lamp/") + room), room);
    }
    CHECK(names.count("Furniture/living/sofa"));
    CHECK(imported.scene.lights.size() >= 6);  // a lamp per room, a floor lamp and the sun
    // Walking area: about 72 m² inside 10 x 7.2 m of wall centre lines.
    glm::vec3 size = imported.scene.bounds.size();
    CHECK(size.x == doctest::Approx(10.25).epsilon(0.02));
    CHECK(size.z == doctest::Approx(7.45).epsilon(0.02));
}

TEST_CASE("walls have door and window openings that a ray passes through, and are solid elsewhere") {
    const scene::Scene& scene = importedDemo().scene;
    // North wall (z = 0, 25 cm thick): bedroom window at x = 2, entrance door at x = 4.8.
    CHECK_FALSE(segmentHits(scene, "Wall/", {2.0f, 1.6f, -1.0f}, {2.0f, 1.6f, 1.0f}));
    CHECK_FALSE(segmentHits(scene, "Wall/", {4.8f, 1.0f, -1.0f}, {4.8f, 1.0f, 1.0f}));
    CHECK(segmentHits(scene, "Wall/", {3.3f, 1.6f, -1.0f}, {3.3f, 1.6f, 1.0f}));
    CHECK(segmentHits(scene, "Wall/", {2.0f, 0.5f, -1.0f}, {2.0f, 0.5f, 1.0f}));  // below the sill
    // ...but the window's glass closes it.
    CHECK(segmentHits(scene, "Window/", {2.0f, 1.6f, -1.0f}, {2.0f, 1.6f, 1.0f}));
    // Interior doorway from the hallway into the living room (wall along z = 3.4).
    CHECK_FALSE(segmentHits(scene, "Wall/", {4.8f, 1.0f, 3.0f}, {4.8f, 1.0f, 3.8f}));
    CHECK_FALSE(segmentHits(scene, "Door/", {4.8f, 1.0f, 3.0f}, {4.8f, 1.0f, 3.8f}));
}

TEST_CASE("the apartment block has over a million triangles in over 2000 nodes, sharing meshes") {
    auto block = scenegen::buildBlock(demoPlan(), 40);
    REQUIRE(block.has_value());
    CHECK(block->triangleCount() >= 1'000'000);
    CHECK(block->nodes.size() >= 2000);
    size_t meshNodes = 0;
    for (const scenegen::Node& node : block->nodes) meshNodes += node.mesh != scenegen::kNone;
    CHECK(block->meshes.size() * 10 < meshNodes);
}

TEST_CASE("generating twice gives byte-identical files") {
    auto dir = tempDir("determinism");
    for (const char* name : {"a.glb", "b.glb"}) {
        ProgramRun run = generator("'" + kDemoPlan.string() + "' '" + (dir / name).string() + "'", dir);
        REQUIRE_MESSAGE(run.exitCode == 0, run.errors);
    }
    std::string a = readText(dir / "a.glb"), b = readText(dir / "b.glb");
    CHECK(a.size() > 1000);
    CHECK(a == b);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a malformed plan is refused with one line naming the file and the field, exit code 2") {
    std::string plan = readText(kDemoPlan);
    struct Case {
        const char* what;
        std::string from, to;  // text replaced in the demo plan
        const char* field;     // expected in the message
    };
    const Case cases[] = {
        {"missing wall height", "\"wallHeight\": 2.6,", "", "/wallHeight: missing"},
        {"self-crossing room", "[[0, 0], [4, 0], [4, 3.4], [0, 3.4]]", "[[0, 0], [4, 3.4], [4, 0], [0, 3.4]]",
         "/rooms/0/polygon: edges"},
        {"door wider than its wall", "\"from\": [8, 0], \"to\": [8, 3.4]}",
         "\"from\": [8, 0], \"to\": [8, 3.4], \"doors\": [{\"at\": 1.7, \"width\": 3.6}]}", "/walls/7/doors/0/width"},
        {"unknown furniture", "\"type\": \"sofa\"", "\"type\": \"piano\"", "/furniture/14/type"},
        {"material that is not defined", "\"walls\": \"paint-blue\"", "\"walls\": \"paint-pink\"", "/rooms/0/walls"},
        {"not JSON", "\"rooms\": [", "\"rooms\": [[", "not valid JSON"},
    };
    auto dir = tempDir("malformed");
    for (const Case& c : cases) {
        std::string what = c.what;
        CAPTURE(what);
        std::string text = plan;
        size_t at = text.find(c.from);
        REQUIRE(at != std::string::npos);
        text.replace(at, c.from.size(), c.to);
        std::filesystem::path input = dir / "bad-plan.json";
        std::ofstream(input, std::ios::binary) << text;
        ProgramRun run = generator("'" + input.string() + "' '" + (dir / "out.glb").string() + "'", dir);
        CHECK(run.exitCode == 2);
        CHECK_MESSAGE(run.errors.find("bad-plan.json") != std::string::npos, run.errors);
        CHECK_MESSAGE(run.errors.find(c.field) != std::string::npos, run.errors);
        CHECK(std::count(run.errors.begin(), run.errors.end(), '\n') == 1);
        CHECK_FALSE(std::filesystem::exists(dir / "out.glb"));
    }
    std::filesystem::remove_all(dir);
}

}  // namespace oh::test
