// listings.json -> CatalogTable. nlohmann::json throws; nothing thrown leaves
// this file. The values' own rules (postal code, energy class, feature names)
// are the listing format's, checked when each listing is made.
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "tools/demo_catalog/catalog_table.h"

namespace oh::democatalog {

namespace {

using nlohmann::json;

// Reads members of one object; the first problem is kept with its pointer.
class Fields {
public:
    Fields(const json& object, std::string pointer, std::string& problem)
        : m_object(object), m_pointer(std::move(pointer)), m_problem(problem) {
        if (!object.is_object()) fail("", "expected an object");
    }

    std::string text(const char* key, const char* expected) {
        const json* value = member(key, &json::is_string, expected);
        return value ? value->get<std::string>() : std::string();
    }
    int integer(const char* key) {
        const json* value = member(key, &json::is_number_integer, "an integer");
        return value ? value->get<int>() : 0;
    }
    double number(const char* key, const char* expected) {
        const json* value = member(key, &json::is_number, expected);
        return value ? value->get<double>() : 0.0;
    }
    std::vector<std::string> texts(const char* key, const char* expected) {
        std::vector<std::string> out;
        if (const json* value = member(key, &json::is_array, expected))
            for (const json& item : *value) {
                if (!item.is_string()) {
                    fail(key, std::string("expected ") + expected);
                    break;
                }
                out.push_back(item.get<std::string>());
            }
        return out;
    }
    // The member as it is (an object or array to read further), or an empty
    // object when it is missing or of another kind.
    const json& part(const char* key, bool (json::*kind)() const noexcept, const char* expected) {
        static const json kNone = json::object();
        const json* value = member(key, kind, expected);
        return value ? *value : kNone;
    }

    void fail(const std::string& key, const std::string& problem) {
        if (m_problem.empty()) m_problem = m_pointer + (key.empty() ? "" : "/" + key) + ": " + problem;
    }

private:
    const json* member(const char* key, bool (json::*kind)() const noexcept, const char* expected) {
        if (!m_object.is_object()) return nullptr;
        auto it = m_object.find(key);
        if (it == m_object.end()) {
            fail(key, "missing");
            return nullptr;
        }
        if (!((*it).*kind)()) {
            fail(key, std::string("expected ") + expected);
            return nullptr;
        }
        return &*it;
    }

    const json& m_object;
    std::string m_pointer;
    std::string& m_problem;
};

}  // namespace

Result<CatalogTable> readCatalogTable(const std::filesystem::path& path) {
    auto bytes = readFile(path, uint64_t(1) << 20);
    if (!bytes) return bytes.error();
    const std::string name = displayPath(path);
    json root;
    try {
        root = json::parse(bytes->begin(), bytes->end());
    } catch (const json::parse_error& e) {
        return makeError(name + ": not valid JSON: " + e.what());
    }
    CatalogTable table;
    std::string problem;
    Fields top(root, "", problem);
    for (const auto& [type, value] : top.part("plans", &json::is_object, "an object of plans").items()) {
        Fields plan(value, "/plans/" + type, problem);
        table.plans[type] = PlanEntry{plan.text("folder", "a folder name"),
                                      plan.texts("features", "an array of feature names")};
    }
    const json& agents = top.part("agents", &json::is_array, "an array of agents");
    for (size_t i = 0; i < agents.size(); ++i) {
        Fields agent(agents[i], "/agents/" + std::to_string(i), problem);
        table.agents.push_back(listing::Agent{agent.text("name", "a name"), agent.text("phone", "a phone number"),
                                              agent.text("email", "an e-mail address")});
    }
    const json& listings = top.part("listings", &json::is_array, "an array of listings");
    for (size_t i = 0; i < listings.size() && problem.empty(); ++i) {
        CatalogRow row;
        row.pointer = "/listings/" + std::to_string(i);
        Fields f(listings[i], row.pointer, problem);
        row.id = f.text("id", "a listing id");
        row.street = f.text("street", "a street address");
        row.postalCode = f.text("postalCode", "a postal code");
        row.district = f.text("district", "a district name");
        row.latitude = f.number("latitude", "degrees north");
        row.longitude = f.number("longitude", "degrees east");
        row.plan = f.text("plan", "a plan type");
        row.floor = f.integer("floor");
        row.floors = f.integer("floors");
        row.yearBuilt = f.integer("yearBuilt");
        row.priceFactor = f.number("priceFactor", "a number");
        row.loanShare = f.number("loanShare", "a number");
        row.maintenancePerM2 = f.number("maintenancePerM2", "a number");
        row.energyClass = f.text("energyClass", "an energy class");
        row.features = f.texts("features", "an array of feature names");
        Fields note(f.part("note", &json::is_object, "an object of sentences by language"), row.pointer + "/note",
                    problem);
        row.noteFi = note.text("fi", "a sentence in Finnish");
        row.noteEn = note.text("en", "a sentence in English");
        int agent = f.integer("agent");
        if (!problem.empty()) break;
        if (!table.plans.count(row.plan)) f.fail("plan", "no plan '" + row.plan + "' in /plans");
        if (agent < 0 || size_t(agent) >= table.agents.size())
            f.fail("agent", "no agent " + std::to_string(agent) + " in /agents");
        row.agent = size_t(agent);
        // Within ±12 % of the area's level: inside the ±15 % test_demo_catalog
        // holds every price to, after rounding.
        if (row.priceFactor < 0.88 || row.priceFactor > 1.12) f.fail("priceFactor", "must be between 0.88 and 1.12");
        if (row.loanShare <= 0.0 || row.loanShare > 0.5) f.fail("loanShare", "must be above 0 and at most 0.5");
        table.listings.push_back(std::move(row));
    }
    if (!problem.empty()) return makeError(name + ": " + problem);
    return table;
}

}  // namespace oh::democatalog
