// `openhouse render` on bad input, as a user meets it: one error line naming
// the file and the problem on stderr, exit code 2, and no output file — never
// a crash or a half-written PNG. Runs in the sanitizer build too.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "hostile_gltf.h"
#include "program_run.h"

namespace oh::test {
namespace {

ProgramRun renderCommand(const std::filesystem::path& input, const std::filesystem::path& output) {
    return runProgram(std::string("'") + OH_OPENHOUSE_EXE + "' render '" + input.string() + "' --out '" +
                          output.string() + "' --size 64x48",
                      output.parent_path());
}

void writeBytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

void expectCleanRefusal(const ProgramRun& run, const std::string& fileName, const std::string& problem,
                        const std::filesystem::path& output) {
    CHECK(run.exitCode == 2);
    CHECK_MESSAGE(run.errors.find(fileName) != std::string::npos, run.errors);
    CHECK_MESSAGE(run.errors.find(problem) != std::string::npos, run.errors);
    // Exactly one line (warnings aside, there are none for these files).
    CHECK_MESSAGE(std::count(run.errors.begin(), run.errors.end(), '\n') == 1, run.errors);
    CHECK_FALSE(std::filesystem::exists(output));
}

}  // namespace

TEST_CASE("render refuses a missing file with one line and exit code 2") {
    TempDir dir;
    ProgramRun run = renderCommand(dir.path / "nowhere.glb", dir.path / "out.png");
    expectCleanRefusal(run, "nowhere.glb", "not found", dir.path / "out.png");
}

TEST_CASE("render refuses a truncated GLB with one line and exit code 2") {
    TempDir dir;
    std::vector<uint8_t> glb = makeGlb(minimalGltf().dump(), {});
    std::string truncated(glb.begin(), glb.begin() + long(glb.size() / 2));
    writeBytes(dir.path / "cut.glb", truncated);
    ProgramRun run = renderCommand(dir.path / "cut.glb", dir.path / "out.png");
    expectCleanRefusal(run, "cut.glb", "", dir.path / "out.png");
}

TEST_CASE("render refuses a buffer URI that escapes the model's folder") {
    TempDir dir;
    writeBytes(dir.path / "escape.gltf", minimalGltf("../../etc/passwd").dump());
    ProgramRun run = renderCommand(dir.path / "escape.gltf", dir.path / "out.png");
    expectCleanRefusal(run, "escape.gltf", "outside", dir.path / "out.png");
}

TEST_CASE("render refuses invalid JSON") {
    TempDir dir;
    writeBytes(dir.path / "broken.gltf", "{\"asset\": {\"version\": \"2.0\"");
    ProgramRun run = renderCommand(dir.path / "broken.gltf", dir.path / "out.png");
    expectCleanRefusal(run, "broken.gltf", "JSON", dir.path / "out.png");
}

TEST_CASE("render refuses an image whose header claims absurd dimensions, before decoding it") {
    TempDir dir;
    // A PNG signature and IHDR claiming 100000 x 100000 pixels, nothing after.
    const unsigned char header[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                    0, 0x01, 0x86, 0xa0, 0, 0x01, 0x86, 0xa0, 8, 6, 0, 0, 0, 0, 0, 0, 0};
    writeBytes(dir.path / "huge.png", std::string(reinterpret_cast<const char*>(header), sizeof header));
    nlohmann::json gltf = minimalGltf();
    gltf["images"] = {{{"uri", "huge.png"}}};
    gltf["textures"] = {{{"source", 0}}};
    gltf["materials"] = {{{"pbrMetallicRoughness", {{"baseColorTexture", {{"index", 0}}}}}}};
    gltf["meshes"][0]["primitives"][0]["material"] = 0;
    writeBytes(dir.path / "huge.gltf", gltf.dump());
    ProgramRun run = renderCommand(dir.path / "huge.gltf", dir.path / "out.png");
    expectCleanRefusal(run, "huge.gltf", "huge.png", dir.path / "out.png");
}

TEST_CASE("render refuses an unsupported required extension by name") {
    TempDir dir;
    nlohmann::json gltf = minimalGltf();
    gltf["extensionsUsed"] = {"EXT_not_a_real_extension"};
    gltf["extensionsRequired"] = {"EXT_not_a_real_extension"};
    writeBytes(dir.path / "needs.gltf", gltf.dump());
    ProgramRun run = renderCommand(dir.path / "needs.gltf", dir.path / "out.png");
    expectCleanRefusal(run, "needs.gltf", "EXT_not_a_real_extension", dir.path / "out.png");
}

}  // namespace oh::test
