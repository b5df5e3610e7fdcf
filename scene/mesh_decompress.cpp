#include "scene/mesh_decompress.h"

#include <exception>
#include <memory>

#include <draco/compression/decode.h>
#include <meshoptimizer.h>

namespace oh::gltf {

Result<DracoMesh> decodeDraco(std::span<const uint8_t> compressed, std::span<const DracoAttributeRequest> requests) {
    try {
        draco::DecoderBuffer buffer;
        buffer.Init(reinterpret_cast<const char*>(compressed.data()), compressed.size());
        draco::Decoder decoder;
        auto decoded = decoder.DecodeMeshFromBuffer(&buffer);
        if (!decoded.ok()) return makeError("Draco data does not decode: " + decoded.status().error_msg_string());
        std::unique_ptr<draco::Mesh> mesh = std::move(decoded).value();
        if (!mesh) return makeError("Draco data decodes to no mesh");

        DracoMesh out;
        out.vertexCount = mesh->num_points();
        out.indices.reserve(size_t(mesh->num_faces()) * 3);
        for (draco::FaceIndex f(0); f < mesh->num_faces(); ++f) {
            const draco::Mesh::Face& face = mesh->face(f);
            for (int corner = 0; corner < 3; ++corner) out.indices.push_back(face[corner].value());
        }
        for (const DracoAttributeRequest& request : requests) {
            const draco::PointAttribute* attribute = mesh->GetAttributeByUniqueId(uint32_t(request.id));
            if (!attribute) return makeError("Draco data has no attribute with id " + std::to_string(request.id));
            if (request.components < 1 || request.components > 4)
                return makeError("Draco attribute " + std::to_string(request.id) + " has an unsupported type");
            std::vector<float> values(size_t(out.vertexCount) * size_t(request.components), 0.0f);
            for (draco::PointIndex p(0); p < out.vertexCount; ++p) {
                draco::AttributeValueIndex valueIndex = attribute->mapped_index(p);
                if (valueIndex.value() >= attribute->size() ||
                    !attribute->ConvertValue<float>(valueIndex, int8_t(request.components),
                                                    &values[size_t(p.value()) * size_t(request.components)]))
                    return makeError("Draco attribute " + std::to_string(request.id) + " has an unreadable value");
            }
            out.attributes[request.id] = std::move(values);
        }
        return out;
    } catch (const std::exception& e) {
        return makeError(std::string("Draco decoding failed: ") + e.what());
    }
}

Status decodeMeshopt(std::span<const uint8_t> compressed, const MeshoptView& view, std::span<uint8_t> destination) {
    if (view.byteStride == 0 || view.count == 0) return makeError("EXT_meshopt_compression: count and byteStride must be positive");
    if (view.count > destination.size() / view.byteStride)
        return makeError("EXT_meshopt_compression: count * byteStride is larger than the bufferView");
    size_t count = size_t(view.count), stride = size_t(view.byteStride);
    int rc = -1;
    if (view.mode == "ATTRIBUTES") {
        if (stride % 4 != 0 || stride > 256)
            return makeError("EXT_meshopt_compression: ATTRIBUTES byteStride must be a multiple of 4 up to 256");
        rc = meshopt_decodeVertexBuffer(destination.data(), count, stride, compressed.data(), compressed.size());
    } else if (view.mode == "TRIANGLES" || view.mode == "INDICES") {
        if (stride != 2 && stride != 4) return makeError("EXT_meshopt_compression: index byteStride must be 2 or 4");
        if (view.mode == "TRIANGLES") {
            if (count % 3 != 0) return makeError("EXT_meshopt_compression: TRIANGLES count is not a multiple of 3");
            rc = meshopt_decodeIndexBuffer(destination.data(), count, stride, compressed.data(), compressed.size());
        } else {
            rc = meshopt_decodeIndexSequence(destination.data(), count, stride, compressed.data(), compressed.size());
        }
    } else {
        return makeError("EXT_meshopt_compression: unknown mode '" + view.mode + "'");
    }
    if (rc != 0) return makeError("EXT_meshopt_compression: compressed data is malformed (" + view.mode + ")");

    // Filters apply to ATTRIBUTES only; each has its own stride rule (extension spec, "Filters").
    if (view.filter.empty() || view.filter == "NONE") return ok();
    if (view.mode != "ATTRIBUTES") return makeError("EXT_meshopt_compression: filters apply to ATTRIBUTES only");
    if (view.filter == "OCTAHEDRAL") {
        if (stride != 4 && stride != 8) return makeError("EXT_meshopt_compression: OCTAHEDRAL needs byteStride 4 or 8");
        meshopt_decodeFilterOct(destination.data(), count, stride);
    } else if (view.filter == "QUATERNION") {
        if (stride != 8) return makeError("EXT_meshopt_compression: QUATERNION needs byteStride 8");
        meshopt_decodeFilterQuat(destination.data(), count, stride);
    } else if (view.filter == "EXPONENTIAL") {
        meshopt_decodeFilterExp(destination.data(), count, stride);
    } else {
        return makeError("EXT_meshopt_compression: unknown filter '" + view.filter + "'");
    }
    return ok();
}

}  // namespace oh::gltf
