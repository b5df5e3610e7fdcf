// The filters of listing_filter.h over one row.
#include "catalog/listing_filter.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace oh::catalog {
namespace {

constexpr double kEarthRadiusMetres = 6371008.8;  // IUGG mean radius
constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;

bool inRange(const Range& range, const std::optional<double>& value) {
    if (!range.isSet()) return true;
    return value && range.contains(*value);
}

}  // namespace

double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
    // Haversine: well conditioned for the short distances a city map has.
    double dLat = (lat2 - lat1) * kRadiansPerDegree, dLon = (lon2 - lon1) * kRadiansPerDegree;
    double a = std::sin(dLat / 2) * std::sin(dLat / 2) +
               std::cos(lat1 * kRadiansPerDegree) * std::cos(lat2 * kRadiansPerDegree) * std::sin(dLon / 2) *
                   std::sin(dLon / 2);
    return 2 * kEarthRadiusMetres * std::asin(std::min(1.0, std::sqrt(a)));
}

FilterMatcher::FilterMatcher(const ListingFilter& filter) : m_filter(filter) {
    if (!filter.near) return;
    const Circle& c = *filter.near;
    double dLat = c.radiusMetres / kEarthRadiusMetres / kRadiansPerDegree;
    m_minLat = c.latitude - dLat;
    m_maxLat = c.latitude + dLat;
    // The box widens in longitude towards the poles; near one, any longitude.
    double cosLat = std::cos(std::min(89.0, std::max(std::abs(m_minLat), std::abs(m_maxLat))) * kRadiansPerDegree);
    double dLon = std::min(180.0, dLat / cosLat);
    m_minLon = c.longitude - dLon;
    m_maxLon = c.longitude + dLon;
}

bool FilterMatcher::matches(const ListingSummary& l) const {
    const ListingFilter& f = m_filter;
    if (!f.askingPrice.contains(l.askingPrice) || !inRange(f.debtFreePrice, l.debtFreePrice) ||
        !f.rooms.contains(l.rooms) || !f.livingArea.contains(l.livingArea) || !f.yearBuilt.contains(l.yearBuilt))
        return false;
    if (!inRange(f.floor, l.floor ? std::optional<double>(*l.floor) : std::nullopt)) return false;
    if (!f.districts.empty() && (!l.district || !f.districts.count(*l.district))) return false;
    for (const std::string& feature : f.requiredFeatures)
        if (!std::binary_search(l.features.begin(), l.features.end(), feature)) return false;
    if (f.near) {
        // Helsinki is far from the antimeridian: the box need not wrap.
        if (l.latitude < m_minLat || l.latitude > m_maxLat || l.longitude < m_minLon || l.longitude > m_maxLon)
            return false;
        if (distanceMetres(f.near->latitude, f.near->longitude, l.latitude, l.longitude) > f.near->radiusMetres)
            return false;
    }
    return true;
}

}  // namespace oh::catalog
