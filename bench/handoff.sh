#!/usr/bin/env bash
# Tap to inside: the branch table's "Walk inside" handed to `openhouse` as
# the headset station in the project's simulated headset (tests/xr_sim),
# end to end, as in the branch: two processes on loopback, the station
# already running with the customer inside another listing of the demo
# catalog. Prints a Markdown table for docs/benchmarks.md ("Branch table").
#   xvfb-run -a -s "-screen 0 1600x1000x24" bench/handoff.sh [RUNS]   (default 5)
#   OPENHOUSE_BIN=DIR   the programs (default build/bin)
#   OPENHOUSE_EYE_SIZES="W H,W H"  the headset's eye sizes (default "1440 1584,720 792,360 396")
# The station: paced at 90 Hz as a compositor paces it (a late frame skips
# to the next slot, so its fades last their 0.25 s of display time however
# slow the frames), no mirror window, validation off. Per run, from its log:
# load (the bundle read on the switch's worker), upload (to the GPU) and
# the first frame inside the new listing after the request; from the
# table's: tap to inside, as the table saw it from the station's status
# (polled every 0.2 s while waiting: up to 0.2 s late).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=${OPENHOUSE_BIN:-build/bin}
catalog=build/demo-catalog
sim=build/tests/xr_sim/openhouse_xr_sim.json
for need in "$bin/openhouse" "$bin/openhouse-table" "$sim" "$catalog/demo-key.pub"; do
    [[ -e $need ]] || { echo "handoff.sh: $need is missing: build first (scripts/setup.sh)" >&2; exit 2; }
done
[[ -n ${DISPLAY:-} ]] || { echo "handoff.sh: the table needs a display: run it under xvfb-run" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
trust=(--trust "$catalog/demo-key.pub")
size=1280x800

# Pins that stand alone, clear of the card on the right and the panels on
# the left (a first, short run of the table says where each pin is).
mapfile -t pins < <("$bin/openhouse-table" "$catalog" "${trust[@]}" --tuio-port 0 --size $size --frames 3 \
    --print-state 2>/dev/null | awk '$1 == "pin" && $3 > 440 && $3 < 660 && $4 > 200 && $4 < 700 { print $2, $3, $4 }')
((${#pins[@]})) || { echo "handoff.sh: no pin stands alone on the table's start view" >&2; exit 1; }

# One handoff: the station starts on STARTFILE at EYE size, the table walks into PIN.
# Prints: load upload first-frame-inside tap-to-inside (ms).
handoff() {  # EYE-WIDTH EYE-HEIGHT "ID X Y" STARTFILE
    local dir=$scratch/run
    rm -rf "$dir" && mkdir -p "$dir"
    echo "{\"paced\": true, \"resolution\": [$1, $2], \"exitRequestFile\": \"$dir/done\"}" >"$dir/config.json"
    TMPDIR=$dir XR_RUNTIME_JSON=$sim OPENHOUSE_XR_SIM_CONFIG=$dir/config.json \
        env -u DISPLAY -u WAYLAND_DISPLAY "$bin/openhouse" "$catalog/$4" --xr --listings "$catalog" "${trust[@]}" \
        --control 127.0.0.1:0 >/dev/null 2>"$dir/station.log" &
    local station=$!
    local port=""
    for ((i = 0; i < 600 && ${#port} == 0; ++i)); do
        sleep 0.1
        port=$(sed -n 's/.*control endpoint listening on port \([0-9]*\).*/\1/p' "$dir/station.log")
    done
    # The customer in the headset first: its first head-tracked frame.
    for ((i = 0; i < 600; ++i)); do grep -q "head-tracked" "$dir/station.log" && break; sleep 0.1; done
    local id x y
    read -r id x y <<<"$3"
    local station_args=(--station "127.0.0.1:$port")
    local button
    button=$("$bin/openhouse-table" "$catalog" "${trust[@]}" "${station_args[@]}" --tuio-port 0 --size $size \
        --frames 5 --script "click 2 $x $y" --print-state 2>/dev/null | sed -n 's/^walk inside at //p')
    "$bin/openhouse-table" "$catalog" "${trust[@]}" "${station_args[@]}" --tuio-port 0 --size $size \
        --script "click 2 $x $y; click 6 $button" >/dev/null 2>"$dir/table.log" &
    local table=$!
    for ((i = 0; i < 1200; ++i)); do grep -q "the customer is inside $id" "$dir/table.log" && break; sleep 0.1; done
    kill -TERM $table && wait $table || true
    touch "$dir/done" && wait $station || true
    local split tap
    split=$(sed -n "s/.*switched to .*: load \([0-9.]*\) ms, upload \([0-9.]*\) ms, first frame inside \([0-9.]*\) ms after the request.*/\1 \2 \3/p" "$dir/station.log")
    tap=$(sed -n "s/.*the customer is inside $id, \([0-9.]*\) ms after the tap.*/\1/p" "$dir/table.log")
    [[ -n $split && -n $tap ]] || { echo "handoff.sh: run into $id did not finish; logs:" >&2; cat "$dir/station.log" "$dir/table.log" >&2; exit 1; }
    echo "$split $tap"
}

echo "### Tap to inside: table → station → simulated headset (ms, median of $runs runs; p90 in brackets)"
echo
echo "| eye size | load | upload | first frame inside (after the request) | tap to inside (as the table saw it) |"
echo "|---|---:|---:|---:|---:|"
# Eye sizes: OPENHOUSE_EYE_SIZES="W H,W H" (default a Quest 2 eye, a half and a quarter of it).
eyes=("1440 1584" "720 792" "360 396")
[[ -n ${OPENHOUSE_EYE_SIZES:-} ]] && IFS=, read -ra eyes <<<"$OPENHOUSE_EYE_SIZES"
for eye in "${eyes[@]}"; do
    set -- $eye
    for ((run = 0; run < runs; ++run)); do
        pin=${pins[run % ${#pins[@]}]}
        # Start on a listing other than the one walked into.
        start=$(ls "$catalog" | grep '\.tour$' | grep -v "^${pin%% *}\.tour$" | head -1)
        handoff "$1" "$2" "$pin" "$start"
    done | python3 -c '
import statistics, sys
rows = [[float(x) for x in line.split()] for line in sys.stdin if line.strip()]
def cell(col):
    values = sorted(col)
    p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
    return f"{statistics.median(values):.0f} ({p90:.0f})"
print("| " + sys.argv[1] + " | " + " | ".join(cell(c) for c in zip(*rows)) + " |")' "$1x$2"
done
