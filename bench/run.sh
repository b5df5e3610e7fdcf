#!/usr/bin/env bash
# Runs the benchmarks and prints Markdown tables for docs/benchmarks.md.
#   bench/run.sh [RUNS]   (default 5 runs per model; build first: scripts/setup.sh)
#   OPENHOUSE_BIN=DIR bench/run.sh   the programs of another build
# Start-up: each run is a fresh process (bench_startup); medians per column.
# Frame: CPU time per stereo frame (bench_frame), median and p90 over 30 frames.
# Pictures in the tour: bench/pictures.sh (its first run renders and packs a listing).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
# OPENHOUSE_BIN: another build's programs, to compare two builds in one session.
bin=${OPENHOUSE_BIN:-build/bin}
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

# Headset: the real `openhouse` in the project's simulated headset
# (tests/xr_sim) through the OpenXR loader, 2 x 1440x1584, 4x MSAA, unpaced
# (xrWaitFrame returns at once), validation off. No mirror window: with no GPU,
# lavapipe presents a window by copying the whole image through the X socket,
# a cost a real GPU does not have. CPU = the main thread's CPU time for a whole
# loop iteration (events, update, xrWaitFrame/BeginFrame, views, input,
# record, submit, xrEndFrame); waiting costs none. "first frame" = process
# start to the first frame submitted with a tracked head pose.
sim=build/tests/xr_sim/openhouse_xr_sim.json
scratch=$(mktemp -d)  # the simulated runtime's state file goes in TMPDIR
echo '{"paced": false}' >"$scratch/full.json"
echo '{"paced": false, "resolution": [720, 792]}' >"$scratch/half.json"
headset() {  # MODEL FRAMES VIEW-PASSES CONFIG
    TMPDIR=$scratch XR_RUNTIME_JSON=$sim OPENHOUSE_XR_SIM_CONFIG=$scratch/$4.json \
        env -u DISPLAY -u WAYLAND_DISPLAY "$bin/openhouse" "$1" --xr --frames "$2" --view-passes "$3" --print-stats 2>/dev/null |
        sed -n 's/^headset frames [0-9]* cpu-median-ms \([0-9.]*\) first-tracked-frame-s \([0-9.]*\).*/\1 \2/p'
}
echo
echo "### Headset: CPU per stereo frame and launch to first head-tracked frame (median of $runs runs)"
echo
# The block (1.2 M triangles) at half the eye size: lavapipe rasterises it for
# seconds per frame at full size, and the CPU side does not depend on it.
echo "| model | eye size | frames per run | CPU ms, one multiview pass | CPU ms, a pass per eye | first tracked frame s (multiview) |"
echo "|---|---|---:|---:|---:|---:|"
for entry in "build/scenes/demo-apartment.glb 30 full 1440x1584" "build/scenes/apartment-block.glb 10 half 720x792"; do
    set -- $entry
    model=$1 frames=$2 size=$3 label=$4
    for ((i = 0; i < runs; ++i)); do
        echo "$(headset "$model" "$frames" multiview "$size") $(headset "$model" "$frames" per-view "$size")"
    done | python3 -c '
import statistics, sys
rows = [[float(x) for x in line.split()] for line in sys.stdin if len(line.split()) == 4]
mv, fv, pv = (statistics.median(r[i] for r in rows) for i in (0, 1, 2))
print(f"| {sys.argv[1]} | {sys.argv[3]} | {sys.argv[2]} | {mv:.3f} | {pv:.3f} | {fv:.2f} |")' "$(basename "$model")" "$frames" "$label"
done
rm -rf "$scratch"

# The listing's pictures in the tour: panoramas, photos, markers (issue 10).
echo
bench/pictures.sh "$runs"
