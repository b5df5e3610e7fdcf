// Tests for renderer/environment.cpp: the IBL maps built on the GPU (lavapipe
// is enough), read back by sampling them the way the PBR shader does
// (shaders/env_probe.comp), so the cube-face convention is checked end to end.
// Set OH_ENV_PREVIEW_DIR=/some/dir to also write tone-mapped PNG previews.
#include <doctest/doctest.h>
#include <stb_image_write.h>

#include <unistd.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <glm/glm.hpp>
#include <string>
#include <vector>

#include "renderer/environment.h"
#include "renderer/vk_check.h"
#include "shaders/env_probe.comp.h"

namespace fs = std::filesystem;
using namespace oh;
using namespace oh::gfx;

namespace {

constexpr float kPi = 3.14159265358979f;

enum class Map : uint32_t { Radiance = 0, Irradiance = 1, BrdfLut = 2 };

std::unique_ptr<GpuContext> makeContext() {
    auto context = GpuContext::create(ContextOptions{.validation = true});
    REQUIRE_MESSAGE(context.has_value(), (context.has_value() ? "" : context.error().message));
    return std::move(context.value());
}

// A fresh folder under the system temp dir, removed afterwards.
struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("oh_test_environment_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// Samples one of the environment's maps at each query (xyz: direction, or xy:
// LUT coordinates; w: lod) with the environment's own sampler.
std::vector<glm::vec4> probe(GpuContext& context, const Environment& environment, Map map,
                             const std::vector<glm::vec4>& queries) {
    VkDevice device = context.device();
    std::array<VkDescriptorSetLayoutBinding, 5> bindings{};
    for (uint32_t i = 0; i < 5; ++i)
        bindings[i] = {i, i < 3 ? VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1,
                       VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo setInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    setInfo.bindingCount = 5;
    setInfo.pBindings = bindings.data();
    VkDescriptorSetLayout rawSetLayout = VK_NULL_HANDLE;
    REQUIRE(vkCreateDescriptorSetLayout(device, &setInfo, nullptr, &rawSetLayout) == VK_SUCCESS);
    UniqueDescriptorSetLayout setLayout(device, rawSetLayout);

    VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, 8};
    VkPipelineLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    layoutInfo.setLayoutCount = 1;
    layoutInfo.pSetLayouts = &rawSetLayout;
    layoutInfo.pushConstantRangeCount = 1;
    layoutInfo.pPushConstantRanges = &push;
    VkPipelineLayout rawLayout = VK_NULL_HANDLE;
    REQUIRE(vkCreatePipelineLayout(device, &layoutInfo, nullptr, &rawLayout) == VK_SUCCESS);
    UniquePipelineLayout layout(device, rawLayout);

    auto module = createShaderModule(context, shaders::kEnvProbeComp);
    REQUIRE(module.has_value());
    VkComputePipelineCreateInfo pipelineInfo{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    pipelineInfo.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    pipelineInfo.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    pipelineInfo.stage.module = module->get();
    pipelineInfo.stage.pName = "main";
    pipelineInfo.layout = layout;
    VkPipeline rawPipeline = VK_NULL_HANDLE;
    REQUIRE(vkCreateComputePipelines(device, VK_NULL_HANDLE, 1, &pipelineInfo, nullptr, &rawPipeline) == VK_SUCCESS);
    UniquePipeline pipeline(device, rawPipeline);

    std::array<VkDescriptorPoolSize, 2> sizes{
        {{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 3}, {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2}}};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = 1;
    poolInfo.poolSizeCount = 2;
    poolInfo.pPoolSizes = sizes.data();
    VkDescriptorPool rawPool = VK_NULL_HANDLE;
    REQUIRE(vkCreateDescriptorPool(device, &poolInfo, nullptr, &rawPool) == VK_SUCCESS);
    UniqueDescriptorPool pool(device, rawPool);
    VkDescriptorSetAllocateInfo allocInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    allocInfo.descriptorPool = pool;
    allocInfo.descriptorSetCount = 1;
    allocInfo.pSetLayouts = &rawSetLayout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    REQUIRE(vkAllocateDescriptorSets(device, &allocInfo, &set) == VK_SUCCESS);

    const VkDeviceSize bytes = queries.size() * sizeof(glm::vec4);
    const VkMemoryPropertyFlags hostMemory = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    auto input = GpuBuffer::create(context, bytes, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, hostMemory);
    auto output = GpuBuffer::create(context, bytes, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, hostMemory);
    REQUIRE(input.has_value());
    REQUIRE(output.has_value());
    std::memcpy(input->mapped(), queries.data(), bytes);

    const VkImageLayout readOnly = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
    std::array<VkDescriptorImageInfo, 3> images{{{environment.sampler(), environment.radianceView(), readOnly},
                                                 {environment.sampler(), environment.irradianceView(), readOnly},
                                                 {environment.sampler(), environment.brdfLutView(), readOnly}}};
    std::array<VkDescriptorBufferInfo, 2> buffers{
        {{input->get(), 0, VK_WHOLE_SIZE}, {output->get(), 0, VK_WHOLE_SIZE}}};
    std::array<VkWriteDescriptorSet, 5> writes{};
    for (uint32_t i = 0; i < 5; ++i) {
        writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        writes[i].dstSet = set;
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = bindings[i].descriptorType;
        if (i < 3)
            writes[i].pImageInfo = &images[i];
        else
            writes[i].pBufferInfo = &buffers[i - 3];
    }
    vkUpdateDescriptorSets(device, 5, writes.data(), 0, nullptr);

    const uint32_t params[2] = {uint32_t(queries.size()), uint32_t(map)};
    auto submitted = context.submitAndWait([&](VkCommandBuffer cmd) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline);
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, layout, 0, 1, &set, 0, nullptr);
        vkCmdPushConstants(cmd, layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(params), params);
        vkCmdDispatch(cmd, (uint32_t(queries.size()) + 63) / 64, 1, 1);
        VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
        barrier.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &barrier, 0,
                             nullptr, 0, nullptr);
    });
    REQUIRE(submitted.has_value());
    std::vector<glm::vec4> results(queries.size());
    std::memcpy(results.data(), output->mapped(), bytes);
    return results;
}

