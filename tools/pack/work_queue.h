// Runs a packer stage's independent jobs (one photo, one texture, one
// panorama face) on every core. Results land in slots the caller owns, one
// per job index, so the output never depends on which thread ran what.
#pragma once

#include <cstddef>
#include <functional>

namespace oh::pack {

// Calls job(i) for every i in [0, count) on up to `threads` threads (0: one
// per core), largest-first when `cost` is given so a big job does not start
// last. After each finished job, `finished(done, count)` runs on the calling
// thread (for a progress bar). Returns when all jobs are done. Jobs must not
// throw; each reports its own errors into its slot.
void runJobs(size_t count, unsigned threads, const std::function<void(size_t)>& job,
             const std::function<double(size_t)>& cost = {},
             const std::function<void(size_t done, size_t count)>& finished = {});

}  // namespace oh::pack
