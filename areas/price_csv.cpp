// Statistics Finland's price CSV -> PriceRow. The file is small (about 700
// rows), so it is read whole; every problem stops the read at its line.
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include "areas/postal_areas.h"
#include "areas/price_csv.h"

namespace oh::areas {

namespace {

// Prices Statistics Finland leaves out (too few sales) arrive empty or as
// these markers, depending on the export.
bool isMissingMarker(std::string_view text) {
    return text.empty() || text == "." || text == ".." || text == "..." || text == "-";
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// One CSV line into fields; nullopt on an unterminated quote.
std::optional<std::vector<std::string>> splitFields(std::string_view line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            bool escapedQuote = c == '"' && i + 1 < line.size() && line[i + 1] == '"';
            if (c != '"' || escapedQuote) fields.back() += c;
            if (escapedQuote) ++i;
            if (c == '"' && !escapedQuote) quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    if (quoted) return std::nullopt;
    for (std::string& field : fields) field = std::string(trimmed(field));
    return fields;
}

template <typename Number>
std::optional<Number> parseNumber(std::string_view text) {
    Number value{};
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

struct Columns {
    size_t postcode = 0, year = 0, code = 0, price = 0;
    std::optional<size_t> areaName;
    size_t count = 0;
};

Result<Columns> findColumns(const std::vector<std::string>& header, const std::string& where) {
    auto find = [&](std::string_view name) -> std::optional<size_t> {
        for (size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) return i;
        return std::nullopt;
    };
    Columns columns;
    columns.count = header.size();
    columns.areaName = find("area_name");
    const std::pair<const char*, size_t*> required[] = {
        {"postcode", &columns.postcode}, {"year", &columns.year},
        {"talotyyppi_code", &columns.code}, {"price_eur_per_m2", &columns.price}};
    for (const auto& [name, index] : required) {
        std::optional<size_t> found = find(name);
        if (!found) {
            std::string names;
            for (const std::string& column : header) names += (names.empty() ? "" : ", ") + column;
            return makeError(where + ": no column '" + name + "' in the header (" + names + ")");
        }
        *index = *found;
    }
    return columns;
}

}  // namespace

Result<std::vector<PriceRow>> readPriceCsv(std::string_view text, std::string_view displayName) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    const std::string name(displayName);
    std::vector<PriceRow> rows;
    std::optional<Columns> columns;
    std::map<std::tuple<std::string, int, SizeClass>, int> firstLine;  // duplicates are refused
    int lineNumber = 0;
    while (!text.empty()) {
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++lineNumber;
        if (line.ends_with('\r')) line.remove_suffix(1);
        const std::string where = name + ":" + std::to_string(lineNumber);
        if (trimmed(line).empty()) continue;
        std::optional<std::vector<std::string>> fields = splitFields(line);
        if (!fields) return makeError(where + ": a quoted field is not closed");
        if (!columns) {
            auto found = findColumns(*fields, where);
            if (!found) return found.error();
            columns = *found;
            continue;
        }
        if (fields->size() != columns->count)
            return makeError(where + ": expected " + std::to_string(columns->count) + " fields as in the header, found " +
                             std::to_string(fields->size()));
        const std::vector<std::string>& f = *fields;
        PriceRow row;
        row.line = lineNumber;
        row.postcode = f[columns->postcode];
        if (!isPostcode(row.postcode))
            return makeError(where + ": postcode '" + row.postcode + "' is not a five-digit postal code");
        std::optional<int> year = parseNumber<int>(f[columns->year]);
        if (!year || *year < 1900 || *year > 2100)
            return makeError(where + ": year '" + f[columns->year] + "' is not a year");
        row.year = *year;
        std::optional<int> code = parseNumber<int>(f[columns->code]);
        if (!code) return makeError(where + ": talotyyppi_code '" + f[columns->code] + "' is not a number");
        // 1-3: flats by size; 5: terraced houses, which no listing here is.
        if (*code < 1 || *code > 3) continue;
        row.sizeClass = SizeClass(*code - 1);
        const std::string& priceText = f[columns->price];
        if (isMissingMarker(priceText)) continue;
        std::optional<float> price = parseNumber<float>(priceText);
        if (!price) return makeError(where + ": price_eur_per_m2 '" + priceText + "' is not a number");
        if (!std::isfinite(*price) || *price <= 0.0f || *price > 1e6f)
            return makeError(where + ": price_eur_per_m2 " + priceText + " is not a plausible €/m² (above 0, at most 1000000)");
        row.eurPerM2 = *price;
        if (columns->areaName) row.areaName = f[*columns->areaName];
        auto [previous, inserted] = firstLine.emplace(std::tuple(row.postcode, row.year, row.sizeClass), lineNumber);
        if (!inserted)
            return makeError(where + ": a second price for " + row.postcode + ", " + std::to_string(row.year) + ", " +
                             sizeClassName(row.sizeClass) + " (the first is on line " +
                             std::to_string(previous->second) + ")");
        rows.push_back(std::move(row));
    }
    if (!columns) return makeError(name + ": empty, expected a header row and prices");
    return rows;
}

}  // namespace oh::areas
