#include "bundle/scene_codec.h"

#include <type_traits>

#include "bundle/byte_stream.h"
#include "scene/packed_vertex.h"

namespace oh::bundle {
namespace {

// [SECTION] One description per record, used both ways: Encoder writes the
// fields, Decoder reads them back in the same order. Bools travel as bytes
// and must read back as 0 or 1; every other field is checked after decoding.

struct Encoder {
    ByteWriter out;
    template <typename T>
    void operator()(const T& value) {
        if constexpr (std::is_same_v<T, std::string>) out.putString(value);
        else if constexpr (std::is_same_v<T, bool>) out.put(uint8_t(value));
        else out.put(value);
    }
};

struct Decoder {
    ByteReader in;
    bool badBool = false;
    template <typename T>
    void operator()(T& value) {
        if constexpr (std::is_same_v<T, std::string>) value = in.getString();
        else if constexpr (std::is_same_v<T, bool>) {
            uint8_t byte = in.get<uint8_t>();
            badBool |= byte > 1;
            value = byte == 1;
        } else value = in.get<T>();
    }
    bool ok() const { return in.ok() && !badBool; }
};

template <typename Io, typename M>
void fields(Io& io, M& m) requires std::is_same_v<std::remove_const_t<M>, scene::Material> {
    io(m.name); io(m.baseColorFactor); io(m.baseColor); io(m.metallicFactor); io(m.roughnessFactor);
    io(m.metallicRoughness); io(m.normal); io(m.normalScale); io(m.occlusion); io(m.occlusionStrength);
    io(m.emissive); io(m.emissiveFactor); io(m.emissiveStrength); io(m.alphaMode); io(m.alphaCutoff);
    io(m.doubleSided); io(m.unlit);
}
template <typename Io, typename S>
void fields(Io& io, S& s) requires std::is_same_v<std::remove_const_t<S>, scene::Sampler> {
    io(s.magFilter); io(s.minFilter); io(s.mipFilter); io(s.useMipmaps); io(s.wrapS); io(s.wrapT);
}
template <typename Io, typename T>
void fields(Io& io, T& t) requires std::is_same_v<std::remove_const_t<T>, scene::Texture> {
    io(t.image); io(t.sampler); io(t.srgb);
}
template <typename Io, typename N>
void fields(Io& io, N& n) requires std::is_same_v<std::remove_const_t<N>, scene::Node> {
    io(n.name); io(n.parent); io(n.world); io(n.mesh); io(n.camera); io(n.light);
}
template <typename Io, typename I>
void fields(Io& io, I& i) requires std::is_same_v<std::remove_const_t<I>, scene::MeshInstance> {
    io(i.mesh); io(i.node); io(i.world); io(i.mirrored); io(i.worldBounds);
}
template <typename Io, typename C>
void fields(Io& io, C& c) requires std::is_same_v<std::remove_const_t<C>, scene::Camera> {
    io(c.name); io(c.type); io(c.yfov); io(c.aspectRatio); io(c.znear); io(c.zfar); io(c.xmag); io(c.ymag);
    io(c.world);
}
template <typename Io, typename L>
void fields(Io& io, L& l) requires std::is_same_v<std::remove_const_t<L>, scene::Light> {
    io(l.name); io(l.type); io(l.color); io(l.intensity); io(l.range); io(l.innerConeAngle);
    io(l.outerConeAngle); io(l.position); io(l.direction);
}
template <typename Io, typename I>
void fields(Io& io, I& image) requires std::is_same_v<std::remove_const_t<I>, scene::Image> {
    io(image.name); io(image.width); io(image.height); io(image.format); io(image.mipLevels);
}
template <typename Io, typename S>
void fields(Io& io, S& s) requires std::is_same_v<std::remove_const_t<S>, nav::StartSpot> {
    io(s.walker.feet); io(s.walker.verticalSpeed); io(s.walker.grounded); io(s.eye); io(s.forward);
    io(s.clearance);
}

template <typename T>
void encodeList(Encoder& encoder, const std::vector<T>& items) {
    encoder.out.put(uint32_t(items.size()));
    for (const T& item : items) fields(encoder, item);
}

// Each record takes at least `minBytes`, so a hostile count cannot allocate
// more than the part could hold.
template <typename T>
std::vector<T> decodeList(Decoder& decoder, size_t minBytes) {
    std::vector<T> items(decoder.in.getCount(minBytes));
    for (T& item : items) fields(decoder, item);
    return items;
}

// [SECTION] Where each primitive's vertices and indices lie in scene/geometry.
struct PrimitiveRange {
    uint64_t firstVertex;
    uint32_t vertexCount;
    uint32_t material;
    uint64_t firstIndex;
    uint32_t indexCount;
    uint32_t reserved;
    scene::Aabb bounds;
    scene::VertexDequantization dequantization;
};
static_assert(std::is_trivially_copyable_v<PrimitiveRange>);

std::string textureName(size_t image) { return "scene/textures/" + std::to_string(image); }

// The meshes with every primitive's vertices in the packed form the GPU
// reads, which is all a bundle stores of them.
std::vector<scene::Mesh> packedMeshes(const std::vector<scene::Mesh>& meshes) {
    std::vector<scene::Mesh> packed;
    packed.reserve(meshes.size());
    for (const scene::Mesh& mesh : meshes) {
        scene::Mesh& out = packed.emplace_back();
        out.name = mesh.name;
        scene::Aabb grid = scene::positionGrid(mesh);
        for (const scene::Primitive& primitive : mesh.primitives) {
            scene::Primitive& copy = out.primitives.emplace_back();
            copy.indices = primitive.indices;
            copy.material = primitive.material;
            copy.bounds = primitive.bounds;
            if (!primitive.packed.empty()) {
                copy.packed = primitive.packed;
                copy.dequantization = primitive.dequantization;
            } else {
                scene::PackedVertices vertices = scene::packVertices(primitive.vertices, grid);
                copy.packed = std::move(vertices.vertices);
                copy.dequantization = vertices.dequantization;
            }
        }
    }
    return packed;
}

Part encodeStructure(const scene::Scene& scene, const std::vector<scene::Mesh>& packedMeshes) {
    Encoder encoder;
    encoder(scene.name);
    encoder.out.put(uint32_t(packedMeshes.size()));
    uint64_t firstVertex = 0, firstIndex = 0;
    for (const scene::Mesh& mesh : packedMeshes) {
        encoder(mesh.name);
        encoder.out.put(uint32_t(mesh.primitives.size()));
        for (const scene::Primitive& primitive : mesh.primitives) {
            encoder.out.put(PrimitiveRange{firstVertex, uint32_t(primitive.packed.size()), primitive.material,
                                           firstIndex, uint32_t(primitive.indices.size()), 0, primitive.bounds,
                                           primitive.dequantization});
            firstVertex += primitive.packed.size();
            firstIndex += primitive.indices.size();
        }
    }
    encodeList(encoder, scene.materials);
    encodeList(encoder, scene.images);
    encodeList(encoder, scene.samplers);
    encodeList(encoder, scene.textures);
    encodeList(encoder, scene.nodes);
    encodeList(encoder, scene.instances);
    encodeList(encoder, scene.cameras);
    encodeList(encoder, scene.lights);
    encoder(scene.bounds);
    return {kSceneStructurePart, PartKind::SceneStructure, std::move(encoder.out.bytes())};
}

Part encodeGeometry(const std::vector<scene::Mesh>& packedMeshes) {
    std::vector<scene::PackedVertex> vertices;
    std::vector<uint32_t> indices;
    for (const scene::Mesh& mesh : packedMeshes)
        for (const scene::Primitive& primitive : mesh.primitives) {
            vertices.insert(vertices.end(), primitive.packed.begin(), primitive.packed.end());
            indices.insert(indices.end(), primitive.indices.begin(), primitive.indices.end());
        }
    ByteWriter out;
    out.putArray<scene::PackedVertex>(vertices);
    out.putArray<uint32_t>(indices);
    return {kSceneGeometryPart, PartKind::SceneGeometry, std::move(out.bytes())};
}

Part encodeCollision(const BundledScene& bundled) {
    Encoder encoder;
    encoder(bundled.world.has_value());
    if (bundled.world) {
        const nav::CollisionWorld& world = *bundled.world;
        encoder.out.putArray<nav::CollisionWorld::Triangle>(world.triangles);
        encoder.out.putArray<uint32_t>(world.instanceOf);
        encoder.out.putArray<uint8_t>(world.seeThrough);
        encoder.out.putArray<uint32_t>(world.nodeOfInstance);
        encoder.out.putArray<nav::BvhNode>(world.nodes);
        encoder(world.bounds);
    }
    encoder(bundled.start.has_value());
    if (bundled.start) fields(encoder, *bundled.start);
    return {kCollisionPart, PartKind::Collision, std::move(encoder.out.bytes())};
}

// [SECTION] Decoding.

struct Ranges {
    std::vector<std::vector<PrimitiveRange>> perMesh;
};

Status decodeStructure(const BundleReader& reader, scene::Scene& scene, Ranges& ranges) {
    auto bytes = reader.part(kSceneStructurePart, PartKind::SceneStructure);
    if (!bytes) return bytes.error();
    Decoder decoder{ByteReader(*bytes)};
    decoder(scene.name);
    scene.meshes.resize(decoder.in.getCount(8));
    ranges.perMesh.resize(scene.meshes.size());
    for (size_t m = 0; m < scene.meshes.size(); ++m) {
        decoder(scene.meshes[m].name);
        uint32_t count = decoder.in.getCount(sizeof(PrimitiveRange));
        scene.meshes[m].primitives.resize(count);
        ranges.perMesh[m].resize(count);
        for (uint32_t p = 0; p < count; ++p) {
            ranges.perMesh[m][p] = decoder.in.get<PrimitiveRange>();
            scene.meshes[m].primitives[p].material = ranges.perMesh[m][p].material;
            scene.meshes[m].primitives[p].bounds = ranges.perMesh[m][p].bounds;
        }
    }
    scene.materials = decodeList<scene::Material>(decoder, 16);
    scene.images = decodeList<scene::Image>(decoder, 16);
    scene.samplers = decodeList<scene::Sampler>(decoder, 6);
    scene.textures = decodeList<scene::Texture>(decoder, 9);
    scene.nodes = decodeList<scene::Node>(decoder, 16);
    scene.instances = decodeList<scene::MeshInstance>(decoder, 16);
    scene.cameras = decodeList<scene::Camera>(decoder, 16);
    scene.lights = decodeList<scene::Light>(decoder, 16);
    decoder(scene.bounds);
    if (!decoder.ok() || !decoder.in.atEnd())
        return makeError(reader.displayName() + ": part 'scene/structure' is malformed");
    return ok();
}

Status decodeGeometry(const BundleReader& reader, scene::Scene& scene, const Ranges& ranges) {
    auto bytes = reader.part(kSceneGeometryPart, PartKind::SceneGeometry);
    if (!bytes) return bytes.error();
    ByteReader in(*bytes);
    std::vector<scene::PackedVertex> vertices = in.getArray<scene::PackedVertex>();
    std::vector<uint32_t> indices = in.getArray<uint32_t>();
    if (!in.ok() || !in.atEnd()) return makeError(reader.displayName() + ": part 'scene/geometry' is malformed");
    for (size_t m = 0; m < scene.meshes.size(); ++m)
        for (size_t p = 0; p < scene.meshes[m].primitives.size(); ++p) {
            const PrimitiveRange& range = ranges.perMesh[m][p];
            if (range.firstVertex > vertices.size() || range.vertexCount > vertices.size() - range.firstVertex ||
                range.firstIndex > indices.size() || range.indexCount > indices.size() - range.firstIndex)
                return makeError(reader.displayName() + ": mesh " + std::to_string(m) +
                                 " points outside part 'scene/geometry'");
            scene::Primitive& primitive = scene.meshes[m].primitives[p];
            primitive.packed.assign(vertices.begin() + range.firstVertex,
                                    vertices.begin() + range.firstVertex + range.vertexCount);
            primitive.dequantization = range.dequantization;
            primitive.indices.assign(indices.begin() + range.firstIndex,
                                     indices.begin() + range.firstIndex + range.indexCount);
        }
    return ok();
}

Status decodeTextures(const BundleReader& reader, scene::Scene& scene) {
    for (size_t i = 0; i < scene.images.size(); ++i) {
        auto bytes = reader.part(textureName(i), PartKind::SceneTexture);
        if (!bytes) return bytes.error();
        scene.images[i].pixels.assign(bytes->begin(), bytes->end());
    }
    return ok();
}

Status decodeCollision(const BundleReader& reader, BundledScene& bundled) {
    auto bytes = reader.part(kCollisionPart, PartKind::Collision);
    if (!bytes) return bytes.error();
    Decoder decoder{ByteReader(*bytes)};
    bool hasWorld = false, hasStart = false;
    decoder(hasWorld);
    if (hasWorld) {
        nav::CollisionWorld world;
        world.triangles = decoder.in.getArray<nav::CollisionWorld::Triangle>();
        world.instanceOf = decoder.in.getArray<uint32_t>();
        world.seeThrough = decoder.in.getArray<uint8_t>();
        world.nodeOfInstance = decoder.in.getArray<uint32_t>();
        world.nodes = decoder.in.getArray<nav::BvhNode>();
        decoder(world.bounds);
        bundled.world = std::move(world);
    }
    decoder(hasStart);
    if (hasStart) fields(decoder, bundled.start.emplace());
    if (!decoder.ok() || !decoder.in.atEnd())
        return makeError(reader.displayName() + ": part 'scene/collision' is malformed");
    if (bundled.world) {
        std::string problem = nav::checkCollisionWorld(*bundled.world, bundled.scene);
        if (!problem.empty()) return makeError(reader.displayName() + ": part 'scene/collision': " + problem);
    }
    return ok();
}

}  // namespace

std::vector<Part> encodeScene(const BundledScene& bundled) {
    std::vector<Part> parts;
    std::vector<scene::Mesh> meshes = packedMeshes(bundled.scene.meshes);
    parts.push_back(encodeStructure(bundled.scene, meshes));
    parts.push_back(encodeGeometry(meshes));
    for (size_t i = 0; i < bundled.scene.images.size(); ++i)
        parts.push_back({textureName(i), PartKind::SceneTexture, bundled.scene.images[i].pixels});
    parts.push_back(encodeCollision(bundled));
    return parts;
}

Result<BundledScene> decodeScene(const BundleReader& reader) {
    BundledScene bundled;
    Ranges ranges;
    OH_TRY(decodeStructure(reader, bundled.scene, ranges));
    OH_TRY(decodeGeometry(reader, bundled.scene, ranges));
    OH_TRY(decodeTextures(reader, bundled.scene));
    std::string problem = scene::checkScene(bundled.scene);
    if (!problem.empty()) return makeError(reader.displayName() + ": the scene is malformed: " + problem);
    OH_TRY(decodeCollision(reader, bundled));
    return bundled;
}

}  // namespace oh::bundle
