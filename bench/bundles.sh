#!/usr/bin/env bash
# Tour bundles against their source glTF and against peer tools, measured in
# one run; prints Markdown tables for docs/benchmarks.md ("Tour bundles").
#   bench/bundles.sh [RUNS]      (default 5 fresh processes per start-up figure)
#   OPENHOUSE_BIN=DIR            the programs (default build/bin)
#   OPENHOUSE_SCENES=DIR         the generated scenes (default build/scenes)
#   OPENHOUSE_BENCH_DIR=DIR      bundles, exports and peer outputs (default build/bench-bundles)
#   OPENHOUSE_NPM_DIR=DIR        where the npm peers are installed (default bench/, from
#                                bench/package.json and its lock file)
# Needs: the build (bench_startup, bench_texture, openhouse, openhouse-pack,
# demo_scenes), node/npm, gltfpack (Debian package gltfpack), /usr/bin/time
# (Debian package time). The npm peers (@gltf-transform/cli, @gpu-tex-enc/bc,
# gltf-validator, versions pinned in bench/package.json) are installed on first use.
#
# a. time to first stereo frame, glTF against its bundle (bench_startup)
# b. size on disk against gltfpack -cc and gltf-transform optimize (WebP), and
#    GPU texture memory against RGBA8
# c. texture quality (PSNR) and encode time, ours against bc7enc (@gpu-tex-enc/bc)
# d. packing the benchmark listing (bench/make_bench_listing.sh): stages, peak memory
# e. each bundle's exported glTF through the Khronos glTF-Validator
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=${OPENHOUSE_BIN:-build/bin}
scenes=${OPENHOUSE_SCENES:-build/scenes}
out=${OPENHOUSE_BENCH_DIR:-build/bench-bundles}
npm_dir=${OPENHOUSE_NPM_DIR:-bench}
assets=../shared/assets
declare -A models=(
    [StainedGlassLamp]=$assets/StainedGlassLamp/glTF/StainedGlassLamp.gltf
    [home-theater]=$assets/webxr-home-theater/home-theater.gltf
    [cube-room]=$assets/webxr-cube-room/cube-room.gltf
    [garage]=$assets/webxr-garage/garage.gltf
    [demo-apartment]=$scenes/demo-apartment.glb
)
names=(StainedGlassLamp home-theater cube-room garage demo-apartment)

need() {  # PATH HOW-TO-GET-IT
    [[ -e $1 ]] || { echo "bundles.sh: $1 is missing: $2" >&2; exit 2; }
}
for program in bench_startup bench_texture openhouse openhouse-pack; do
    need "$bin/$program" "build it (cmake --build BUILD --target $program)"
done
need "$scenes/demo-apartment.glb" "build the demo_scenes target"
need /usr/bin/time "apt-get install time"
command -v gltfpack >/dev/null || { echo "bundles.sh: gltfpack is missing: apt-get install gltfpack" >&2; exit 2; }
command -v npm >/dev/null || { echo "bundles.sh: npm is missing: apt-get install npm" >&2; exit 2; }

# The npm peers, at the versions bench/package-lock.json pins.
modules=$npm_dir/node_modules
if [[ ! -x $modules/.bin/gltf-transform || ! -d $modules/gltf-validator || ! -d $modules/@gpu-tex-enc/bc ]]; then
    mkdir -p "$npm_dir"
    [[ $npm_dir -ef bench ]] || cp bench/package.json bench/package-lock.json "$npm_dir/"
    npm ci --prefix "$npm_dir" --no-audit --no-fund >&2
fi
bc7enc=$modules/@gpu-tex-enc/bc/bin/linux/bc7enc
mkdir -p "$out"

