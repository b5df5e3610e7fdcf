// A listing folder the packer accepts: listing.json and every file it names,
// hard-linked from the folder the plan was rendered into (the packer refuses
// links out of a listing folder, and rendering twice would cost minutes).
#pragma once

#include <filesystem>

#include "core/result.h"
#include "listing/listing.h"

namespace oh::democatalog {

// Replaces `folder` with listing.json (canonical, listing::toJson) and hard
// links to `source`'s files of the same relative paths (copies where the file
// system cannot link). Errors (kExitIo) name the file.
Status writeListingFolder(const listing::Listing& listing, const std::filesystem::path& source,
                          const std::filesystem::path& folder);

}  // namespace oh::democatalog
