#!/usr/bin/env bash
# The listing's pictures in the tour (bench_pictures on the bundle of
# bench/make_picture_listing.sh); prints Markdown tables for docs/benchmarks.md
# ("Pictures in the tour"). bench/run.sh calls it.
#   bench/pictures.sh [RUNS]     (default 5 fresh processes; medians per figure)
#   OPENHOUSE_BIN=DIR            the programs (default build/bin)
#   OPENHOUSE_SCENES=DIR         the generated scenes (default build/scenes)
#   OPENHOUSE_BENCH_DIR=DIR      the listing and its bundle (default build/bench-pictures)
# The first run renders the listing's pictures (minutes on lavapipe) and every
# run after a packer change packs it again; neither is timed here.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=${OPENHOUSE_BIN:-build/bin}
out=${OPENHOUSE_BENCH_DIR:-build/bench-pictures}
OPENHOUSE_BIN=$bin bench/make_picture_listing.sh "$out"

size=144x158  # per eye: lavapipe samples BC7 in software (see bench_pictures.cpp)
for ((i = 0; i < runs; ++i)); do "$bin/bench_pictures" --frames 15 --eye-size $size "$out/pictures.tour"; done |
    python3 -c '
import statistics, sys
rows = [[float(x) for x in line.split()] for line in sys.stdin if line.strip()]
if not rows or len({len(row) for row in rows}) != 1:
    sys.exit("pictures.sh: bench_pictures gave no runs, or runs that disagree on their columns")
m = [statistics.median(column) for column in zip(*rows)]
runs, size = len(rows), sys.argv[1]
markers, model, model90, marked, marked90, inside, inside90 = m[:7]
print(f"### CPU per stereo frame (ms, 2 x {size}; median of {runs} runs, each the median and p90 of 15 frames)")
print()
print("| where | CPU ms median | p90 | median / model alone |")
print("|---|---:|---:|---:|")
print(f"| the model alone (the tour without pictures) | {model:.3f} | {model90:.3f} | 1.00 |")
print(f"| the model with {markers:.0f} photo markers and 2 panorama globes | {marked:.3f} | {marked90:.3f} | {marked / model:.2f} |")
print(f"| inside a panorama (full cube, hotspots) | {inside:.3f} | {inside90:.3f} | {inside / model:.2f} |")
print()
print(f"### Asking for a picture: to its first frame and to the full picture (median of {runs} runs; photos: of 10 photos each)")
print()
print("| picture | full size on the GPU | to the first frame with it, ms | frames to the full picture | ms to the full picture | longest frame on the way, ms |")
print("|---|---|---:|---:|---:|---:|")
def row(name, full, arrival):
    first, frames, to_full, longest = arrival
    print(f"| {name} | {full} | {first:.1f} | {frames:.0f} | {to_full:.0f} | {longest:.1f} |")
row("photo, not on the GPU (thumbnail first)", "2048x1536", m[7:11])
print(f"| photo, already on the GPU | 2048x1536 | {m[11]:.1f} | 1 | {m[11]:.0f} | {m[11]:.1f} |")
sources = ["4K panorama (4096x2048)", "16K panorama (16384x8192)"]  # in the order make_picture_listing.sh lists them
for source, first in zip(sources, range(12, len(m), 5)):
    row(source + ", entered (preview cube first)", f"cube of {m[first]:.0f}²", m[first + 1:first + 5])
' "$size"
