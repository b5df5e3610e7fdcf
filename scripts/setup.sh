#!/usr/bin/env bash
# Set-up shared by ./openhouse.sh and ./test.sh: installs the Debian 12
# packages the build and tests need (only those missing), then configures and
# builds with the CMake presets. Usage: scripts/setup.sh [PRESET...] (default: release)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    # toolchain
    cmake ninja-build g++ clang libclang-rt-14-dev pkg-config glslc
    # libraries
    libvulkan-dev libglfw3-dev libtinygltf-dev libstb-dev libglm-dev libcli11-dev libimgui-dev
    libmeshoptimizer-dev libdraco-dev libwebp-dev nlohmann-json3-dev doctest-dev libopenxr-dev libopenxr-loader1
    # listings and bundles: photos (libvips with libheif for HEIC), hashes and signatures
    libvips-dev libheif-dev libsodium-dev
    # the branch table: catalog (SQLite), map tiles from OpenStreetMap (libosmium, cairo),
    # touch window (SDL2), tangible markers over OSC (liblo), the headset station's control endpoint
    libsqlite3-dev libosmium2-dev libprotozero-dev libbz2-dev zlib1g-dev libexpat1-dev liblz4-dev libcairo2-dev
    libsdl2-dev liblo-dev libcpp-httplib-dev fonts-dejavu-core
    # running and testing: lavapipe (CPU Vulkan), validation layers, a virtual X server
    mesa-vulkan-drivers vulkan-validationlayers xvfb xauth
    # headset tests: Khronos' OpenXR core validation layer and sample client (hello_xr)
    openxr-layer-corevalidation libopenxr-utils
    # listing.json against its JSON Schema
    python3-jsonschema poppler-utils librsvg2-bin
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if ((${#missing[@]})); then
    echo "Installing: ${missing[*]}"
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

presets=("$@")
if ((${#presets[@]} == 0)); then presets=(release); fi
for preset in "${presets[@]}"; do
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset"
done
