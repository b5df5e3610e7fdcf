// openhouse-pack: listings to tour bundles, and back.
//   openhouse-pack LISTING_DIR -o OUT.tour [--sign KEY]   pack a listing folder
//   openhouse-pack MODEL.glb -o OUT.tour [--sign KEY]     pack a bare model
//   openhouse-pack keygen NAME                            make NAME.key and NAME.pub
//   openhouse-pack inspect OUT.tour [--json]              what a bundle holds
//   openhouse-pack verify OUT.tour [--trust PUBKEY...]    every byte as packed (and signed)?
//   openhouse-pack export OUT.tour --gltf DIR             the scene as standard glTF 2.0
//   openhouse-pack plan OUT.tour --out PLAN.pdf|svg|png   a printable floor plan
// Exit codes: core/exit_codes.h.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "bundle/bundle_reader.h"
#include "bundle/scene_codec.h"
#include "bundle/signing.h"
#include "core/file_io.h"
#include "core/result.h"
#include "tools/pack/gltf_export.h"
#include "tools/pack/inspect.h"
#include "tools/pack/pack_tour.h"
#include "tools/pack/plan_stage.h"
#include "tools/pack/progress.h"

namespace {

using namespace oh;
namespace fs = std::filesystem;

std::atomic<bool> g_interrupted{false};

void onInterrupt(int) { g_interrupted = true; }

int fail(const Error& error) {
    std::fprintf(stderr, "openhouse-pack: %s\n", error.message.c_str());
    return error.exitCode;
}

// CLI11 reports help as an "error" with code 0; real parse errors are bad input.
int parse(CLI::App& app, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int code = app.exit(error);
        return code == 0 ? -1 : kExitBadInput;
    }
    return kExitOk;
}

int packCommand(int argc, char** argv) {
    CLI::App app{"openhouse-pack: a listing folder or a glTF/GLB model to one tour bundle (.tour)"};
    pack::PackOptions options;
    std::string signingKey;
    bool quiet = false;
    app.add_option("input", options.input, "listing folder (with listing.json), or a .gltf/.glb model")->required();
    app.add_option("-o,--output", options.output, "the bundle to write (.tour)")->required();
    app.add_option("--sign", signingKey, "sign with this secret key (openhouse-pack keygen)");
    app.add_option("--max-texture-size", options.maxTextureSize, "longest texture side after resizing (2048)")
        ->check(CLI::Range(4u, 16384u));
    app.add_option("--threads", options.threads, "threads (0: one per core)");
    app.add_option("--cache", options.cacheFolder,
                   "keep compressed pictures and textures in this folder and reuse them when the same ones come "
                   "again (a listing packed again, listings sharing pictures)");
    app.add_flag("-q,--quiet", quiet, "no progress bar");
    app.footer("More: openhouse-pack keygen NAME | inspect OUT.tour [--json] | verify OUT.tour [--trust KEY.pub]\n"
               "      | export OUT.tour --gltf DIR | plan OUT.tour --out PLAN.pdf   (each with --help)");
    if (int code = parse(app, argc, argv); code != kExitOk) return code < 0 ? kExitOk : code;
    if (!signingKey.empty()) options.signingKey = fs::path(signingKey);
    options.progress = quiet ? pack::ProgressBar::Mode::Quiet
                       : pack::ProgressBar::terminalAttached() ? pack::ProgressBar::Mode::Bar
                                                               : pack::ProgressBar::Mode::Lines;
    // Ctrl+C finishes the stage at hand, then stops without writing anything.
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    options.cancelled = [] { return g_interrupted.load(); };
    auto report = pack::packTour(options);
    if (!report) return fail(report.error());
    if (!quiet)
        std::fprintf(stderr,
                     "packed %s in %.1f s (read %.1f, meshes %.2f, walk %.2f, textures %.1f, pictures %.1f, plan %.2f,"
                     " write %.2f);"
                     " jobs on all cores: decode %.1f s, resize %.1f s, compress %.1f s\n",
                     displayPath(options.output).c_str(), report->totalSeconds, report->readSeconds,
                     report->meshSeconds, report->walkSeconds, report->textureSeconds, report->pictureSeconds,
                     report->planSeconds, report->writeSeconds, report->decodeThreadSeconds, report->resizeThreadSeconds,
                     report->compressThreadSeconds);
    if (!quiet && options.cacheFolder)
        std::fprintf(stderr, "cache %s: %u of %u images reused\n", displayPath(*options.cacheFolder).c_str(),
                     report->cacheHits, report->cacheHits + report->cacheMisses);
    return kExitOk;
}

