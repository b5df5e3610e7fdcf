// Binned SAH build (Wald 2007 style): at each node, bucket the primitive
// centroids into kBins slabs per axis, price every slab boundary with the
// surface area heuristic, and partition at the cheapest. Binning keeps the
// build O(N log N) with no sorting, which is what lets a million triangles
// build in a fraction of a second.
#include "navigation/bvh.h"

#include <algorithm>
#include <array>
#include <limits>

namespace oh::nav {
namespace {

constexpr int kBins = 16;
constexpr uint32_t kMaxLeafSize = 4;     // leaves this small keep query cost flat
constexpr float kTraversalCost = 1.0f;   // relative to one triangle test

struct Bounds {
    glm::vec3 min{std::numeric_limits<float>::max()};
    glm::vec3 max{std::numeric_limits<float>::lowest()};
    void extend(const glm::vec3& lo, const glm::vec3& hi) { min = glm::min(min, lo); max = glm::max(max, hi); }
    void extend(const Bounds& other) { extend(other.min, other.max); }
    float halfArea() const {
        if (min.x > max.x) return 0.0f;
        const glm::vec3 e = max - min;
        return e.x * e.y + e.y * e.z + e.z * e.x;
    }
};

// Boxes travel with their index through the partitions, so every pass over a
// node's range reads memory in order (the build is bandwidth-bound).
struct Item {
    glm::vec3 min;
    uint32_t index;
    glm::vec3 max;
    float unused;
    glm::vec3 centroid() const { return (min + max) * 0.5f; }
};

// A node still to build: its range of items and, computed by whoever made
// the range, the bounds of their boxes and of their centroids.
struct Task {
    uint32_t node, begin, end, depth;
    Bounds bounds, centroids;
};

// Above this many items a node bins only an even sample of them: the SAH
// estimate is as good, and the top levels no longer cost a full pass each.
constexpr uint32_t kBinSample = 1024;

}  // namespace

Bvh buildBvh(std::span<const BvhBox> boxes) {
    Bvh bvh;
    const uint32_t count = uint32_t(boxes.size());
    if (count == 0) return bvh;

    std::vector<Item> items(count);
    Task root{0, 0, count, 0, {}, {}};
    for (uint32_t i = 0; i < count; ++i) {
        items[i] = Item{boxes[i].min, i, boxes[i].max, 0.0f};
        root.bounds.extend(boxes[i].min, boxes[i].max);
        const glm::vec3 c = items[i].centroid();
        root.centroids.extend(c, c);
    }
    bvh.nodes.reserve(size_t(count) * 2);
    bvh.nodes.push_back({});

    std::vector<Task> tasks{root};
    while (!tasks.empty()) {
        const Task task = tasks.back();
        tasks.pop_back();

        BvhNode& node = bvh.nodes[task.node];
        node.min = task.bounds.min;
        node.max = task.bounds.max;
        const uint32_t n = task.end - task.begin;
        auto makeLeaf = [&] {
            node.first = task.begin;
            node.count = n;
        };
        if (n <= 3 || task.depth + 1 >= uint32_t(kBvhMaxDepth)) {
            makeLeaf();
            continue;
        }

        // Bin all three axes in one pass over the range (or a sample of it).
        // Small nodes use fewer bins: near the leaves the per-node set-up,
        // not the items, is what costs.
        const int bins = int(std::min<uint32_t>(kBins, std::max<uint32_t>(4, n)));
        const glm::vec3 lo = task.centroids.min, extent = task.centroids.max - task.centroids.min;
        glm::vec3 scale;
        for (int axis = 0; axis < 3; ++axis) scale[axis] = extent[axis] > 0.0f ? float(bins) / extent[axis] : 0.0f;
        std::array<std::array<Bounds, kBins>, 3> binBounds;
        std::array<std::array<uint32_t, kBins>, 3> binCounts;
        for (int axis = 0; axis < 3; ++axis)
            for (int bin = 0; bin < bins; ++bin) {
                binBounds[axis][bin] = Bounds{};
                binCounts[axis][bin] = 0;
            }
        const uint32_t stride = std::max(1u, n / kBinSample);
        for (uint32_t i = task.begin; i < task.end; i += stride) {
            const glm::vec3 c = items[i].centroid();
            for (int axis = 0; axis < 3; ++axis) {
                const int bin = std::min(bins - 1, int((c[axis] - lo[axis]) * scale[axis]));
                binBounds[axis][bin].extend(items[i].min, items[i].max);
                ++binCounts[axis][bin];
            }
        }
        const uint32_t binned = (n + stride - 1) / stride;

        // Cheapest boundary over all axes.
        float bestCost = std::numeric_limits<float>::max();
        int bestAxis = -1, bestSplit = 0;
        for (int axis = 0; axis < 3; ++axis) {
            if (extent[axis] <= 0.0f) continue;
            // Right-to-left sweep stores the right side's cost; left-to-right finishes it.
            std::array<float, kBins> rightCost{};
            Bounds right;
            uint32_t rightCount = 0;
            for (int bin = bins - 1; bin > 0; --bin) {
                right.extend(binBounds[axis][bin]);
                rightCount += binCounts[axis][bin];
                rightCost[bin] = right.halfArea() * float(rightCount);
            }
            Bounds left;
            uint32_t leftCount = 0;
            for (int split = 1; split < bins; ++split) {
                left.extend(binBounds[axis][split - 1]);
                leftCount += binCounts[axis][split - 1];
                if (leftCount == 0 || leftCount == binned) continue;
                const float cost = left.halfArea() * float(leftCount) + rightCost[split];
                if (cost < bestCost) {
                    bestCost = cost;
                    bestAxis = axis;
                    bestSplit = split;
                }
            }
        }
        const float leafCost = task.bounds.halfArea() * float(n);
        const float splitCost = task.bounds.halfArea() * kTraversalCost + bestCost * float(stride);
        if (bestAxis < 0 || (n <= kMaxLeafSize && leafCost <= splitCost)) {
            // bestAxis < 0: all centroids coincide; no plane separates them.
            makeLeaf();
            continue;
        }

        // Partition, gathering each side's bounds on the way (no extra pass).
        const float axisLo = lo[bestAxis], axisScale = scale[bestAxis];
        auto goesLeft = [&](const Item& item) {
            return std::min(bins - 1, int((item.centroid()[bestAxis] - axisLo) * axisScale)) < bestSplit;
        };
        Task leftTask{0, task.begin, 0, task.depth + 1, {}, {}};
        Task rightTask{0, 0, task.end, task.depth + 1, {}, {}};
        uint32_t first = task.begin, last = task.end;
        while (first < last) {
            Item& item = items[first];
            const glm::vec3 c = item.centroid();
            if (goesLeft(item)) {
                leftTask.bounds.extend(item.min, item.max);
                leftTask.centroids.extend(c, c);
                ++first;
            } else {
                rightTask.bounds.extend(item.min, item.max);
                rightTask.centroids.extend(c, c);
                std::swap(item, items[--last]);
            }
        }
        if (first == task.begin || first == task.end) {
            // A sampled split can miss every item on one side: keep it a leaf
            // only if small, else split at the middle of the range.
            if (n <= kMaxLeafSize * 4) {
                makeLeaf();
                continue;
            }
            first = task.begin + n / 2;
            std::nth_element(items.begin() + task.begin, items.begin() + first, items.begin() + task.end,
                             [&](const Item& a, const Item& b) { return a.centroid()[bestAxis] < b.centroid()[bestAxis]; });
            leftTask.bounds = rightTask.bounds = leftTask.centroids = rightTask.centroids = Bounds{};
            for (uint32_t i = task.begin; i < task.end; ++i) {
                Task& side = i < first ? leftTask : rightTask;
                const glm::vec3 c = items[i].centroid();
                side.bounds.extend(items[i].min, items[i].max);
                side.centroids.extend(c, c);
            }
        }
        leftTask.end = rightTask.begin = first;
        leftTask.node = uint32_t(bvh.nodes.size());
        rightTask.node = leftTask.node + 1;
        node.first = leftTask.node;  // `node` is invalid after the push_backs below
        node.count = 0;
        bvh.nodes.push_back({});
        bvh.nodes.push_back({});
        tasks.push_back(leftTask);
        tasks.push_back(rightTask);
    }
    bvh.nodes.shrink_to_fit();
    bvh.order.resize(count);
    for (uint32_t i = 0; i < count; ++i) bvh.order[i] = items[i].index;
    return bvh;
}

}  // namespace oh::nav
