#include "tools/scene_generator/block.h"

#include <algorithm>

#include <glm/gtc/matrix_transform.hpp>

#include "tools/scene_generator/apartment.h"

namespace oh::scenegen {

namespace {

constexpr int kVariants = 4;

// The plan with its wall paints and oak tones changed: materials of variant k
// get their own names, so rooms that use them get their own meshes.
Plan variant(const Plan& base, int k) {
    if (k == 0) return base;
    static const glm::vec3 kPaints[] = {
        {0.80f, 0.78f, 0.72f}, {0.46f, 0.53f, 0.44f}, {0.52f, 0.60f, 0.68f}, {0.74f, 0.64f, 0.50f}, {0.64f, 0.60f, 0.57f},
    };
    static const float kOakTones[] = {1.0f, 0.8f, 1.12f, 0.9f};
    Plan plan = base;
    plan.name = base.name + " variant " + std::to_string(k);
    std::string suffix = " v" + std::to_string(k);
    int room = 0;
    for (Room& r : plan.rooms) {
        MaterialDef walls = *base.findMaterial(r.walls);
        if (walls.pattern == Pattern::Plaster) {
            walls.name += suffix + "." + std::to_string(room);
            walls.color = kPaints[(k + room) % 5];
            plan.materials.push_back(walls);
            r.walls = walls.name;
        }
        MaterialDef floor = *base.findMaterial(r.floor);
        if (floor.pattern == Pattern::Oak) {
            floor.name += suffix;
            floor.color = glm::min(floor.color * kOakTones[k % 4], glm::vec3(1.0f));
            if (!plan.findMaterial(floor.name)) plan.materials.push_back(floor);
            r.floor = floor.name;
        }
        ++room;
    }
    return plan;
}

}  // namespace

Result<Model> buildBlock(const Plan& plan, int apartments) {
    Model model;
    model.name = plan.name + " block";
    MeshCache cache;
    std::vector<Plan> variants;
    for (int k = 0; k < kVariants; ++k) variants.push_back(variant(plan, k));

    glm::vec2 min(1e9f), max(-1e9f);
    for (const Room& r : plan.rooms)
        for (glm::vec2 p : r.polygon) {
            min = glm::min(min, p);
            max = glm::max(max, p);
        }
    float margin = plan.wallThickness * 0.5f;
    min -= margin;
    max += margin;
    glm::vec2 size = max - min, centre = (min + max) * 0.5f;
    float storey = plan.wallHeight + plan.slabThickness + 0.02f;  // matches the walls' rim: floors never share a plane

    for (int i = 0; i < apartments; ++i) {
        int floor = i / 4, slot = i % 4;
        bool mirrored = slot % 2 == 1, turned = slot >= 2;
        const Plan& chosen = variants[size_t((i + floor) % kVariants)];
        auto root = buildApartment(chosen, model, cache, "Apartment " + std::to_string(i + 1), {.lamps = false});
        if (!root) return root.error();
        // Side by side along x; the back row turned round behind the front row.
        glm::vec3 slotCentre(float(slot % 2) * size.x, float(floor) * storey, turned ? -size.y : 0.0f);
        glm::mat4 m = glm::translate(glm::mat4(1.0f), slotCentre);
        if (turned) m = glm::rotate(m, glm::radians(180.0f), glm::vec3(0, 1, 0));
        if (mirrored != turned) m = glm::scale(m, glm::vec3(-1.0f, 1.0f, 1.0f));
        m = glm::translate(m, glm::vec3(-centre.x, 0.0f, -centre.y));
        Node& node = model.nodes[*root];
        node.translation = glm::vec3(m[3]);
        glm::mat3 linear(m);
        bool flip = glm::determinant(linear) < 0.0f;
        node.scale = glm::vec3(flip ? -1.0f : 1.0f, 1.0f, 1.0f);
        node.rotation = glm::quat_cast(flip ? linear * glm::mat3(glm::scale(glm::mat4(1.0f), glm::vec3(-1, 1, 1))) : linear);
        model.roots.push_back(*root);
    }
    addSun(plan, model);
    return model;
}

}  // namespace oh::scenegen
