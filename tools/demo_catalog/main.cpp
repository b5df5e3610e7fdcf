// openhouse-demo-catalog: the demo catalog's listing folders, made from the
// fixed table of real Helsinki addresses, the generated plans' rendered
// listings and Statistics Finland's prices.
//   openhouse-demo-catalog TABLE.json --statistics DIR --plans DIR --out DIR
// writes OUT/ID/ (listing.json and hard links to the plan's pictures and
// model) for each row; the build packs and signs each into a bundle
// (scenes/demo_catalog.cmake). A C++ program rather than a CMake script: the
// prices come from areas/ and each listing is checked by listing/'s reader.
// Exit codes: core/exit_codes.h.
#include <cstdio>
#include <map>
#include <string>

#include <CLI/CLI.hpp>

#include "areas/area_statistics.h"
#include "core/file_io.h"
#include "listing/listing.h"
#include "tools/demo_catalog/catalog_table.h"
#include "tools/demo_catalog/demo_listing.h"
#include "tools/demo_catalog/listing_folder.h"

namespace {

using namespace oh;
namespace fs = std::filesystem;

int fail(const Error& error) {
    std::fprintf(stderr, "openhouse-demo-catalog: %s\n", error.message.c_str());
    return error.exitCode;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"openhouse-demo-catalog: the demo catalog's listing folders, one per row of the table"};
    std::string tablePath, statisticsDir, plansDir, outDir;
    bool quiet = false;
    app.add_option("table", tablePath, "the table of listings (tools/demo_catalog/listings.json)")->required();
    app.add_option("--statistics", statisticsDir, "Statistics Finland data (../shared/maps/helsinki)")->required();
    app.add_option("--plans", plansDir, "where the plans' listings were rendered (build/scenes)")->required();
    app.add_option("--out", outDir, "the folder to write the listing folders into")->required();
    app.add_flag("-q,--quiet", quiet, "no line per listing");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        int code = app.exit(error);
        return code == 0 ? kExitOk : kExitBadInput;
    }

    auto table = democatalog::readCatalogTable(tablePath);
    if (!table) return fail(table.error());
    auto statistics = areas::AreaStatistics::load(statisticsDir);
    if (!statistics) return fail(statistics.error());
    std::map<std::string, listing::Listing> plans;
    for (const auto& [type, entry] : table->plans) {
        auto plan = listing::loadListing(fs::path(plansDir) / entry.folder / "listing.json");
        if (!plan) return fail(plan.error());
        plans.emplace(type, std::move(*plan));
    }
    for (const democatalog::CatalogRow& row : table->listings) {
        const listing::Listing& plan = plans.at(row.plan);
        auto made = democatalog::makeDemoListing(plan, table->plans.at(row.plan), row, table->agents[row.agent],
                                                 *statistics);
        if (!made) return fail(made.error());
        fs::path source = fs::path(plansDir) / table->plans.at(row.plan).folder;
        if (Status written = democatalog::writeListingFolder(*made, source, fs::path(outDir) / row.id); !written)
            return fail(written.error());
        if (!quiet) {
            areas::PriceReference reference = statistics->price(row.postalCode, plan.rooms.count);
            std::printf("%s: %s, %g m2, rooms %d: %.0f EUR/m2 (%s %d) -> %.0f EUR\n", row.id.c_str(),
                        row.postalCode.c_str(), plan.area.living, plan.rooms.count, reference.eurPerM2,
                        areas::priceSourceName(reference.source), reference.year, made->price.asking);
        }
    }
    return kExitOk;
}
