#!/usr/bin/env bash
# Makes the packing benchmark's listing folder from the demo listing: the demo
# apartment (model/demo-apartment.glb), 32 photos of 4000x3000 (12 MP) and 4
# panoramas of 8192x4096, all rendered by `openhouse render`, and a
# listing.json (the demo's, with its photos and panoramas replaced).
#   bench/make_bench_listing.sh OUT_DIR
#   OPENHOUSE_BIN=DIR    the programs (default build/bin)
#   OPENHOUSE_SCENES=DIR the generated scenes, demo-apartment.glb (default build/scenes)
# Repeatable: the poses are fixed (the demo's photo poses, each turned by four
# fixed offsets), so every run makes the same files; a picture that already
# exists is not rendered again. Not a listing for people: the photos repeat
# rooms on purpose, to reach a realistic count and size.
set -euo pipefail
cd "$(dirname "$0")/.."
if (($# != 1)); then
    echo "usage: bench/make_bench_listing.sh OUT_DIR" >&2
    exit 2
fi
out=$1
bin=${OPENHOUSE_BIN:-build/bin}
scenes=${OPENHOUSE_SCENES:-build/scenes}
model=$scenes/demo-apartment.glb
for needed in "$bin/openhouse" "$model"; do
    [[ -e $needed ]] || { echo "make_bench_listing: $needed is missing; build first (scripts/setup.sh)" >&2; exit 2; }
done
mkdir -p "$out/model" "$out/photos" "$out/panoramas"
cp -u "$model" "$out/model/demo-apartment.glb"

# listing.json and one render job per line ("FILE<TAB>render options"). The
# listing's heading is compass-like (clockwise, 0 = -Z) and `render --yaw`
# turns left, so yaw = -heading (as scenes/demo_listing.cmake does).
jobs=$(python3 - scenes/demo-listing/listing.json "$out/listing.json" <<'EOF'
import json, sys
demo = json.load(open(sys.argv[1], encoding="utf-8"))
turns = [0, -25, 25, 50]  # degrees added to each demo photo's heading, one per round
photos, jobs = [], []
for round_index, turn in enumerate(turns):
    for photo_index, photo in enumerate(demo["photos"]):
        camera = dict(photo["camera"])
        camera["heading"] = (camera["heading"] + turn) % 360
        name = f"photos/photo-{round_index * len(demo['photos']) + photo_index + 1:02d}.jpg"
        photos.append({"file": name, "caption": f"{photo['room']}, view {round_index + 1}",
                       "room": photo["room"], "camera": camera})
        x, y, z = camera["position"]
        jobs.append(f"{name}\t--size 4000x3000 --eye {x},{y},{z} --yaw {-camera['heading']} "
                    f"--pitch {camera.get('pitch', 0)} --fov {camera.get('fov', 50)}")
panoramas = []
for panorama in demo["panoramas"][:4]:
    panoramas.append(dict(panorama))
    x, y, z = panorama["position"]
    jobs.append(f"{panorama['file']}\t--panorama --size 8192x4096 --eye {x},{y},{z} --yaw {-panorama['heading']}")
demo["photos"], demo["panoramas"] = photos, panoramas
with open(sys.argv[2], "w", encoding="utf-8") as listing:
    json.dump(demo, listing, ensure_ascii=False, indent=2)
    listing.write("\n")
print("\n".join(jobs))
EOF
)

start=$SECONDS
rendered=0
while IFS=$'\t' read -r file options; do
    [[ -s $out/$file ]] && continue
    # shellcheck disable=SC2086  # options are words made above
    "$bin/openhouse" render "$out/model/demo-apartment.glb" --out "$out/$file" $options >/dev/null
    rendered=$((rendered + 1))
done <<<"$jobs"
echo "make_bench_listing: $out: $(grep -c . <<<"$jobs") pictures, $rendered rendered now in $((SECONDS - start)) s" >&2
