#include "markers/marker_config.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <map>

#include <nlohmann/json.hpp>

#include "core/file_io.h"

namespace oh::markers {

namespace {

using Json = nlohmann::json;

constexpr std::array<std::pair<Criterion, std::string_view>, 10> kCriterionNames{{
    {Criterion::MaxPrice, "maxPrice"},
    {Criterion::MinPrice, "minPrice"},
    {Criterion::MaxDebtFreePrice, "maxDebtFreePrice"},
    {Criterion::MinRooms, "minRooms"},
    {Criterion::MinLivingArea, "minLivingArea"},
    {Criterion::MinFloor, "minFloor"},
    {Criterion::MinYearBuilt, "minYearBuilt"},
    {Criterion::District, "district"},
    {Criterion::Feature, "feature"},
    {Criterion::Location, "location"},
}};

constexpr uint64_t kMaxFiducial = uint64_t(std::numeric_limits<int32_t>::max());  // TUIO ids are int32

// Collects every problem as "POINTER: what is wrong".
class Reader {
public:
    std::vector<std::string> problems;

    void problem(const std::string& pointer, const std::string& what) { problems.push_back(pointer + ": " + what); }

    void onlyKeys(const Json& object, const std::string& pointer, std::initializer_list<std::string_view> known,
                  std::string_view why) {
        for (const auto& [key, value] : object.items()) {
            if (std::find(known.begin(), known.end(), key) == known.end())
                problem(pointer + "/" + key, "unknown key " + std::string(why));
        }
    }

    std::optional<double> number(const Json& object, const std::string& pointer, const char* key, bool required) {
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) problem(pointer, std::string("missing \"") + key + "\" (a number)");
            return std::nullopt;
        }
        if (!it->is_number() || !std::isfinite(it->get<double>())) {
            problem(pointer + "/" + key, "expected a number, got " + it->dump());
            return std::nullopt;
        }
        return it->get<double>();
    }

    std::optional<std::string> text(const Json& object, const std::string& pointer, const char* key, bool required) {
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) problem(pointer, std::string("missing \"") + key + "\" (a string)");
            return std::nullopt;
        }
        if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
            problem(pointer + "/" + key, "expected a non-empty string, got " + it->dump());
            return std::nullopt;
        }
        return it->get<std::string>();
    }
};

void readDial(Reader& reader, const Json& entry, const std::string& pointer, MarkerSpec& spec) {
    reader.onlyKeys(entry, pointer, {"fiducial", "criterion", "min", "max", "step", "perTurn", "start"},
                    "(a dial takes min, max, step, perTurn, start)");
    auto min = reader.number(entry, pointer, "min", true);
    auto max = reader.number(entry, pointer, "max", true);
    auto step = reader.number(entry, pointer, "step", true);
    auto perTurn = reader.number(entry, pointer, "perTurn", true);
    auto start = reader.number(entry, pointer, "start", true);
    if (min && max && *min >= *max) reader.problem(pointer + "/max", "must be more than min");
    if (step && *step <= 0) reader.problem(pointer + "/step", "must be more than 0");
    if (step && min && max && *min < *max && *step > *max - *min)
        reader.problem(pointer + "/step", "must not be more than max - min");
    if (perTurn && *perTurn <= 0) reader.problem(pointer + "/perTurn", "must be more than 0");
    if (start && min && max && (*start < *min || *start > *max))
        reader.problem(pointer + "/start", "must be within [min, max]");
    spec.min = min.value_or(0);
    spec.max = max.value_or(0);
    spec.step = step.value_or(1);
    spec.perTurn = perTurn.value_or(1);
    spec.start = start.value_or(0);
}

void readDistrict(Reader& reader, const Json& entry, const std::string& pointer, MarkerSpec& spec) {
    reader.onlyKeys(entry, pointer, {"fiducial", "criterion", "values", "perTurn", "start"},
                    "(a district marker takes values, perTurn, start)");
    auto values = entry.find("values");
    if (values == entry.end() || !values->is_array() || values->empty()) {
        reader.problem(pointer + (values == entry.end() ? "" : "/values"),
                       "\"values\" must be a non-empty array of district names");
    } else {
        for (size_t i = 0; i < values->size(); ++i) {
            const Json& value = (*values)[i];
            const std::string at = pointer + "/values/" + std::to_string(i);
            if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
                reader.problem(at, "expected a district name, got " + value.dump());
                continue;
            }
            const std::string& name = value.get_ref<const std::string&>();
            if (std::find(spec.values.begin(), spec.values.end(), name) != spec.values.end())
                reader.problem(at, "'" + name + "' is listed twice");
            else
                spec.values.push_back(name);
        }
    }
    auto perTurn = reader.number(entry, pointer, "perTurn", false);
    if (perTurn && *perTurn <= 0) reader.problem(pointer + "/perTurn", "must be more than 0");
    spec.perTurn = perTurn.value_or(double(spec.values.size()));
    if (auto start = reader.text(entry, pointer, "start", false)) {
        auto it = std::find(spec.values.begin(), spec.values.end(), *start);
        if (it == spec.values.end()) reader.problem(pointer + "/start", "'" + *start + "' is not one of the values");
        else spec.start = double(it - spec.values.begin());
    }
}

