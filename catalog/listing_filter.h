// What the table's markers ask for, and whether a listing answers it. Every
// criterion left empty lets every listing through; one that is set lets
// through only listings that have the fact and match it (a listing that
// gives no debt-free price is not within any debt-free range).
#pragma once

#include <optional>
#include <set>
#include <string>

#include "catalog/listing_summary.h"

namespace oh::catalog {

// Inclusive bounds; an absent bound is open.
struct Range {
    std::optional<double> min;
    std::optional<double> max;
    bool isSet() const { return min || max; }
    bool contains(double value) const { return (!min || value >= *min) && (!max || value <= *max); }
};

struct Circle {
    double latitude = 0.0;   // WGS84 degrees
    double longitude = 0.0;
    double radiusMetres = 0.0;
};

struct ListingFilter {
    Range askingPrice;
    Range debtFreePrice;
    Range rooms;
    Range livingArea;
    Range floor;
    Range yearBuilt;
    std::set<std::string> districts;         // any of these; empty: any district
    std::set<std::string> requiredFeatures;  // all of these
    std::optional<Circle> near;
};

// Great-circle distance on a sphere of the Earth's mean radius: within 0.5 %
// of the ellipsoid, far finer than a marker placed by hand on a city map.
double distanceMetres(double lat1, double lon1, double lat2, double lon2);

// A filter prepared once per query: the circle's bounding box, so most
// listings are refused by four comparisons before any trigonometry.
class FilterMatcher {
public:
    explicit FilterMatcher(const ListingFilter& filter);
    bool matches(const ListingSummary& listing) const;

private:
    const ListingFilter& m_filter;
    double m_minLat = 0, m_maxLat = 0, m_minLon = 0, m_maxLon = 0;
};

}  // namespace oh::catalog
