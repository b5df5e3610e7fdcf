// checkListingFiles: the files a listing names are there, are plain files,
// stay inside the listing folder and are of a sane size. Runs before the
// packer reads any of them, so a listing's problems come in one message.
#include <system_error>

#include "core/file_io.h"
#include "listing/listing.h"
#include "listing/problems.h"

namespace oh::listing {

namespace fs = std::filesystem;

namespace {

struct FileReference {
    std::string pointer;  // "/photos/3/file"
    std::string file;     // as written in listing.json
};

std::vector<FileReference> referencedFiles(const Listing& listing) {
    std::vector<FileReference> files;
    if (listing.model) files.push_back({"/model", *listing.model});
    if (listing.floorPlan) files.push_back({"/floorPlan", *listing.floorPlan});
    for (size_t i = 0; i < listing.photos.size(); ++i)
        files.push_back({"/photos/" + std::to_string(i) + "/file", listing.photos[i].file});
    for (size_t i = 0; i < listing.panoramas.size(); ++i)
        files.push_back({"/panoramas/" + std::to_string(i) + "/file", listing.panoramas[i].file});
    return files;
}

bool isInside(const fs::path& path, const fs::path& folder) {
    fs::path relative = path.lexically_relative(folder);
    return !relative.empty() && relative != "." && *relative.begin() != "..";
}

// What is wrong with one file, or "" when nothing is.
std::string fileProblem(const fs::path& folder, const fs::path& realFolder, const std::string& file) {
    std::error_code ec;
    std::string quoted = "'" + file + "'";
    fs::path path = folder / fs::path(file);
    if (!fs::exists(fs::symlink_status(path, ec))) return quoted + " not found";
    fs::path real = fs::weakly_canonical(path, ec);
    if (ec) return quoted + " cannot be resolved: " + ec.message();
    if (!isInside(real, realFolder))
        return quoted + " leads outside the listing folder (to " + displayPath(real) +
               "); copy the file into the folder instead of linking to it";
    fs::file_status status = fs::status(real, ec);
    if (!fs::exists(status)) return quoted + " is a link to a file that does not exist";
    if (!fs::is_regular_file(status)) return quoted + " is not a regular file";
    uint64_t size = fs::file_size(real, ec);
    if (ec) return quoted + " cannot be read: " + ec.message();
    if (size > kMaxListingFileBytes)
        return quoted + " is " + std::to_string(size) + " bytes; a listing's files may be at most " +
               std::to_string(kMaxListingFileBytes >> 20) + " MiB";
    return {};
}

}  // namespace

Status checkListingFiles(const Listing& listing, const fs::path& folder) {
    Problems problems(displayPath(folder / "listing.json"));
    std::error_code ec;
    fs::path realFolder = fs::weakly_canonical(folder, ec);
    if (ec) {
        problems.addWhole("cannot resolve the listing folder: " + ec.message());
        return problems.error();
    }
    for (const FileReference& reference : referencedFiles(listing)) {
        std::string problem = fileProblem(folder, realFolder, reference.file);
        if (!problem.empty()) problems.add(reference.pointer, problem);
    }
    if (!problems.empty()) return problems.error();
    return ok();
}

}  // namespace oh::listing
