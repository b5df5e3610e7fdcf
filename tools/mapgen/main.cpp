// openhouse-map: the branch table's default Helsinki tile set (MBTiles, PNG
// tiles) from the shared open map data. See docs/map.md.
#include <chrono>
#include <cstdio>

#include <CLI/CLI.hpp>

#include "core/file_io.h"
#include "tools/mapgen/mapgen.h"

int main(int argc, char** argv) {
    oh::mapgen::MapgenOptions options;
    bool quiet = false;
    std::vector<std::string> extracts;
    CLI::App app{"openhouse-map: makes the branch table's offline map of Helsinki (MBTiles)"};
    app.add_option("output", options.output, "the .mbtiles file to write")->required();
    app.add_option("--data", options.dataDir, "the shared map data folder (maps/helsinki)")->required();
    app.add_option("--min-zoom", options.minZoom, "lowest zoom (whole city)")->capture_default_str();
    app.add_option("--max-zoom", options.maxZoom, "highest zoom (street level where OpenStreetMap data is)")
        ->capture_default_str();
    app.add_option("--osm", extracts, "OpenStreetMap extracts in the data folder (default: the centre and Kallio)");
    app.add_flag("-q,--quiet", quiet, "print nothing on success");
    CLI11_PARSE(app, argc, argv);
    if (!extracts.empty()) options.extracts = extracts;

    auto started = std::chrono::steady_clock::now();
    auto report = oh::mapgen::generateTileSet(options);
    if (!report) {
        std::fprintf(stderr, "openhouse-map: %s\n", report.error().message.c_str());
        return report.error().exitCode;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!quiet)
        std::printf("%s: %u tiles (%u one-colour tiles left to their parents), %.1f MB, %.1f s\n",
                    oh::displayPath(options.output).c_str(), report->tiles, report->skipped,
                    double(report->bytes) / 1e6, seconds);
    return 0;
}
