#!/usr/bin/env bash
# The module borders docs/architecture.md draws, checked on the sources and
# on a built binary, so a change that crosses one fails the suite:
#   - each folder includes only the modules below it (the arrows);
#   - the renderer, the scene import, navigation and core include no window,
#     headset or UI library (GLFW, OpenXR, Dear ImGui), and the CPU-side
#     modules no Vulkan either;
#   - a program that links only the CPU-side import does not load Vulkan.
# Usage: check_module_borders.sh SOURCE_DIR CPU_ONLY_BINARY...
set -uo pipefail
source_dir=$1
shift

# folder: the project folders its files may include from (its own always).
declare -A allowed=(
    [core]=""
    [scene]="core"
    [navigation]="core scene"
    [rooms]="core scene navigation listing"
    [plan]="core scene navigation listing rooms"
    [session]="core scene navigation listing rooms plan"
    [renderer]="core scene shaders"
    [viewer/tour]="core scene navigation rooms plan texture renderer listing bundle session"
    [viewer/ui]="core scene navigation rooms listing bundle renderer texture viewer/tour session"
    [viewer/desktop]="core scene navigation rooms listing bundle renderer viewer/tour viewer/ui"
    [viewer/xr]="core scene navigation rooms listing bundle renderer viewer/tour viewer/ui viewer/desktop session"
    [viewer]="core scene navigation rooms plan listing bundle renderer viewer/tour viewer/ui viewer/desktop viewer/xr control catalog session"
    [tools/scene_generator]="core"
    [bench]="core scene navigation rooms plan renderer texture listing bundle viewer/tour catalog session"
    # Rooms made for what comes next (docs/architecture.md): checked once they exist.
    [texture]="core"
    [listing]="core"
    [bundle]="core scene navigation listing"
    [tools/pack]="core scene navigation rooms plan texture listing bundle"
    [catalog]="core listing bundle"
    [markers]="core catalog"
    [map]="core"
    [tools/mapgen]="core map"
    [control]="core"
    [areas]="core"
    [tools/demo_catalog]="core areas listing"
    [table]="core scene navigation renderer listing bundle catalog map areas markers control viewer/tour viewer/ui"
)
# folder: system headers it must not include (extended regular expressions).
window_headset_ui='<(GLFW|openxr|imgui|backends|SDL2)/|<imgui\.h>'
declare -A forbidden=(
    [core]="$window_headset_ui|<vulkan/"
    [scene]="$window_headset_ui|<vulkan/"
    [navigation]="$window_headset_ui|<vulkan/"
    [rooms]="$window_headset_ui|<vulkan/"
    [plan]="$window_headset_ui|<vulkan/"
    [session]="$window_headset_ui|<vulkan/"
    [renderer]="$window_headset_ui"
    [viewer/tour]="$window_headset_ui"
    [tools/scene_generator]="$window_headset_ui|<vulkan/"
    [texture]="$window_headset_ui|<vulkan/"
    [listing]="$window_headset_ui|<vulkan/"
    [bundle]="$window_headset_ui|<vulkan/"
    [tools/pack]="$window_headset_ui|<vulkan/"
    [catalog]="$window_headset_ui|<vulkan/"
    [markers]="$window_headset_ui|<vulkan/|<SDL"
    [map]="$window_headset_ui|<vulkan/|<SDL"
    [tools/mapgen]="$window_headset_ui|<vulkan/|<SDL"
    [control]="$window_headset_ui|<vulkan/|<SDL"
    [areas]="$window_headset_ui|<vulkan/|<SDL"
    [tools/demo_catalog]="$window_headset_ui|<vulkan/|<SDL"
    [table]="<(GLFW|openxr)/"
)

passed=0
failed=0
fail() {
    echo "$1"
    failed=$((failed + 1))
}

cd "$source_dir" || exit 2
for folder in "${!allowed[@]}"; do
    [[ -d $folder ]] || continue
    folder_ok=1
    for file in "$folder"/*.h "$folder"/*.cpp; do
        [[ -f $file ]] || continue
        while IFS=: read -r line include; do
            [[ $include =~ ^#include\ \"([^\"]+)\" ]] || continue
            target=${BASH_REMATCH[1]}
            [[ $target == */* ]] || continue  # a file beside it
            module=${target%/*}
            ok=0
            for allowed_module in "$folder" ${allowed[$folder]}; do
                [[ $module == "$allowed_module" ]] && ok=1
            done
            if ((!ok)); then
                fail "$file:$line: includes \"$target\": $folder/ may include only from ${allowed[$folder]:-nothing but itself}"
                folder_ok=0
            fi
        done < <(grep -n '^#include "' "$file")
        if [[ -n ${forbidden[$folder]:-} ]]; then
            while IFS=: read -r line include; do
                fail "$file:$line: $include: $folder/ must not depend on this library"
                folder_ok=0
            done < <(grep -nE "^#include (${forbidden[$folder]})" "$file")
        fi
    done
    ((folder_ok)) && passed=$((passed + 1))
done

for binary in "$@"; do
    needed=$(readelf -d "$binary" 2>/dev/null | grep NEEDED)
    if [[ -z $needed ]]; then
        fail "$binary: cannot read its dynamic section"
    elif grep -qiE 'vulkan|glfw|openxr|imgui' <<<"$needed"; then
        fail "$binary: links a GPU, window or headset library though it uses only the CPU-side import: $(grep -oiE 'lib(vulkan|glfw|openxr|imgui)[^]]*' <<<"$needed" | tr '\n' ' ')"
    else
        passed=$((passed + 1))
    fi
done

echo "borders: $passed passed, $failed failed"
((failed == 0))