// The centre of texel (x, y) of cube face `face` (Vulkan layer order +X -X +Y
// -Y +Z -Z), from the spec's cube map face selection table.
glm::vec3 cubeTexelDirection(uint32_t x, uint32_t y, uint32_t face, uint32_t size) {
    float s = (float(x) + 0.5f) / float(size) * 2.0f - 1.0f;
    float t = (float(y) + 0.5f) / float(size) * 2.0f - 1.0f;
    const glm::vec3 dirs[6] = {{1, -t, -s}, {-1, -t, s}, {s, 1, t}, {s, -1, -t}, {s, -t, 1}, {-s, -t, -1}};
    return glm::normalize(dirs[face]);
}

// Every texel centre of a mip `size` wide, sampled at `lod`.
std::vector<glm::vec4> cubeTexelQueries(uint32_t size, float lod) {
    std::vector<glm::vec4> queries;
    queries.reserve(size_t(size) * size * 6);
    for (uint32_t face = 0; face < 6; ++face)
        for (uint32_t y = 0; y < size; ++y)
            for (uint32_t x = 0; x < size; ++x) queries.emplace_back(cubeTexelDirection(x, y, face, size), lod);
    return queries;
}

// Direction of panorama coordinates (u, v): the convention of environment.cpp
// (row 0 up, centre column -Z, u growing towards +X).
glm::vec3 equirectDirection(float u, float v) {
    float phi = (u - 0.5f) * 2.0f * kPi;
    float theta = v * kPi;
    return {std::sin(theta) * std::sin(phi), std::cos(theta), -std::sin(theta) * std::cos(phi)};
}

float luminance(glm::vec3 c) { return glm::dot(c, glm::vec3(0.2126f, 0.7152f, 0.0722f)); }

void writeHdr(const fs::path& path, int width, int height, const std::vector<float>& rgb) {
    REQUIRE(stbi_write_hdr(path.c_str(), width, height, 3, rgb.data()) != 0);
}

void writeBytes(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}

// A panorama whose colour encodes its direction: 0.5 + 0.5 * dir.
void writeDirectionPanorama(const fs::path& path, int width, int height) {
    std::vector<float> rgb(size_t(width) * height * 3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            glm::vec3 c = 0.5f + 0.5f * equirectDirection((x + 0.5f) / width, (y + 0.5f) / height);
            std::memcpy(&rgb[(size_t(y) * width + x) * 3], &c, sizeof(c));
        }
    writeHdr(path, width, height, rgb);
}

// [SECTION] Previews (OH_ENV_PREVIEW_DIR)