int keygen(int argc, char** argv) {
    CLI::App app{"openhouse-pack keygen: a key pair to sign bundles (NAME.key, secret) and to trust them (NAME.pub)"};
    std::string name;
    app.add_option("name", name, "path and name of the key files, without extension")->required();
    if (int code = parse(app, argc, argv); code != kExitOk) return code < 0 ? kExitOk : code;
    bundle::KeyPair keys = bundle::generateKeyPair();
    if (Status written = bundle::writeKeyPair(keys, name); !written) return fail(written.error());
    std::printf("wrote %s.key (secret: keep it on the packing machine) and %s.pub (give it to viewers with --trust); key %s\n",
                name.c_str(), name.c_str(), bundle::keyFingerprint(keys.publicKey).c_str());
    return kExitOk;
}

int inspect(int argc, char** argv) {
    CLI::App app{"openhouse-pack inspect: what a tour bundle holds"};
    std::string path;
    bool asJson = false;
    app.add_option("bundle", path, "the .tour")->required();
    app.add_flag("--json", asJson, "as JSON");
    if (int code = parse(app, argc, argv); code != kExitOk) return code < 0 ? kExitOk : code;
    auto text = pack::inspectBundle(path, asJson);
    if (!text) return fail(text.error());
    std::fputs(text->c_str(), stdout);
    return kExitOk;
}

int verify(int argc, char** argv) {
    CLI::App app{"openhouse-pack verify: every byte as packed, and signed by a trusted key if --trust is given"};
    std::string path;
    std::vector<fs::path> trusted;
    app.add_option("bundle", path, "the .tour")->required();
    app.add_option("--trust", trusted, "public key files (openhouse-pack keygen); the bundle must be signed by one");
    if (int code = parse(app, argc, argv); code != kExitOk) return code < 0 ? kExitOk : code;
    auto line = pack::verifyBundle(path, trusted);
    if (!line) return fail(line.error());
    std::printf("%s\n", line->c_str());
    return kExitOk;
}

int exportGltf(int argc, char** argv) {
    CLI::App app{"openhouse-pack export: the bundle's scene as standard glTF 2.0 (scene.gltf, scene.bin, textures/)"};
    std::string path, folder;
    bool overwrite = false;
    app.add_option("bundle", path, "the .tour")->required();
    app.add_option("--gltf", folder, "an empty or new folder to write into")->required();
    app.add_flag("--overwrite", overwrite, "replace the files of an earlier export in that folder");
    if (int code = parse(app, argc, argv); code != kExitOk) return code < 0 ? kExitOk : code;
    auto reader = bundle::BundleReader::open(path);
    if (!reader) return fail(reader.error());
    auto scene = bundle::decodeScene(*reader);
    if (!scene) return fail(scene.error());
    if (Status written = pack::exportGltf(*scene, folder, {overwrite}); !written) return fail(written.error());
    std::printf("wrote %s/scene.gltf\n", folder.c_str());
    return kExitOk;
}

int printPlan(int argc, char** argv) {
    CLI::App app{"openhouse-pack plan: the floor plan drawn from a bundle's model, for print (PDF or SVG on A4 at "
                 "1:50, 1:100, ...) or a picture (PNG)"};
    std::string path, out;
    app.add_option("bundle", path, "the .tour")->required();
    app.add_option("--out", out, "the plan to write: .pdf, .svg or .png")->required();
    if (int code = parse(app, argc, argv); code != kExitOk) return code < 0 ? kExitOk : code;
    if (Status written = pack::printBundlePlan(path, out); !written) return fail(written.error());
    std::printf("wrote %s\n", out.c_str());
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    // Subcommands by their first word; anything else is a pack.
    const std::pair<std::string_view, int (*)(int, char**)> commands[] = {
        {"keygen", keygen}, {"inspect", inspect}, {"verify", verify}, {"export", exportGltf}, {"plan", printPlan}};
    if (argc > 1)
        for (const auto& [name, command] : commands)
            if (name == argv[1]) return command(argc - 1, argv + 1);
    return packCommand(argc, argv);
}
