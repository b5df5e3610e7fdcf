// Writes one catalog listing's folder. std::filesystem reports through
// error_code here; nothing thrown leaves this file.
#include <system_error>

#include "core/file_io.h"
#include "tools/demo_catalog/listing_folder.h"

namespace oh::democatalog {

namespace fs = std::filesystem;

namespace {

Status linkOrCopy(const fs::path& from, const fs::path& to) {
    std::error_code error;
    fs::create_directories(to.parent_path(), error);
    if (!error) fs::create_hard_link(from, to, error);
    if (error) {  // another file system: a copy does as well
        error.clear();
        fs::copy_file(from, to, fs::copy_options::overwrite_existing, error);
    }
    if (error) return makeError(displayPath(to) + ": cannot link or copy " + displayPath(from) + ": " + error.message(), kExitIo);
    return ok();
}

}  // namespace

Status writeListingFolder(const listing::Listing& listing, const fs::path& source, const fs::path& folder) {
    std::error_code error;
    fs::remove_all(folder, error);  // a stale picture from an earlier table must not stay
    fs::create_directories(folder, error);
    if (error) return makeError(displayPath(folder) + ": cannot create the folder: " + error.message(), kExitIo);
    std::vector<std::string> files;
    if (listing.model) files.push_back(*listing.model);
    if (listing.floorPlan) files.push_back(*listing.floorPlan);
    for (const listing::Photo& photo : listing.photos) files.push_back(photo.file);
    for (const listing::Panorama& panorama : listing.panoramas) files.push_back(panorama.file);
    for (const std::string& file : files) OH_TRY(linkOrCopy(source / file, folder / file));
    std::string text = listing::toJson(listing);
    return writeFileAtomic(folder / "listing.json",
                           std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

}  // namespace oh::democatalog
