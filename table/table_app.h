// The branch table: every listing of a folder of tour bundles as a pin on a
// map of Helsinki, narrowed by tangible markers on the table, a card with a
// listing's facts, and "Walk inside" sending it to the headset station.
// One thread runs the frame loop; the catalog's refresh, the markers' socket
// and the station's replies are polled from it, never waited on.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "table/table_window.h"

namespace oh::table {

struct TableOptions {
    std::filesystem::path listings;        // a folder of .tour bundles
    std::filesystem::path tiles;           // an MBTiles raster tile set
    std::filesystem::path statistics;      // the area statistics and district outlines (docs/map.md)
    std::vector<std::filesystem::path> trustedKeys;  // non-empty: only bundles signed by one of these
    std::filesystem::path markers;         // the markers' configuration (docs/markers.md)
    std::string tuioAddress = "127.0.0.1";  // where the tracker's TUIO arrives
    uint16_t tuioPort = 3333;              // 0: any free port (tests)
    std::string station;                   // the headset station's HOST:PORT; empty: no station
    std::filesystem::path stationSecret;   // the shared secret file, for a station on the LAN
    TableWindowOptions window;
    // When the process started: the log's "first frame N ms after launch".
    std::chrono::steady_clock::time_point launch = std::chrono::steady_clock::now();

    // Scripted runs (tests, demos): events per frame (table_script.h), quit
    // after `maxFrames` frames (0: until closed) saving the last to `screenshot`.
    std::string script;
    int maxFrames = 0;
    std::filesystem::path screenshot;
    // At the end: the listings shown, the card (and its "Walk inside" button),
    // the map's centre and zoom, and where each pin drawn alone stands.
    bool printState = false;
};

// Runs the table until its window closes. Returns the exit code after
// printing any error as one line.
int runTable(const TableOptions& options);

}  // namespace oh::table
