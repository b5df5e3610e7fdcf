// Flattens a bundle's manifest into the row the table filters on.
#include "catalog/listing_summary.h"

#include <algorithm>

namespace oh::catalog {

Result<ListingSummary> summarize(const bundle::Manifest& manifest, const std::string& file) {
    if (!manifest.listing) return makeError(file + ": a bare model with no listing, not a listing for sale");
    const listing::Listing& listing = *manifest.listing;
    ListingSummary s;
    s.id = listing.id;
    s.file = file;
    s.title = manifest.title;
    s.street = listing.address.street;
    s.postalCode = listing.address.postalCode;
    s.district = listing.address.district;
    s.latitude = listing.location.latitude;
    s.longitude = listing.location.longitude;
    s.askingPrice = listing.price.asking;
    s.debtFreePrice = listing.price.debtFree;
    s.maintenancePerMonth = listing.price.maintenancePerMonth;
    s.livingArea = listing.area.living;
    s.rooms = listing.rooms.count;
    if (listing.floor) s.floor = listing.floor->number;
    s.yearBuilt = listing.yearBuilt;
    s.energyClass = listing.energyClass;
    s.features = listing.features;
    std::sort(s.features.begin(), s.features.end());
    s.photoCount = uint32_t(manifest.photos.size());
    s.panoramaCount = uint32_t(manifest.panoramas.size());
    s.hasModel = manifest.scene.meshes > 0;
    if (!manifest.photos.empty()) s.thumbnailPart = manifest.photos.front().thumbnail.part;
    return s;
}

}  // namespace oh::catalog
