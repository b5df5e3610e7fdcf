#!/usr/bin/env bash
# Makes the pictures benchmark's tour bundle (bench/bench_pictures.cpp): the
# demo apartment with 200 posed photos (200 camera markers in the model, 200
# gallery entries) and two panoramas, a 4K one (4096x2048, the living room)
# and a 16K one (16384x8192, the kitchen), packed by openhouse-pack.
#   bench/make_picture_listing.sh OUT_DIR   ->  OUT_DIR/pictures.tour
#   OPENHOUSE_BIN=DIR    the programs (default build/bin)
#   OPENHOUSE_SCENES=DIR the generated scenes, demo-apartment.glb (default build/scenes)
# 24 photos of 2048x1536 (display size: the packer keeps them as they are)
# are rendered from the demo's 8 photo poses, each turned by 0, -20 and +20
# degrees; the 200 listing photos are copies of them, each copy's camera
# moved sideways a few centimetres so the markers do not coincide. Not a
# listing for people. Repeatable: a picture that exists is not rendered
# again, and the bundle is packed again only when it is older than the
# listing or the packer.
set -euo pipefail
cd "$(dirname "$0")/.."
if (($# != 1)); then
    echo "usage: bench/make_picture_listing.sh OUT_DIR" >&2
    exit 2
fi
out=$1
bin=${OPENHOUSE_BIN:-build/bin}
scenes=${OPENHOUSE_SCENES:-build/scenes}
model=$scenes/demo-apartment.glb
for needed in "$bin/openhouse" "$bin/openhouse-pack" "$model"; do
    [[ -e $needed ]] || { echo "make_picture_listing: $needed is missing; build first (scripts/setup.sh)" >&2; exit 2; }
done
listing=$out/listing
mkdir -p "$out/renders" "$listing/model" "$listing/photos" "$listing/panoramas"
cp -u "$model" "$listing/model/demo-apartment.glb"

# Writes listing.json only when its text changes (the bundle's staleness
# follows it) and prints one line per picture: "kind<TAB>file<TAB>render
# options" for a render, "copy<TAB>file<TAB>source" for a photo's copy.
# The listing's heading is compass-like (clockwise, 0 = -Z) and `render --yaw`
# turns left, so yaw = -heading (as scenes/demo_listing.cmake does).
jobs=$(python3 - scenes/demo-listing/listing.json "$listing/listing.json" <<'EOF'
import json, math, os, sys
demo = json.load(open(sys.argv[1], encoding="utf-8"))
turns = [0, -20, 20]
renders, jobs = [], []
for turn_index, turn in enumerate(turns):
    for photo in demo["photos"]:
        camera = dict(photo["camera"])
        camera["heading"] = (camera["heading"] + turn) % 360
        name = f"renders/photo-{len(renders) + 1:02d}.jpg"
        renders.append((name, photo["room"], camera))
        x, y, z = camera["position"]
        jobs.append(f"render\t{name}\t--size 2048x1536 --eye {x},{y},{z} --yaw {-camera['heading']} "
                    f"--pitch {camera.get('pitch', 0)} --fov {camera.get('fov', 50)}")
photos = []
for i in range(200):
    source, room, camera = renders[i % len(renders)]
    copy = i // len(renders)  # 0..8: copies of one render stand in a row across its view
    heading = math.radians(camera["heading"])
    side = (copy - 4) * 0.06
    x, y, z = camera["position"]
    moved = dict(camera, position=[round(x + side * math.cos(heading), 3), y, round(z + side * math.sin(heading), 3)])
    name = f"photos/photo-{i + 1:03d}.jpg"
    photos.append({"file": name, "caption": f"{room}, view {i % len(renders) + 1}, copy {copy + 1}",
                   "room": room, "camera": moved})
    jobs.append(f"copy\t{name}\t{source}")
places = {panorama["name"]: panorama for panorama in demo["panoramas"]}
panoramas = []
for room, size, label in (("Living room", "4096x2048", "4k"), ("Kitchen", "16384x8192", "16k")):
    panorama = dict(places[room], file=f"panoramas/{label}.jpg", name=f"{room} ({label.upper()})")
    panoramas.append(panorama)
    x, y, z = panorama["position"]
    jobs.append(f"render\tlisting/{panorama['file']}\t--panorama --size {size} --eye {x},{y},{z} "
                f"--yaw {-panorama['heading']}")
demo["id"] = "bench-pictures"
demo["photos"], demo["panoramas"] = photos, panoramas
text = json.dumps(demo, ensure_ascii=False, indent=2) + "\n"
if not os.path.exists(sys.argv[2]) or open(sys.argv[2], encoding="utf-8").read() != text:
    with open(sys.argv[2], "w", encoding="utf-8") as listing:
        listing.write(text)
print("\n".join(jobs))
EOF
)

start=$SECONDS
rendered=0
while IFS=$'\t' read -r kind file what; do
    if [[ $kind == copy ]]; then
        cp -u "$out/$what" "$listing/$file"
        continue
    fi
    [[ -s $out/$file ]] && continue
    # shellcheck disable=SC2086  # options are words made above
    "$bin/openhouse" render "$listing/model/demo-apartment.glb" --out "$out/$file" $what >/dev/null
    rendered=$((rendered + 1))
done <<<"$jobs"
echo "make_picture_listing: $rendered pictures rendered now in $((SECONDS - start)) s" >&2

bundle=$out/pictures.tour
if [[ ! -s $bundle || $bundle -ot $listing/listing.json || $bundle -ot $bin/openhouse-pack ]]; then
    start=$SECONDS
    "$bin/openhouse-pack" -q "$listing" -o "$bundle"
    echo "make_picture_listing: packed $bundle in $((SECONDS - start)) s" >&2
fi