bytes_of_gltf() {  # MODEL: the .gltf/.glb and every file its buffers and images name
    python3 - "$1" <<'EOF'
import json, os, sys, urllib.parse
path = sys.argv[1]
total = os.path.getsize(path)
if path.endswith(".gltf"):
    doc = json.load(open(path, encoding="utf-8"))
    for item in doc.get("buffers", []) + doc.get("images", []):
        uri = item.get("uri")
        if uri and not uri.startswith("data:"):
            total += os.path.getsize(os.path.join(os.path.dirname(path), urllib.parse.unquote(uri)))
print(total)
EOF
}
machine_line() {
    echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/Mem:/ {print $2}') GiB;" \
        "load average at start $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)."
}

# [SECTION] Pack and export every model
pack_models() {
    for name in "${names[@]}"; do
        local start=$SECONDS
        "$bin/openhouse-pack" -q "${models[$name]}" -o "$out/$name.tour"
        rm -rf "$out/$name-export"
        "$bin/openhouse-pack" export "$out/$name.tour" --gltf "$out/$name-export" >/dev/null
        echo "packed $name in $((SECONDS - start)) s" >&2
    done
}

# [SECTION] a. Time to first frame
# One bench_startup line: total, context, environment, renderer, import/open,
# parse, image decode, upload, staging, GPU copy, GPU mips, geometry, first
# frame. What the bundle changes is loading the model (import or open, then
# upload); context, environment and renderer are the same for both, and the
# first frame is the rasteriser's work on what was loaded.
startup_table() {
    echo "### Time to first stereo frame, source glTF against the bundle (ms, median of $runs fresh processes)"
    echo
    echo "| model | total: glTF | total: bundle | total: ratio | import / open: glTF | import / open: bundle | upload: glTF | upload: bundle | load (import + upload): glTF | load: bundle | load: ratio | first frame: glTF | first frame: bundle |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for name in "${names[@]}"; do
        local rows=$out/$name.startup
        : >"$rows"
        # Interleaved, so a busy moment on the machine hits both columns alike.
        for ((i = 0; i < runs; ++i)); do
            echo "gltf $("$bin/bench_startup" "${models[$name]}")" >>"$rows"
            echo "tour $("$bin/bench_startup" "$out/$name.tour")" >>"$rows"
        done
        python3 - "$name" "$rows" <<'EOF'
import statistics, sys
rows = {"gltf": [], "tour": []}
for line in open(sys.argv[2]):
    kind, *values = line.split()
    if len(values) == 13:  # a failed run printed nothing; its error went to stderr
        rows[kind].append([float(v) for v in values])
def med(kind, column):
    return statistics.median(r[column] for r in rows[kind])
def load(kind):  # per run, then the median
    return statistics.median(r[4] + r[7] for r in rows[kind])
print(f"| {sys.argv[1]} | {med('gltf', 0):.0f} | {med('tour', 0):.0f} | {med('gltf', 0) / med('tour', 0):.2f}× | "
      f"{med('gltf', 4):.0f} | {med('tour', 4):.0f} | {med('gltf', 7):.0f} | {med('tour', 7):.0f} | "
      f"{load('gltf'):.0f} | {load('tour'):.0f} | {load('gltf') / load('tour'):.1f}× | "
      f"{med('gltf', 12):.0f} | {med('tour', 12):.0f} |")
EOF
    done
}

