// Catalog: the folder scan, indexing one bundle, and find().
#include "catalog/catalog.h"

#include <algorithm>
#include <span>
#include <system_error>

#include "bundle/manifest.h"
#include "bundle/signing.h"

namespace oh::catalog {
namespace fs = std::filesystem;
namespace {

std::string trustTag(const CatalogOptions& options) {
    std::vector<std::string> keys;
    for (const bundle::PublicKey& key : options.trustedKeys) keys.push_back(bundle::keyFingerprint(key));
    std::sort(keys.begin(), keys.end());
    std::string tag;
    for (const std::string& key : keys) tag += key + " ";
    return tag;
}

// Size and modification time of every .tour file in the folder; a file that
// vanishes mid-scan is simply not there.
std::map<std::string, FileStamp> scanFolder(const fs::path& folder, std::error_code& error) {
    std::map<std::string, FileStamp> files;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        std::error_code fileError;
        if (it->path().extension() != ".tour" || !it->is_regular_file(fileError)) continue;
        FileStamp stamp;
        stamp.size = it->file_size(fileError);
        auto mtime = it->last_write_time(fileError);
        if (fileError) continue;
        stamp.mtimeNs = std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
        files[it->path().filename().string()] = stamp;
    }
    return files;
}

bool sameFile(const FileStamp& a, const FileStamp& b) { return a.size == b.size && a.mtimeNs == b.mtimeNs; }

}  // namespace

fs::path databasePath(const fs::path& folder, const CatalogOptions& options) {
    if (options.trustedKeys.empty()) return folder / kDatabaseName;
    std::string tag = trustTag(options);
    bundle::ContentHash hash = bundle::hashBytes(std::span(reinterpret_cast<const uint8_t*>(tag.data()), tag.size()));
    return folder / (".openhouse-catalog-" + bundle::hashHex(hash).substr(0, 8) + ".sqlite");
}

Result<Catalog> Catalog::open(const fs::path& folder, const CatalogOptions& options) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) return makeError(folder.string() + ": not a folder of tour bundles");
    auto store = CatalogStore::open(databasePath(folder, options), trustTag(options));
    if (!store) return store.error();
    Catalog catalog;
    catalog.m_folder = folder;
    catalog.m_options = options;
    catalog.m_rebuilt = store->rebuilt();
    catalog.m_store = std::move(store.value());
    auto rows = catalog.m_store.loadAll();
    if (!rows) return rows.error();
    catalog.m_entries = std::move(rows.value());
    return catalog;
}

Result<CatalogEntry> Catalog::indexBundle(const fs::path& path, const FileStamp& stamp) const {
    bundle::OpenOptions openOptions;
    openOptions.trustedKeys = m_options.trustedKeys;
    auto reader = bundle::BundleReader::open(path, openOptions);
    if (!reader) return reader.error();
    auto manifest = bundle::decodeManifest(*reader);
    if (!manifest) return manifest.error();
    auto summary = summarize(*manifest, path.filename().string());
    if (!summary) return summary.error();
    CatalogEntry entry{std::move(summary.value()), stamp};
    entry.stamp.manifestHash = *reader->partInfo(*reader->find(bundle::kManifestPart)).hash;
    return entry;
}

Result<RefreshResult> Catalog::refresh() {
    std::error_code error;
    std::map<std::string, FileStamp> files = scanFolder(m_folder, error);
    if (error) return makeError(m_folder.string() + ": cannot list the folder: " + error.message(), kExitIo);

    RefreshResult result;
    std::vector<CatalogEntry> kept, written;
    std::vector<std::string> removed;
    std::map<std::string, std::pair<FileStamp, std::string>> rejected;
    auto known = m_entries.begin();
    for (const auto& [file, stamp] : files) {
        while (known != m_entries.end() && known->summary.file < file) removed.push_back((known++)->summary.file);
        const CatalogEntry* old = known != m_entries.end() && known->summary.file == file ? &*known++ : nullptr;
        if (old && sameFile(old->stamp, stamp)) {
            kept.push_back(*old);
            continue;
        }
        auto wasRejected = m_rejected.find(file);
        if (!old && wasRejected != m_rejected.end() && sameFile(wasRejected->second.first, stamp)) {
            rejected.insert(*wasRejected);  // reported when first seen; unchanged since
            continue;
        }
        auto entry = indexBundle(m_folder / file, stamp);
        if (!entry) {
            if (old) removed.push_back(file);
            rejected[file] = {stamp, entry.error().message};
            result.problems.push_back({file, entry.error().message});
            continue;
        }
        // Touched or copied again with the same manifest: the same listing.
        bool sameListing = old && old->stamp.manifestHash == entry->stamp.manifestHash && old->summary == entry->summary;
        if (!old) ++result.added;
        else if (!sameListing) ++result.replaced;
        written.push_back(*entry);
        kept.push_back(std::move(entry.value()));
    }
    for (; known != m_entries.end(); ++known) removed.push_back(known->summary.file);
    result.removed = int(removed.size());  // a listed bundle now bad is gone from the table too

    OH_TRY(m_store.apply(written, removed));
    m_entries = std::move(kept);
    m_rejected = std::move(rejected);
    return result;
}

std::vector<ListingSummary> Catalog::find(const ListingFilter& filter) const {
    FilterMatcher matcher(filter);
    std::vector<ListingSummary> found;
    for (const CatalogEntry& entry : m_entries)
        if (matcher.matches(entry.summary)) found.push_back(entry.summary);
    std::sort(found.begin(), found.end(), [](const ListingSummary& a, const ListingSummary& b) { return a.id < b.id; });
    return found;
}

std::vector<BundleProblem> Catalog::problems() const {
    std::vector<BundleProblem> problems;
    for (const auto& [file, rejected] : m_rejected) problems.push_back({file, rejected.second});
    return problems;
}

Status Catalog::put(std::vector<CatalogEntry> rows) {
    OH_TRY(m_store.apply(rows, {}));
    for (CatalogEntry& row : rows) {
        auto at = std::lower_bound(m_entries.begin(), m_entries.end(), row.summary.file,
                                   [](const CatalogEntry& e, const std::string& file) { return e.summary.file < file; });
        if (at != m_entries.end() && at->summary.file == row.summary.file) *at = std::move(row);
        else m_entries.insert(at, std::move(row));
    }
    return ok();
}

}  // namespace oh::catalog
