// Binned SAH build (Wald 2007 style): at each node, bucket the primitive
// centroids into kBins slabs per axis, price every slab boundary with the
// surface area heuristic, and partition at the cheapest. Binning keeps the
// build O(N log N) with no sorting, which is what lets a million triangles
// build in a fraction of a second.
#include "navigation/bvh.h"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

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

// A node's centroid bins on all three axes.
struct Binning {
    int bins = 0;
    glm::vec3 lo, extent, scale;  // of the centroids; scale maps a centroid offset to its bin
    std::array<std::array<Bounds, kBins>, 3> bounds;
    std::array<std::array<uint32_t, kBins>, 3> counts;
    uint32_t stride = 1;  // every stride-th item was binned
    uint32_t binned = 0;
    int binOf(const glm::vec3& centroid, int axis) const {
        return std::min(bins - 1, int((centroid[axis] - lo[axis]) * scale[axis]));
    }
};

// A boundary between bins: items binned below `split` on `axis` go left.
struct SplitPlane {
    float cost = std::numeric_limits<float>::max();
    int axis = -1;
    int split = 0;
};

struct Children {
    Task left, right;
};

// The items in input order, and the task of the root node over all of them.
Task gatherItems(std::span<const BvhBox> boxes, std::vector<Item>& items) {
    const uint32_t count = uint32_t(boxes.size());
    Task root{0, 0, count, 0, {}, {}};
    for (uint32_t i = 0; i < count; ++i) {
        items[i] = Item{boxes[i].min, i, boxes[i].max, 0.0f};
        root.bounds.extend(boxes[i].min, boxes[i].max);
        const glm::vec3 c = items[i].centroid();
        root.centroids.extend(c, c);
    }
    return root;
}

// Bins all three axes in one pass over the range (or a sample of it).
// Small nodes use fewer bins: near the leaves the per-node set-up,
// not the items, is what costs.
Binning binCentroids(const Task& task, const std::vector<Item>& items) {
    const uint32_t n = task.end - task.begin;
    Binning binning;
    const int bins = binning.bins = int(std::min<uint32_t>(kBins, std::max<uint32_t>(4, n)));
    binning.lo = task.centroids.min;
    binning.extent = task.centroids.max - task.centroids.min;
    for (int axis = 0; axis < 3; ++axis)
        binning.scale[axis] = binning.extent[axis] > 0.0f ? float(bins) / binning.extent[axis] : 0.0f;
    for (int axis = 0; axis < 3; ++axis)
        for (int bin = 0; bin < bins; ++bin) {
            binning.bounds[axis][bin] = Bounds{};
            binning.counts[axis][bin] = 0;
        }
    binning.stride = std::max(1u, n / kBinSample);
    for (uint32_t i = task.begin; i < task.end; i += binning.stride) {
        const glm::vec3 c = items[i].centroid();
        for (int axis = 0; axis < 3; ++axis) {
            const int bin = binning.binOf(c, axis);
            binning.bounds[axis][bin].extend(items[i].min, items[i].max);
            ++binning.counts[axis][bin];
        }
    }
    binning.binned = (n + binning.stride - 1) / binning.stride;
    return binning;
}

// Cheapest boundary over all axes; axis -1 when all centroids coincide.
SplitPlane findCheapestSplit(const Binning& binning) {
    const int bins = binning.bins;
    SplitPlane best;
    for (int axis = 0; axis < 3; ++axis) {
        if (binning.extent[axis] <= 0.0f) continue;
        // Right-to-left sweep stores the right side's cost; left-to-right finishes it.
        std::array<float, kBins> rightCost{};
        Bounds right;
        uint32_t rightCount = 0;
        for (int bin = bins - 1; bin > 0; --bin) {
            right.extend(binning.bounds[axis][bin]);
            rightCount += binning.counts[axis][bin];
            rightCost[bin] = right.halfArea() * float(rightCount);
        }
        Bounds left;
        uint32_t leftCount = 0;
        for (int split = 1; split < bins; ++split) {
            left.extend(binning.bounds[axis][split - 1]);
            leftCount += binning.counts[axis][split - 1];
            if (leftCount == 0 || leftCount == binning.binned) continue;
            const float cost = left.halfArea() * float(leftCount) + rightCost[split];
            if (cost < best.cost) {
                best.cost = cost;
                best.axis = axis;
                best.split = split;
            }
        }
    }
    return best;
}

