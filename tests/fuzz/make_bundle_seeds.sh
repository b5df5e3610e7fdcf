#!/usr/bin/env bash
# Seeds for fuzz_bundle: each glTF seed packed into a small tour bundle, and
# listing_seed/ (a listing with a photo and two linked panoramas of a few
# pixels) so mutations also start from a manifest with a listing, photos
# and hotspots.
# Usage: make_bundle_seeds.sh OPENHOUSE_PACK GLTF_SEED_DIR BUNDLE_SEED_DIR
set -euo pipefail
pack=$1
gltf_seeds=$2
seeds=$3
mkdir -p "$seeds"
for model in "$gltf_seeds"/box.glb "$gltf_seeds"/triangle.gltf "$gltf_seeds"/sparse.gltf; do
    "$pack" -q --max-texture-size 16 "$model" -o "$seeds/$(basename "${model%.*}").tour"
done
"$pack" -q --max-texture-size 16 "$(dirname "$0")/listing_seed" -o "$seeds/listing.tour"