glm::vec3 toneMapNeutral(glm::vec3 color) {  // as shaders/common.glsl
    const float startCompression = 0.8f - 0.04f;
    const float desaturation = 0.15f;
    float x = std::min(color.r, std::min(color.g, color.b));
    float offset = x < 0.08f ? x - 6.25f * x * x : 0.04f;
    color -= offset;
    float peak = std::max(color.r, std::max(color.g, color.b));
    if (peak < startCompression) return color;
    const float d = 1.0f - startCompression;
    float newPeak = 1.0f - d * d / (peak + d - startCompression);
    color *= newPeak / peak;
    float g = 1.0f - 1.0f / (desaturation * (peak - newPeak) + 1.0f);
    return glm::mix(color, glm::vec3(newPeak), g);
}

uint8_t toSrgb8(float linear) {
    linear = std::clamp(linear, 0.0f, 1.0f);
    float s = linear <= 0.0031308f ? linear * 12.92f : 1.055f * std::pow(linear, 1.0f / 2.4f) - 0.055f;
    return uint8_t(std::lround(s * 255.0f));
}

void writePreview(const fs::path& path, const std::vector<glm::vec4>& texels, int width, int height) {
    std::vector<uint8_t> rgb(size_t(width) * height * 3);
    for (size_t i = 0; i < texels.size(); ++i) {
        glm::vec3 c = toneMapNeutral(glm::vec3(texels[i]));
        for (int k = 0; k < 3; ++k) rgb[i * 3 + k] = toSrgb8(c[k]);
    }
    stbi_write_png(path.c_str(), width, height, 3, rgb.data(), width * 3);
}

// Equirectangular previews of every radiance mip and the irradiance, plus a
// look through a "window" towards the sun, when OH_ENV_PREVIEW_DIR is set.
void maybeWritePreviews(GpuContext& context, const Environment& environment, const std::string& prefix) {
    const char* dir = std::getenv("OH_ENV_PREVIEW_DIR");
    if (!dir) return;
    fs::create_directories(dir);
    const int width = 512, height = 256;
    for (uint32_t mip = 0; mip <= environment.radianceMipCount(); ++mip) {
        std::vector<glm::vec4> queries;
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x)
                queries.emplace_back(equirectDirection((x + 0.5f) / width, (y + 0.5f) / height), float(mip));
        bool irradiance = mip == environment.radianceMipCount();
        auto texels = probe(context, environment, irradiance ? Map::Irradiance : Map::Radiance, queries);
        std::string name = irradiance ? "irradiance" : "radiance_mip" + std::to_string(mip);
        writePreview(fs::path(dir) / (prefix + "_" + name + ".png"), texels, width, height);
    }
    // A 70-degree view towards the default sun, as through a window.
    const int size = 384;
    glm::vec3 forward = glm::normalize(glm::vec3(0.4f, 0.42f, 0.3f));
    glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0, 1, 0)));
    glm::vec3 up = glm::cross(right, forward);
    float halfTan = std::tan(35.0f * kPi / 180.0f);
    std::vector<glm::vec4> queries;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            float sx = ((x + 0.5f) / size * 2.0f - 1.0f) * halfTan;
            float sy = (1.0f - (y + 0.5f) / size * 2.0f) * halfTan;
            queries.emplace_back(glm::normalize(forward + sx * right + sy * up), 0.0f);
        }
    writePreview(fs::path(dir) / (prefix + "_view.png"), probe(context, environment, Map::Radiance, queries), size,
                 size);
}

}  // namespace

