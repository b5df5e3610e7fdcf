// The Statistics Finland price table (areas::kPricesFile) as rows: €/m² of old
// flats sold, by postal code, year and size class. Only the reading; which
// figure a listing is compared with is area_statistics.cpp's job.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "areas/area_statistics.h"
#include "core/result.h"

namespace oh::areas {

struct PriceRow {
    std::string postcode;
    std::string areaName;  // empty when the file has no area_name column
    int year = 0;
    SizeClass sizeClass = SizeClass::Studio;
    float eurPerM2 = 0.0f;
    int line = 0;  // 1-based, for messages
};

// Reads CSV text with a header row naming the columns postcode, year,
// talotyyppi_code and price_eur_per_m2 (area_name optional; any order; other
// columns ignored). Commas separate fields, double quotes may enclose one,
// lines end in LF or CRLF, a UTF-8 byte order mark is skipped. Rows of other
// building types than flats (code 5: terraced houses) are skipped, and so are
// prices Statistics Finland marks as missing ("", ".", "..", "...", "-").
// Errors name `displayName`, the line and the problem:
// "prices.csv:14: price_eur_per_m2 'n/a' is not a number".
Result<std::vector<PriceRow>> readPriceCsv(std::string_view text, std::string_view displayName);

}  // namespace oh::areas
