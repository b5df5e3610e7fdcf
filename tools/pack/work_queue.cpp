#include "tools/pack/work_queue.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

namespace oh::pack {

void runJobs(size_t count, unsigned threads, const std::function<void(size_t)>& job,
             const std::function<double(size_t)>& cost,
             const std::function<void(size_t done, size_t count)>& finished) {
    if (count == 0) return;
    std::vector<size_t> order(count);
    std::iota(order.begin(), order.end(), size_t(0));
    if (cost) std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cost(a) > cost(b); });
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = unsigned(std::min<size_t>(threads, count));

    std::atomic<size_t> next{0};
    std::mutex mutex;
    std::condition_variable changed;
    size_t done = 0;
    auto worker = [&] {
        for (size_t i; (i = next.fetch_add(1)) < count;) {
            job(order[i]);
            std::lock_guard lock(mutex);
            ++done;
            changed.notify_one();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    // The caller's thread reports progress while the pool works.
    size_t reported = 0;
    std::unique_lock lock(mutex);
    while (reported < count) {
        changed.wait(lock, [&] { return done > reported; });
        size_t now = done;
        lock.unlock();
        for (; reported < now; ++reported)
            if (finished) finished(reported + 1, count);
        lock.lock();
    }
    lock.unlock();
    for (std::thread& thread : pool) thread.join();
}

}  // namespace oh::pack