# [SECTION] b. Size on disk and GPU texture memory
peer_outputs() {  # NAME: gltfpack -cc and gltf-transform optimize (WebP) outputs, made once
    local name=$1 source=${models[$1]}
    # A failed peer shows as "failed" in the table; its log says why.
    [[ -s $out/$name.gltfpack.glb ]] ||
        gltfpack -cc -i "$source" -o "$out/$name.gltfpack.glb" >"$out/$name.gltfpack.log" 2>&1 || true
    [[ -s $out/$name.gltf-transform.glb ]] ||
        "$modules/.bin/gltf-transform" optimize "$source" "$out/$name.gltf-transform.glb" \
            --texture-compress webp --texture-size 2048 >"$out/$name.gltf-transform.log" 2>&1 || true
}
rgba8_bytes() {  # EXPORT_DIR: its PNGs (the bundle's level 0 sizes) as RGBA8 with full mip chains
    python3 - "$1" <<'EOF'
import glob, struct, sys
total = 0
for png in glob.glob(sys.argv[1] + "/textures/*.png"):
    width, height = struct.unpack(">II", open(png, "rb").read(24)[16:24])
    while True:
        total += width * height * 4
        if width == 1 and height == 1:
            break
        width, height = max(1, width // 2), max(1, height // 2)
print(total)
EOF
}
size_table() {
    echo "### Size on disk (MB) and GPU texture memory"
    echo
    echo "| model | source glTF | our .tour | gltfpack -cc | gltf-transform optimize (WebP) | .tour / gltfpack | textures on the GPU: ours (BC) | same as RGBA8 + mips | ours / RGBA8 |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for name in "${names[@]}"; do
        peer_outputs "$name"
        local source tour gltfpack transform ours rgba
        source=$(bytes_of_gltf "${models[$name]}")
        tour=$(stat -c %s "$out/$name.tour")
        gltfpack=$(stat -c %s "$out/$name.gltfpack.glb" 2>/dev/null || echo 0)
        transform=$(stat -c %s "$out/$name.gltf-transform.glb" 2>/dev/null || echo 0)
        ours=$("$bin/openhouse-pack" inspect --json "$out/$name.tour" |
            python3 -c 'import json, sys; print(json.load(sys.stdin)["manifest"]["scene"]["textureBytes"])')
        rgba=$(rgba8_bytes "$out/$name-export")
        python3 - "$name" "$source" "$tour" "$gltfpack" "$transform" "$ours" "$rgba" <<'EOF'
import sys
name, source, tour, gltfpack, transform, ours, rgba = sys.argv[1], *map(int, sys.argv[2:])
mb = lambda n: f"{n / 1e6:.2f}" if n else "failed"
gpu = f"{mb(ours)} | {mb(rgba)} | {100 * ours / rgba:.1f} %" if rgba else "no textures | – | –"
ratio = f"{tour / gltfpack:.2f}" if gltfpack else "–"
print(f"| {name} | {mb(source)} | {mb(tour)} | {mb(gltfpack)} | {mb(transform)} | {ratio} | {gpu} |")
EOF
    done
}

# [SECTION] c. Texture quality and encode time
# Every model image with the use the packer gives it (tools/pack/texture_stage.cpp,
# imageUsages: colour wins, other mixes are packed data); GLB images are
# written out as files first. Prints "PATH<TAB>USAGE" lines.
model_images() {
    python3 - "$out/images" "${models[@]}" <<'EOF'
import json, os, struct, sys, urllib.parse
folder, paths = sys.argv[1], sys.argv[2:]
os.makedirs(folder, exist_ok=True)
def combine(a, b):
    if a == b: return a
    return "color" if "color" in (a, b) else "linear"
def load(path):
    if not path.endswith(".glb"):
        return json.load(open(path, encoding="utf-8")), None
    data = open(path, "rb").read()
    json_length = struct.unpack_from("<I", data, 12)[0]
    doc = json.loads(data[20:20 + json_length])
    return doc, data[20 + json_length + 8:]
for path in paths:
    doc, binary = load(path)
    slots = [("baseColorTexture", "color"), ("emissiveTexture", "color"), ("metallicRoughnessTexture", "linear"),
             ("normalTexture", "normal"), ("occlusionTexture", "single")]
    usage = {}
    for material in doc.get("materials", []):
        holders = [material, material.get("pbrMetallicRoughness", {})]
        for key, kind in slots:
            for holder in holders:
                if key in holder:
                    image = doc["textures"][holder[key]["index"]].get("source")
                    if image is not None:
                        usage[image] = combine(usage[image], kind) if image in usage else kind
    for index, image in enumerate(doc.get("images", [])):
        if "uri" in image:
            file = os.path.join(os.path.dirname(path), urllib.parse.unquote(image["uri"]))
        else:
            view = doc["bufferViews"][image["bufferView"]]
            file = os.path.join(folder, f"{os.path.splitext(os.path.basename(path))[0]}-{index}.png")
            with open(file, "wb") as out:
                out.write(binary[view.get("byteOffset", 0):view.get("byteOffset", 0) + view["byteLength"]])
        print(f"{file}\t{usage.get(index, 'color')}")
EOF
}
quality_table() {
    echo "### Texture quality (PSNR against the source, dB) and encode time (ms, level 0, one thread)"
    echo
    # With no arguments bc7enc prints its usage and exits 1; a binary that
    # cannot run here (no such file, wrong machine, missing library) exits 126/127.
    local peer_rc=127
    if [[ -x $bc7enc ]]; then
        peer_rc=0
        "$bc7enc" >/dev/null 2>&1 || peer_rc=$?
    fi
    ((peer_rc <= 1)) || echo "bc7enc from @gpu-tex-enc/bc cannot run here (exit $peer_rc): its columns are empty."
    echo "| image | size | use | ours: format | ours: ms | ours: PSNR | bc7enc: ms | bc7enc: PSNR |"
    echo "|---|---|---|---|---:|---:|---:|---:|"
    local peer_flag dds peer_ms peer_psnr start rows=$out/quality.tsv
    : >"$rows"
    while IFS=$'\t' read -r image usage; do
        IFS=$'\t' read -r _ size format ms psnr < <("$bin/bench_texture" --usage "$usage" "$image")
        case $usage in normal) peer_flag=-5 ;; single) peer_flag=-4 ;; *) peer_flag= ;; esac
        dds=$out/peer-$(basename "${image%.*}").dds peer_ms=– peer_psnr=–
        if ((peer_rc <= 1)); then
            # bc7enc reads PNG only; its BC7 is bc7e at its highest level (-u6, the default), no RDO.
            start=$(date +%s%N)
            if "$bc7enc" -g -q -f $peer_flag "$image" "$dds" >/dev/null 2>&1; then
                peer_ms=$(( ($(date +%s%N) - start) / 1000000 ))
                peer_psnr=$("$bin/bench_texture" --usage "$usage" --compare-dds "$dds" "$image" | cut -f4)
            fi
        fi
        echo "| $(basename "$image") | $size | $usage | $format | $ms | $psnr | $peer_ms | $peer_psnr |"
        printf '%s\t%s\t%s\t%s\t%s\n' "$format" "$ms" "$psnr" "$peer_ms" "$peer_psnr" >>"$rows"
    done < <(model_images)
    quality_summary "$rows"
}
quality_summary() {  # ROWS: per format, the median PSNR and the summed encode time of both
    echo
    echo "| format | images | ours: median PSNR | bc7enc: median PSNR | ours: encode s (sum) | bc7enc: encode s (sum) |"
    echo "|---|---:|---:|---:|---:|---:|"
    python3 - "$1" <<'EOF'
import math, statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
def median(values):  # identical images (PSNR inf) are left out of the median
    finite = [float(v) for v in values if v not in ("inf", "–") and math.isfinite(float(v))]
    return f"{statistics.median(finite):.2f}" if finite else "–"
def seconds(values):
    numbers = [float(v) for v in values if v != "–"]
    return f"{sum(numbers) / 1e3:.1f}" if numbers else "–"
for format in sorted({row[0] for row in rows}):
    mine = [row for row in rows if row[0] == format]
    print(f"| {format} | {len(mine)} | {median(r[2] for r in mine)} | {median(r[4] for r in mine)} | "
          f"{seconds(r[1] for r in mine)} | {seconds(r[3] for r in mine)} |")
EOF
}