TEST_SUITE("gpu") {
    TEST_CASE("the default sky is brighter above than below and brightest towards the sun") {
        auto context = makeContext();
        SkyParameters sky;
        auto environment = Environment::createDefaultSky(*context, sky);
        REQUIRE_MESSAGE(environment.has_value(), (environment ? "" : environment.error().message));
        CHECK(environment->radianceMipCount() == 6);  // 256 .. 8 per face

        auto vertical = probe(*context, *environment, Map::Radiance, {{0, 1, 0, 0}, {0, -1, 0, 0}});
        CHECK(luminance(vertical[0]) > 1.5f * luminance(vertical[1]));
        auto irradiance = probe(*context, *environment, Map::Irradiance, {{0, 1, 0, 0}, {0, -1, 0, 0}});
        CHECK(luminance(irradiance[0]) > luminance(irradiance[1]));

        // Every texel of mip 0: the brightest is the sun's.
        auto queries = cubeTexelQueries(256, 0.0f);
        auto texels = probe(*context, *environment, Map::Radiance, queries);
        size_t brightest = 0;
        for (size_t i = 0; i < texels.size(); ++i)
            if (luminance(texels[i]) > luminance(texels[brightest])) brightest = i;
        float angle = std::acos(std::clamp(glm::dot(glm::vec3(queries[brightest]), sky.sunDirection), -1.0f, 1.0f));
        CHECK(angle < 1.5f * kPi / 180.0f);
        CHECK(luminance(texels[brightest]) > 10.0f * luminance(vertical[0]));
        size_t invalid = 0;
        for (const glm::vec4& t : texels)
            if (!(std::isfinite(luminance(t)) && t.r >= 0 && t.g >= 0 && t.b >= 0)) ++invalid;
        CHECK(invalid == 0);

        maybeWritePreviews(*context, *environment, "default_sky");
        CHECK(context->validationMessageCount() == 0);
    }

    TEST_CASE("prefiltered radiance mips get smoother with roughness") {
        auto context = makeContext();
        auto environment = Environment::createDefaultSky(*context);
        REQUIRE(environment.has_value());
        float previous = INFINITY;
        for (uint32_t mip = 0; mip < environment->radianceMipCount(); ++mip) {
            // Sampled on a fixed 32x32-per-face grid so every mip is measured alike.
            auto texels = probe(*context, *environment, Map::Radiance, cubeTexelQueries(32, float(mip)));
            double sum = 0, sumSquares = 0;
            for (const glm::vec4& t : texels) {
                double l = luminance(t);
                sum += l;
                sumSquares += l * l;
            }
            double mean = sum / double(texels.size());
            float variance = float(sumSquares / double(texels.size()) - mean * mean);
            INFO("mip ", mip, " variance ", variance);
            CHECK(variance < previous);
            previous = variance;
        }
        CHECK(context->validationMessageCount() == 0);
    }

    TEST_CASE("texture(cube, dir) returns the panorama's colour in direction dir") {
        TempDir temp;
        fs::path file = temp.path / "directions.hdr";
        writeDirectionPanorama(file, 512, 256);
        auto context = makeContext();
        auto environment = Environment::createFromFile(*context, file);
        REQUIRE_MESSAGE(environment.has_value(), (environment ? "" : environment.error().message));

        // Face centres first (+X -X +Y -Y +Z -Z), then off-centre directions that
        // catch a face mirrored or rotated in place.
        std::vector<glm::vec3> dirs = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        uint32_t seed = 12345;
        auto random = [&] {
            seed = seed * 1664525u + 1013904223u;
            return float(seed >> 8) / float(1u << 24) * 2.0f - 1.0f;
        };
        while (dirs.size() < 200) {
            glm::vec3 d(random(), random(), random());
            if (glm::length(d) > 0.2f && glm::length(d) <= 1.0f) dirs.push_back(glm::normalize(d));
        }
        std::vector<glm::vec4> queries;
        for (glm::vec3 d : dirs) queries.emplace_back(d, 0.0f);
        auto texels = probe(*context, *environment, Map::Radiance, queries);
        for (size_t i = 0; i < dirs.size(); ++i) {
            glm::vec3 decoded = glm::vec3(texels[i]) * 2.0f - 1.0f;
            INFO("direction ", dirs[i].x, " ", dirs[i].y, " ", dirs[i].z, " came back as ", decoded.x, " ", decoded.y,
                 " ", decoded.z);
            CHECK(glm::length(decoded - dirs[i]) < 0.06f);
        }
        CHECK(context->validationMessageCount() == 0);
    }

    TEST_CASE("a uniform environment gives that radiance as irradiance and in every prefiltered mip") {
        TempDir temp;
        const glm::vec3 radiance(0.8f, 0.5f, 0.25f);
        fs::path file = temp.path / "uniform.hdr";
        std::vector<float> rgb;
        for (int i = 0; i < 128 * 64; ++i) rgb.insert(rgb.end(), {radiance.r, radiance.g, radiance.b});
        writeHdr(file, 128, 64, rgb);

        auto context = makeContext();
        auto environment = Environment::createFromFile(*context, file);
        REQUIRE_MESSAGE(environment.has_value(), (environment ? "" : environment.error().message));
        for (Map map : {Map::Irradiance, Map::Radiance}) {
            uint32_t mips = map == Map::Irradiance ? 1 : environment->radianceMipCount();
            for (uint32_t mip = 0; mip < mips; ++mip) {
                auto texels =
                    probe(*context, *environment, map, cubeTexelQueries(map == Map::Irradiance ? 32 : 8, float(mip)));
                for (const glm::vec4& t : texels) {
                    INFO("map ", uint32_t(map), " mip ", mip, ": ", t.r, " ", t.g, " ", t.b);
                    REQUIRE(glm::all(glm::lessThan(glm::abs(glm::vec3(t) - radiance), radiance * 0.03f)));
                }
            }
        }
        CHECK(context->validationMessageCount() == 0);
    }

    TEST_CASE("an 8-bit panorama is read as sRGB and converted to linear radiance") {
        TempDir temp;
        fs::path file = temp.path / "grey.png";
        std::vector<uint8_t> pixels(64 * 32 * 3, 188);  // sRGB 188 = linear 0.503
        REQUIRE(stbi_write_png(file.c_str(), 64, 32, 3, pixels.data(), 64 * 3) != 0);
        auto context = makeContext();
        auto environment = Environment::createFromFile(*context, file);
        REQUIRE_MESSAGE(environment.has_value(), (environment ? "" : environment.error().message));
        auto texels = probe(*context, *environment, Map::Irradiance, {{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, -1, 0}});
        for (const glm::vec4& t : texels)
            CHECK(glm::all(glm::lessThan(glm::abs(glm::vec3(t) - 0.5029f), glm::vec3(0.01f))));
        CHECK(context->validationMessageCount() == 0);
    }

    TEST_CASE("the BRDF lookup table holds plausible split-sum terms") {
        auto context = makeContext();
        auto environment = Environment::createDefaultSky(*context);
        REQUIRE(environment.has_value());
        const int size = 128;
        std::vector<glm::vec4> queries;
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x) queries.emplace_back((x + 0.5f) / size, (y + 0.5f) / size, 0.0f, 0.0f);
        auto lut = probe(*context, *environment, Map::BrdfLut, queries);
        auto at = [&](int x, int y) { return glm::vec2(lut[size_t(y) * size + x]); };
        for (const glm::vec4& t : lut) {
            REQUIRE((t.x >= 0.0f && t.x <= 1.0f && t.y >= 0.0f && t.y <= 1.0f));
            REQUIRE(t.x + t.y <= 1.001f);  // a BRDF reflects no more than comes in
        }
        // Smooth, head-on: all energy comes back and Fresnel is F0 (scale 1, bias 0).
        CHECK(at(size - 1, 0).x + at(size - 1, 0).y == doctest::Approx(1.0f).epsilon(0.02));
        CHECK(at(size - 1, 0).y < 0.01f);
        // Smooth, grazing: Fresnel tends to 1, so the bias grows.
        CHECK(at(8, 0).y > at(size - 1, 0).y + 0.1f);
        // Rough surfaces lose energy to single-scattering masking (no multiple scattering).
        CHECK(at(size / 2, size - 1).x + at(size / 2, size - 1).y < at(size / 2, 0).x + at(size / 2, 0).y);
        CHECK(context->validationMessageCount() == 0);
    }

    TEST_CASE("a missing panorama file is refused with its name") {
        TempDir temp;
        auto context = makeContext();
        auto environment = Environment::createFromFile(*context, temp.path / "no_such_sky.hdr");
        REQUIRE_FALSE(environment.has_value());
        CHECK(environment.error().message.find("no_such_sky.hdr") != std::string::npos);
        CHECK(context->validationMessageCount() == 0);
    }

    TEST_CASE("a file that is not an image is refused with its name") {
        TempDir temp;
        fs::path file = temp.path / "notes.hdr";
        writeBytes(file, "these are the estate agent's notes, not a panorama\n");
        auto context = makeContext();
        auto environment = Environment::createFromFile(*context, file);
        REQUIRE_FALSE(environment.has_value());
        CHECK(environment.error().message.find("notes.hdr") != std::string::npos);
        CHECK(context->validationMessageCount() == 0);
    }

    TEST_CASE("a panorama whose header claims absurd dimensions is refused before decoding") {
        TempDir temp;
        fs::path file = temp.path / "huge.hdr";
        writeBytes(file,
                   std::string("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 8 +X 100000\n") + std::string(64, '\x01'));
        auto context = makeContext();
        auto environment = Environment::createFromFile(*context, file);
        REQUIRE_FALSE(environment.has_value());
        CHECK(environment.error().message.find("huge.hdr") != std::string::npos);
        CHECK(environment.error().message.find("100000") != std::string::npos);
        CHECK(context->validationMessageCount() == 0);
    }

}  // TEST_SUITE
