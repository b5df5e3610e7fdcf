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

struct Task {
    uint32_t node, begin, end, depth;
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

}  // namespace

Bvh buildBvh(std::span<const BvhBox> boxes) {
    Bvh bvh;
    const uint32_t count = uint32_t(boxes.size());
    if (count == 0) return bvh;

    std::vector<Item> items(count);
    for (uint32_t i = 0; i < count; ++i) items[i] = Item{boxes[i].min, i, boxes[i].max, 0.0f};
    bvh.nodes.reserve(size_t(count) * 2);
    bvh.nodes.push_back({});

    std::vector<Task> tasks{{0, 0, count, 0}};
    while (!tasks.empty()) {
        const Task task = tasks.back();
        tasks.pop_back();

        Bounds bounds, centroidBounds;
        for (uint32_t i = task.begin; i < task.end; ++i) {
            bounds.extend(items[i].min, items[i].max);
            const glm::vec3 c = items[i].centroid();
            centroidBounds.extend(c, c);
        }
        BvhNode& node = bvh.nodes[task.node];
        node.min = bounds.min;
        node.max = bounds.max;
        const uint32_t n = task.end - task.begin;
        auto makeLeaf = [&] {
            node.first = task.begin;
            node.count = n;
        };
        if (n <= 2 || task.depth + 1 >= uint32_t(kBvhMaxDepth)) {
            makeLeaf();
            continue;
        }

        // Bin all three axes in one pass over the range.
        const glm::vec3 lo = centroidBounds.min, extent = centroidBounds.max - centroidBounds.min;
        glm::vec3 scale;
        for (int axis = 0; axis < 3; ++axis) scale[axis] = extent[axis] > 0.0f ? float(kBins) / extent[axis] : 0.0f;
        std::array<std::array<Bounds, kBins>, 3> binBounds{};
        std::array<std::array<uint32_t, kBins>, 3> binCounts{};
        for (uint32_t i = task.begin; i < task.end; ++i) {
            const glm::vec3 c = items[i].centroid();
            for (int axis = 0; axis < 3; ++axis) {
                const int bin = std::min(kBins - 1, int((c[axis] - lo[axis]) * scale[axis]));
                binBounds[axis][bin].extend(items[i].min, items[i].max);
                ++binCounts[axis][bin];
            }
        }

        // Cheapest boundary over all axes.
        float bestCost = std::numeric_limits<float>::max();
        int bestAxis = -1, bestSplit = 0;
        for (int axis = 0; axis < 3; ++axis) {
            if (extent[axis] <= 0.0f) continue;
            // Right-to-left sweep stores the right side's cost; left-to-right finishes it.
            std::array<float, kBins> rightCost{};
            Bounds right;
            uint32_t rightCount = 0;
            for (int bin = kBins - 1; bin > 0; --bin) {
                right.extend(binBounds[axis][bin]);
                rightCount += binCounts[axis][bin];
                rightCost[bin] = right.halfArea() * float(rightCount);
            }
            Bounds left;
            uint32_t leftCount = 0;
            for (int split = 1; split < kBins; ++split) {
                left.extend(binBounds[axis][split - 1]);
                leftCount += binCounts[axis][split - 1];
                if (leftCount == 0 || leftCount == n) continue;
                const float cost = left.halfArea() * float(leftCount) + rightCost[split];
                if (cost < bestCost) {
                    bestCost = cost;
                    bestAxis = axis;
                    bestSplit = split;
                }
            }
        }
        const float leafCost = bounds.halfArea() * float(n);
        const float splitCost = bounds.halfArea() * kTraversalCost + bestCost;
        if (bestAxis < 0 || (n <= kMaxLeafSize && leafCost <= splitCost)) {
            // bestAxis < 0: all centroids coincide; no plane separates them.
            makeLeaf();
            continue;
        }

        const float axisLo = lo[bestAxis], axisScale = scale[bestAxis];
        Item* middle = std::partition(items.data() + task.begin, items.data() + task.end, [&](const Item& item) {
            return std::min(kBins - 1, int((item.centroid()[bestAxis] - axisLo) * axisScale)) < bestSplit;
        });
        const uint32_t mid = uint32_t(middle - items.data());
        const uint32_t leftChild = uint32_t(bvh.nodes.size());
        node.first = leftChild;  // `node` is invalid after the push_backs below
        node.count = 0;
        bvh.nodes.push_back({});
        bvh.nodes.push_back({});
        tasks.push_back({leftChild, task.begin, mid, task.depth + 1});
        tasks.push_back({leftChild + 1, mid, task.end, task.depth + 1});
    }
    bvh.nodes.shrink_to_fit();
    bvh.order.resize(count);
    for (uint32_t i = 0; i < count; ++i) bvh.order[i] = items[i].index;
    return bvh;
}

}  // namespace oh::nav
