// openhouse-table: the branch table. `openhouse-table LISTINGS_DIR` shows
// the folder's tour bundles on the map of Helsinki the build made; see
// --help and the README's "Branch table" section.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "core/exit_codes.h"
#include "core/log.h"
#include "table/table_app.h"

int main(int argc, char** argv) {
    oh::table::TableOptions options;
    options.tiles = OH_DEFAULT_TILES;
    options.statistics = OH_DEFAULT_STATISTICS;
    options.markers = OH_DEFAULT_MARKERS;
    std::string size;

    CLI::App cli{"OpenHouse branch table: every listing on a map, markers as filters, one tap to walk inside"};
    cli.add_option("listings", options.listings, "Folder of .tour bundles (the branch's listings)")->required();
    cli.add_option("--map", options.tiles, "MBTiles raster tile set (default: the Helsinki map the build made)");
    cli.add_option("--statistics", options.statistics,
                   "Folder with the area statistics and district outlines (default: ../shared/maps/helsinki)");
    cli.add_option("--trust", options.trustedKeys, "List only bundles signed by this public key (repeatable)");
    cli.add_option("--markers", options.markers, "Marker configuration (docs/markers.md)");
    cli.add_option("--tuio-address", options.tuioAddress, "Address to receive TUIO on (default 127.0.0.1)");
    cli.add_option("--tuio-port", options.tuioPort, "UDP port for TUIO (default 3333; 0: any free port)");
    cli.add_option("--station", options.station, "The headset station's control endpoint, HOST[:PORT] (docs/control.md)");
    cli.add_option("--station-secret", options.stationSecret, "Shared secret file for a station on the LAN");
    cli.add_flag("--full-screen", options.window.fullScreen, "Fill the screen (the table itself)");
    cli.add_option("--size", size, "Window size WIDTHxHEIGHT (default 1600x1000)");
    cli.add_option("--script", options.script, "Scripted touches and clicks, for tests and demos");
    cli.add_option("--frames", options.maxFrames, "Quit after this many frames");
    cli.add_option("--screenshot", options.screenshot, "Save the last frame as PNG");
    cli.add_flag("--print-state", options.printState, "Print the listings shown, the card and the view at the end");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return cli.exit(error) == 0 ? oh::kExitOk : oh::kExitBadInput;
    }
    if (!size.empty() && std::sscanf(size.c_str(), "%dx%d", &options.window.width, &options.window.height) != 2) {
        OH_LOG_ERROR("--size %s: expected WIDTHxHEIGHT, e.g. 1920x1080", size.c_str());
        return oh::kExitBadInput;
    }
    return oh::table::runTable(options);
}