void readFeature(Reader& reader, const Json& entry, const std::string& pointer, MarkerSpec& spec) {
    reader.onlyKeys(entry, pointer, {"fiducial", "criterion", "value", "label"},
                    "(a feature marker takes value, label)");
    if (auto value = reader.text(entry, pointer, "value", true)) spec.values = {*value};
    spec.label = reader.text(entry, pointer, "label", false).value_or(spec.values.empty() ? "" : spec.values[0]);
}

}  // namespace

std::string_view criterionName(Criterion criterion) {
    for (const auto& [value, name] : kCriterionNames)
        if (value == criterion) return name;
    return "?";
}

const MarkerSpec* MarkerConfig::find(int32_t fiducial) const {
    for (const MarkerSpec& spec : markers)
        if (spec.fiducial == fiducial) return &spec;
    return nullptr;
}

Result<MarkerConfig> parseMarkerConfig(std::string_view text, const std::string& fileName) {
    Json root;
    try {
        root = Json::parse(text);
    } catch (const Json::parse_error& error) {
        return makeError(fileName + ": not valid JSON at byte " + std::to_string(error.byte));
    }
    Reader reader;
    MarkerConfig config;
    std::map<int32_t, std::string> fiducialAt;
    auto markers = root.is_object() ? root.find("markers") : root.end();
    if (!root.is_object()) {
        reader.problem("", "expected an object with \"markers\"");
    } else if (markers == root.end() || !markers->is_array()) {
        reader.problem(markers == root.end() ? "" : "/markers", "\"markers\" must be an array of markers");
    } else {
        reader.onlyKeys(root, "", {"markers"}, "(the file holds \"markers\")");
        for (size_t i = 0; i < markers->size(); ++i) {
            const Json& entry = (*markers)[i];
            const std::string pointer = "/markers/" + std::to_string(i);
            if (!entry.is_object()) {
                reader.problem(pointer, "expected an object, got " + entry.dump());
                continue;
            }
            MarkerSpec spec;
            auto fiducial = entry.find("fiducial");
            if (fiducial == entry.end()) {
                reader.problem(pointer, "missing \"fiducial\" (the marker's id)");
            } else if (!fiducial->is_number_integer() || fiducial->get<int64_t>() < 0 ||
                       uint64_t(fiducial->get<int64_t>()) > kMaxFiducial) {
                reader.problem(pointer + "/fiducial",
                               "expected a whole number from 0 to 2147483647, got " + fiducial->dump());
            } else {
                spec.fiducial = int32_t(fiducial->get<int64_t>());
                auto [it, fresh] = fiducialAt.try_emplace(spec.fiducial, pointer);
                if (!fresh)
                    reader.problem(pointer + "/fiducial",
                                   "fiducial " + std::to_string(spec.fiducial) + " is already used by " + it->second);
            }
            auto name = reader.text(entry, pointer, "criterion", true);
            if (!name) continue;
            auto known = std::find_if(kCriterionNames.begin(), kCriterionNames.end(),
                                      [&](const auto& pair) { return pair.second == *name; });
            if (known == kCriterionNames.end()) {
                std::string list;
                for (const auto& [value, known] : kCriterionNames)
                    list += (list.empty() ? "" : ", ") + std::string(known);
                reader.problem(pointer + "/criterion", "unknown criterion '" + *name + "' (known: " + list + ")");
                continue;
            }
            spec.criterion = known->first;
            if (spec.criterion == Criterion::District) readDistrict(reader, entry, pointer, spec);
            else if (spec.criterion == Criterion::Feature) readFeature(reader, entry, pointer, spec);
            else readDial(reader, entry, pointer, spec);
            config.markers.push_back(std::move(spec));
        }
    }
    if (!reader.problems.empty()) {
        std::string message = fileName + ": " + reader.problems.front();
        if (reader.problems.size() > 1)
            message += " (and " + std::to_string(reader.problems.size() - 1) + " more problems)";
        return makeError(message);
    }
    return config;
}

Result<MarkerConfig> loadMarkerConfig(const std::filesystem::path& path) {
    Result<std::vector<uint8_t>> bytes = readFile(path, uint64_t(1) << 20);
    if (!bytes) return bytes.error();
    const std::string_view text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    return parseMarkerConfig(text, displayPath(path));
}

}  // namespace oh::markers