// Partition, gathering each side's bounds on the way (no extra pass).
Children partition(const Task& task, std::vector<Item>& items, const Binning& binning, const SplitPlane& plane) {
    Children children{{0, task.begin, 0, task.depth + 1, {}, {}}, {0, 0, task.end, task.depth + 1, {}, {}}};
    uint32_t first = task.begin, last = task.end;
    while (first < last) {
        Item& item = items[first];
        const glm::vec3 c = item.centroid();
        if (binning.binOf(c, plane.axis) < plane.split) {
            children.left.bounds.extend(item.min, item.max);
            children.left.centroids.extend(c, c);
            ++first;
        } else {
            children.right.bounds.extend(item.min, item.max);
            children.right.centroids.extend(c, c);
            std::swap(item, items[--last]);
        }
    }
    children.left.end = children.right.begin = first;
    return children;
}

// Splits the range at its middle along `axis`, for when a plane left one side empty.
void splitAtMiddle(const Task& task, std::vector<Item>& items, int axis, Children& children) {
    const uint32_t first = task.begin + (task.end - task.begin) / 2;
    std::nth_element(items.begin() + task.begin, items.begin() + first, items.begin() + task.end,
                     [&](const Item& a, const Item& b) { return a.centroid()[axis] < b.centroid()[axis]; });
    Task& left = children.left;
    Task& right = children.right;
    left.bounds = right.bounds = left.centroids = right.centroids = Bounds{};
    for (uint32_t i = task.begin; i < task.end; ++i) {
        Task& side = i < first ? left : right;
        const glm::vec3 c = items[i].centroid();
        side.bounds.extend(items[i].min, items[i].max);
        side.centroids.extend(c, c);
    }
    left.end = right.begin = first;
}

// The task's two halves, or nothing where its node stays a leaf.
std::optional<Children> splitTask(const Task& task, std::vector<Item>& items) {
    const uint32_t n = task.end - task.begin;
    if (n <= 3 || task.depth + 1 >= uint32_t(kBvhMaxDepth)) return std::nullopt;
    const Binning binning = binCentroids(task, items);
    const SplitPlane plane = findCheapestSplit(binning);
    const float leafCost = task.bounds.halfArea() * float(n);
    const float splitCost = task.bounds.halfArea() * kTraversalCost + plane.cost * float(binning.stride);
    // plane.axis < 0: all centroids coincide; no plane separates them.
    if (plane.axis < 0 || (n <= kMaxLeafSize && leafCost <= splitCost)) return std::nullopt;
    Children children = partition(task, items, binning, plane);
    if (children.left.end == task.begin || children.left.end == task.end) {
        // A sampled split can miss every item on one side: keep it a leaf
        // only if small, else split at the middle of the range.
        if (n <= kMaxLeafSize * 4) return std::nullopt;
        splitAtMiddle(task, items, plane.axis, children);
    }
    return children;
}

// Fills in the task's node: a leaf, or an inner node whose children are
// appended to `nodes` and queued as tasks.
void buildNode(const Task& task, std::vector<Item>& items, std::vector<BvhNode>& nodes, std::vector<Task>& tasks) {
    BvhNode& node = nodes[task.node];
    node.min = task.bounds.min;
    node.max = task.bounds.max;
    std::optional<Children> children = splitTask(task, items);
    if (!children) {
        node.first = task.begin;
        node.count = task.end - task.begin;
        return;
    }
    children->left.node = uint32_t(nodes.size());
    children->right.node = children->left.node + 1;
    node.first = children->left.node;  // `node` is invalid after the push_backs below
    node.count = 0;
    nodes.push_back({});
    nodes.push_back({});
    tasks.push_back(children->left);
    tasks.push_back(children->right);
}

}  // namespace

Bvh buildBvh(std::span<const BvhBox> boxes) {
    Bvh bvh;
    const uint32_t count = uint32_t(boxes.size());
    if (count == 0) return bvh;

    std::vector<Item> items(count);
    std::vector<Task> tasks{gatherItems(boxes, items)};
    bvh.nodes.reserve(size_t(count) * 2);
    bvh.nodes.push_back({});
    while (!tasks.empty()) {
        const Task task = tasks.back();
        tasks.pop_back();
        buildNode(task, items, bvh.nodes, tasks);
    }
    bvh.nodes.shrink_to_fit();
    bvh.order.resize(count);
    for (uint32_t i = 0; i < count; ++i) bvh.order[i] = items[i].index;
    return bvh;
}

}  // namespace oh::nav