# [SECTION] d. Packing the benchmark listing
# One pack under /usr/bin/time -v; the packer's progress lines and its stage
# summary ("packed ... (read, meshes, walk, textures, pictures, write)") go to
# the same log, before time's report.
pack_listing_table() {
    local listing=$out/bench-listing start=$SECONDS
    bench/make_bench_listing.sh "$listing"
    local made=$((SECONDS - start))
    rm -f "$out/bench-listing.tour"
    /usr/bin/time -v "$bin/openhouse-pack" "$listing" -o "$out/bench-listing.tour" 2>"$out/bench-listing.log" >/dev/null
    echo "### Packing the benchmark listing (32 photos of 4000×3000, 4 panoramas of 8192×4096, the demo apartment)"
    echo
    echo "Making the listing (rendering whatever was not there yet): $made s."
    python3 - "$out/bench-listing.log" "$out/bench-listing.tour" <<'EOF'
import os, re, sys
text = open(sys.argv[1]).read()
def number(pattern):
    return float(re.search(pattern, text).group(1))
wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
cpu = number(r"User time \(seconds\): ([\d.]+)") + number(r"System time \(seconds\): ([\d.]+)")
rss = number(r"Maximum resident set size \(kbytes\): (\d+)")
summary = re.search(r"^packed .*$", text, re.M)
stages = re.search(r"read ([\d.]+), meshes ([\d.]+), walk ([\d.]+), textures ([\d.]+), pictures ([\d.]+), "
                   r"write ([\d.]+)", summary.group(0)) if summary else None
names = ["read (listing; model import, its images decoded)", "meshes", "walk (collision world, start spot)",
         "textures (model: resize, mips, compression)", "pictures (photos, panoramas: decode, resize, compression)",
         "write (hashes, file)"]
print()
print("| measure | value |")
print("|---|---:|")
print(f"| wall time | {seconds:.1f} s |")
for name, value in zip(names, stages.groups() if stages else []):
    print(f"| ↳ {name} | {float(value):.2f} s |")
# The jobs' split over decode, resize and compression, in seconds summed over the threads.
split = re.search(r"jobs on all cores: decode ([\d.]+) s, resize ([\d.]+) s, compress ([\d.]+) s", text)
if split:
    print(f"| ↳↳ decoding (libvips: decode, orientation, colour, shrink on load; cube projection), job-seconds | {float(split.group(1)):.1f} s |")
    print(f"| ↳↳ resizing (to the budget, thumbnails, mip chains), job-seconds | {float(split.group(2)):.1f} s |")
    print(f"| ↳↳ compression (BC7, BC5, BC4), job-seconds | {float(split.group(3)):.1f} s |")
print(f"| CPU time (user + system) | {cpu:.1f} s ({cpu / seconds:.2f} cores busy on average) |")
print(f"| peak memory (maximum resident set) | {rss / 1024:.0f} MiB |")
print(f"| bundle | {os.path.getsize(sys.argv[2]) / 1e6:.1f} MB |")
EOF
}

# [SECTION] e. Validation of the exported glTF
validation_table() {
    echo "### Each bundle exported (\`openhouse-pack export --gltf\`) through the Khronos glTF-Validator"
    echo
    echo "| model | errors | warnings | infos | hints |"
    echo "|---|---:|---:|---:|---:|"
    for name in "${names[@]}"; do
        # Exit 1 (errors found) still prints its summary; no summary at all: it could not run.
        OH_GLTF_VALIDATOR=$modules/gltf-validator node bench/validate_gltf.mjs "$out/$name-export/scene.gltf" \
            2>"$out/$name.validation" | python3 -c '
import json, sys
text = sys.stdin.read().strip()
if not text:
    print("| %s | could not run (see %s) | | | |" % (sys.argv[1], sys.argv[2]))
else:
    r = json.loads(text)
    print("| %s | %d | %d | %d | %d |" % (sys.argv[1], r["errors"], r["warnings"], r["infos"], r["hints"]))' \
            "$name" "$out/$name.validation" || true
    done
}

machine_line
echo
pack_models
startup_table
echo
size_table
echo
quality_table
echo
validation_table
echo
pack_listing_table
