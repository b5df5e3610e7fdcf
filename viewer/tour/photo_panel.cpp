#include "viewer/tour/photo_panel.h"

#include <algorithm>

#include <glm/gtc/matrix_transform.hpp>

namespace oh::viewer {

glm::mat4 photoPanelTransform(const glm::mat4& headView, float aspect) {
    float width = std::min(kPhotoPanelMaxWidth, kPhotoPanelMaxHeight * aspect);
    float height = width / aspect;
    // The quad spans -1..1 and faces +Z: in head space, +Z points back at the eyes.
    glm::mat4 inHead = glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, 0.0f, -kPhotoPanelDistance)) *
                       glm::scale(glm::mat4(1.0f), glm::vec3(0.5f * width, 0.5f * height, 1.0f));
    return glm::inverse(headView) * inHead;
}

}  // namespace oh::viewer
