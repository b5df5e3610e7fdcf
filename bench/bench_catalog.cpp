// The branch table's filters over a generated catalog of 10,000 listings
// (issue 11: under 16 ms each). Rows go in through Catalog::put, as refresh()
// would write them, so no bundle files are made. Prints one line per filter:
// median and p90 of find() over 200 runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "catalog/catalog.h"
#include "listing/listing.h"

using namespace oh::catalog;
namespace fs = std::filesystem;

int main() {
    fs::path folder = fs::temp_directory_path() / ("oh_bench_catalog_" + std::to_string(::getpid()));
    fs::create_directories(folder);
    auto catalog = Catalog::open(folder);
    if (!catalog) {
        std::fprintf(stderr, "%s\n", catalog.error().message.c_str());
        return 1;
    }
    const char* districts[] = {"Kallio", "Töölö", "Punavuori", "Vallila", "Herttoniemi", "Kamppi", "Pasila", "Vuosaari"};
    const auto& features = oh::listing::featureNames();
    std::mt19937 random(11);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<CatalogEntry> rows;
    for (int i = 0; i < 10000; ++i) {
        ListingSummary& l = rows.emplace_back().summary;
        l.id = "listing-" + std::to_string(i);
        l.file = l.id + ".tour";
        l.title = l.street = "Testikatu " + std::to_string(i);
        l.postalCode = "00530";
        l.district = districts[i % 8];
        l.latitude = 60.15 + 0.08 * unit(random);
        l.longitude = 24.85 + 0.20 * unit(random);
        l.rooms = 1 + int(unit(random) * 5);
        l.livingArea = 18 + l.rooms * 15 + 10 * unit(random);
        l.askingPrice = l.livingArea * (3000 + 5000 * unit(random));
        l.debtFreePrice = l.askingPrice * (1 + 0.3 * unit(random));
        l.floor = int(unit(random) * 8);
        l.yearBuilt = 1900 + int(unit(random) * 125);
        for (std::string_view f : features)
            if (unit(random) < 0.2) l.features.emplace_back(f);
        std::sort(l.features.begin(), l.features.end());
    }
    if (auto put = catalog->put(std::move(rows)); !put) {
        std::fprintf(stderr, "%s\n", put.error().message.c_str());
        return 1;
    }

    struct Named { const char* name; ListingFilter filter; };
    std::vector<Named> filters(6);
    filters[0].name = "none (all 10,000)";
    filters[1].name = "price 200-400k";
    filters[1].filter.askingPrice = {200000, 400000};
    filters[2].name = "price + rooms 2-3 + area 40-80";
    filters[2].filter.askingPrice = {200000, 400000};
    filters[2].filter.rooms = {2, 3};
    filters[2].filter.livingArea = {40, 80};
    filters[3].name = "2 districts + sauna + balcony";
    filters[3].filter.districts = {"Kallio", "Töölö"};
    filters[3].filter.requiredFeatures = {"sauna", "balcony"};
    filters[4].name = "1 km circle";
    filters[4].filter.near = Circle{60.1841, 24.9497, 1000};
    filters[5].name = "everything set";
    filters[5].filter = filters[2].filter;
    filters[5].filter.debtFreePrice.max = 500000;
    filters[5].filter.floor = {1, 6};
    filters[5].filter.yearBuilt = {1920, 2020};
    filters[5].filter.requiredFeatures = {"sauna"};
    filters[5].filter.near = Circle{60.1841, 24.9497, 3000};

    for (const Named& f : filters) {
        std::vector<double> ms;
        size_t count = 0;
        for (int run = 0; run < 200; ++run) {
            auto start = std::chrono::steady_clock::now();
            count = catalog->find(f.filter).size();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(ms.begin(), ms.end());
        std::printf("find %-32s %5zu listings  median %.3f ms  p90 %.3f ms\n", f.name, count, ms[ms.size() / 2],
                    ms[ms.size() * 9 / 10]);
    }
    auto start = std::chrono::steady_clock::now();
    auto reopened = Catalog::open(folder);
    double openMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("open (load 10,000 rows from SQLite)  %.1f ms\n", reopened ? openMs : -1.0);
    fs::remove_all(folder);
    return 0;
}
