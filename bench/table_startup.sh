#!/usr/bin/env bash
# The branch table's start-up with the demo catalog (12 bundles) and with a
# generated catalog of 1,000 signed bundles, each cold (no catalog database
# yet: every bundle's manifest read, its signature checked) and warm (the
# database beside them: a directory scan and a stat per file). Prints a
# Markdown table for docs/benchmarks.md ("Branch table").
#   xvfb-run -a -s "-screen 0 1600x1000x24" bench/table_startup.sh [RUNS]   (default 5)
#   OPENHOUSE_BIN=DIR        the programs (default build/bin)
#   OPENHOUSE_BENCH_DIR=DIR  the generated catalog (default build/bench-table), made once
# From the table's log: the catalog read, the first frame presented, and the
# map's tiles all in place (streamed after the first frame), each after the
# process started; validation off, the window 1600x1000.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=${OPENHOUSE_BIN:-build/bin}
out=${OPENHOUSE_BENCH_DIR:-build/bench-table}
demo=build/demo-catalog
for need in "$bin/openhouse-table" "$bin/openhouse-pack" "$demo/demo-key.pub"; do
    [[ -e $need ]] || { echo "table_startup.sh: $need is missing: build first (scripts/setup.sh)" >&2; exit 2; }
done
[[ -n ${DISPLAY:-} ]] || { echo "table_startup.sh: the table needs a display: run it under xvfb-run" >&2; exit 2; }

# 1,000 small listings over Helsinki, made once: a box for the model and one
# photo each (the catalog reads manifests and thumbnails, never the models),
# random facts within the ranges the markers filter on, signed with a key
# of their own.
count=1000
generated=$out/catalog-$count
if [[ ! -f $generated/.complete ]]; then
    rm -rf "$out" && mkdir -p "$out/listings" "$generated"
    "$bin/openhouse-pack" keygen "$out/bench-key" >/dev/null
    python3 - "$out/listings" "$count" <<'PY'
import json, os, random, shutil, sys
folder, count = sys.argv[1], int(sys.argv[2])
random.seed(11)
codes = ["00100", "00120", "00130", "00140", "00150", "00160", "00170", "00180", "00200", "00210", "00250",
         "00260", "00270", "00280", "00300", "00310", "00320", "00330", "00340", "00350", "00400", "00410",
         "00500", "00510", "00520", "00530", "00550", "00560", "00570", "00580", "00610", "00620", "00630",
         "00640", "00650", "00660", "00700", "00710", "00720", "00730", "00740", "00780", "00790", "00800",
         "00810", "00820", "00830", "00840", "00850", "00870", "00880", "00900", "00910", "00920", "00930",
         "00940", "00950", "00960", "00970", "00980", "00990"]
features = ["balcony", "sauna", "lift", "cellar-storage", "fireplace", "renovated-bathroom"]
box = "../shared/assets/Box/glTF-Binary/Box.glb"
photo = "../shared/assets/BoxTextured/glTF/CesiumLogoFlat.png"
for i in range(count):
    listing_id = f"bench-listing-{i:04d}"
    path = os.path.join(folder, listing_id)
    os.makedirs(path)
    shutil.copy(box, os.path.join(path, "box.glb"))
    shutil.copy(photo, os.path.join(path, "photo.png"))
    area = round(random.uniform(22, 140), 1)
    rooms = max(1, min(6, int(area // 25)))
    asking = int(area * random.uniform(3500, 9500) // 1000 * 1000)
    listing = {
        "formatVersion": 1, "id": listing_id,
        "address": {"street": f"Benchmark Street {i + 1}", "postalCode": random.choice(codes), "city": "Helsinki"},
        "location": {"latitude": round(random.uniform(60.16, 60.27), 5), "longitude": round(random.uniform(24.85, 25.10), 5)},
        "price": {"asking": asking, "debtFree": asking + random.choice([0, 5000, 25000]), "currency": "EUR",
                  "maintenancePerMonth": round(area * 4.5, 2)},
        "area": {"living": area}, "rooms": {"count": rooms},
        "floor": {"number": random.randint(1, 7), "of": 8}, "yearBuilt": random.randint(1900, 2024),
        "features": random.sample(features, random.randint(0, 3)),
        "description": {"en": "A listing generated for the table's start-up benchmark."},
        "agent": {"name": "Benchmark Agent", "phone": "+358 50 555 0100"},
        "model": "box.glb", "photos": [{"file": "photo.png"}],
    }
    with open(os.path.join(path, "listing.json"), "w") as f:
        json.dump(listing, f)
PY
    ls "$out/listings" | xargs -P "$(nproc)" -I{} "$bin/openhouse-pack" -q "$out/listings/{}" \
        -o "$generated/{}.tour" --sign "$out/bench-key.key" --threads 1
    touch "$generated/.complete"
fi

# Prints: catalog read, first frame, map complete (ms).
startup() {  # FOLDER KEY cold|warm
    [[ $3 == cold ]] && rm -f "$1"/.openhouse-catalog*.sqlite
    "$bin/openhouse-table" "$1" --trust "$2" --tuio-port 0 --size 1600x1000 --frames 120 2>&1 >/dev/null |
        python3 -c '
import re, sys
log = sys.stdin.read()
def find(pattern):
    match = re.search(pattern, log)
    if not match: sys.exit("table_startup.sh: the table did not say " + repr(pattern) + ":\n" + log)
    return match.group(1)
print(find(r"catalog: \d+ listings, read in ([\d.]+) ms"), find(r"first frame on the table ([\d.]+) ms after launch"),
      find(r"tiles all in place ([\d.]+) ms after launch"))'
}

echo "### Table start-up (ms after the process started, median of $runs runs; p90 in brackets)"
echo
echo "| bundles | catalog | catalog read | first frame | map complete |"
echo "|---|---|---:|---:|---:|"
for entry in "12 $demo $demo/demo-key.pub" "$count $generated $out/bench-key.pub"; do
    set -- $entry
    for state in cold warm; do
        "$bin/openhouse-table" "$2" --trust "$3" --tuio-port 0 --frames 1 >/dev/null 2>&1  # the files in the page cache
        for ((run = 0; run < runs; ++run)); do startup "$2" "$3" $state; done | python3 -c '
import statistics, sys
rows = [[float(x) for x in line.split()] for line in sys.stdin if line.strip()]
def cell(col):
    values = sorted(col)
    p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
    return f"{statistics.median(values):.0f} ({p90:.0f})"
print("| " + sys.argv[1] + " | " + sys.argv[2] + " | " + " | ".join(cell(c) for c in zip(*rows)) + " |")' "$1" "$state"
    done
done
