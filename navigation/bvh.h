// Bounding volume hierarchy over boxes (one per triangle), built with binned
// SAH. Knows nothing of triangles: collision_world.cpp reorders its triangles
// by `order` so every leaf covers a contiguous run.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <glm/glm.hpp>

namespace oh::nav {

struct BvhBox {
    glm::vec3 min;
    glm::vec3 max;
};

// 32 bytes. An inner node's children are nodes[first] and nodes[first + 1].
struct BvhNode {
    glm::vec3 min;
    uint32_t first = 0;  // leaf: first index into `order`; inner: left child
    glm::vec3 max;
    uint32_t count = 0;  // leaf: number of items (> 0); inner: 0
    bool leaf() const { return count > 0; }
};

struct Bvh {
    std::vector<BvhNode> nodes;   // nodes[0] is the root; empty when there are no items
    std::vector<uint32_t> order;  // leaf runs index this; order[i] is an input box index
};

// Builds over `boxes` (each non-empty). Single-threaded, O(N log N), no sorting.
Bvh buildBvh(std::span<const BvhBox> boxes);

// Deepest path the builder can make; traversal stacks use this size.
constexpr int kBvhMaxDepth = 64;

}  // namespace oh::nav
