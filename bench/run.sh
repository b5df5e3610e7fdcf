#!/usr/bin/env bash
# Runs the benchmarks and prints Markdown tables for docs/benchmarks.md.
#   bench/run.sh [RUNS]   (default 5 runs per model; build first: scripts/setup.sh)
# Start-up: each run is a fresh process (bench_startup); medians per column.
# Frame: CPU time per stereo frame (bench_frame), median and p90 over 30 frames.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=build/bin
assets=../shared/assets
models=(
    "$assets/webxr-home-theater/home-theater.gltf"
    "$assets/webxr-cube-room/cube-room.gltf"
    "$assets/webxr-garage/garage.gltf"
    "$assets/StainedGlassLamp/glTF/StainedGlassLamp.gltf"
)

echo "### Start-up: process start to first finished stereo frame (ms, median of $runs runs)"
echo
echo "| model | total | Vulkan context | environment | renderer + target | import | ↳ parse | ↳ image decode | upload | ↳ staging | ↳ GPU copy | ↳ GPU mips | ↳ geometry | first frame |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for model in "${models[@]}"; do
    for ((i = 0; i < runs; ++i)); do "$bin/bench_startup" "$model"; done | python3 -c '
import statistics, sys
rows = [[float(x) for x in line.split()] for line in sys.stdin if line.strip()]
medians = [statistics.median(col) for col in zip(*rows)]
print("| " + sys.argv[1] + " | " + " | ".join(f"{m:.0f}" for m in medians) + " |")' "$(basename "$model")"
done
echo
echo "### CPU time per stereo frame (record + submit, GPU wait excluded), 2 x 1440x1584"
echo
"$bin/bench_frame" --frames 30 "${models[@]}" build/scenes/demo-apartment.glb

# Apartment blocks of 1 to 40 apartments (shared meshes, 2,500+ nodes at 40):
# from outside (everything in view) and from a tour's start spot inside.
mkdir -p build/bench-scenes
blocks=()
for count in 1 5 10 20 40; do
    block=build/bench-scenes/block-$count.glb
    [[ -f $block ]] || "$bin/openhouse-scene" --block "$count" "$block" >/dev/null
    blocks+=("$block")
done
echo
echo "#### Apartment blocks, the whole block in view"
echo
"$bin/bench_frame" --frames 30 "${blocks[@]}"
echo
echo "#### Apartment blocks, standing inside one apartment"
echo
"$bin/bench_frame" --frames 30 --inside "${blocks[@]}"
