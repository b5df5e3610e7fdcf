# The demo listing, made complete for the packer in build/scenes/demo-listing/:
# listing.json, the model (model/demo-apartment.glb) and every photo and
# panorama the listing names, rendered by `openhouse render` from the
# generated demo apartment. The project ships no third-party pictures.
# Included from scenes/CMakeLists.txt after the demo apartment's rule
# (OH_SCENES_DIR). Not a listing validator: the listing library checks the
# file; this only reads the poses and file names it needs.
# oh_rendered_listing() below makes any such listing; the demo catalog's
# plans (demo_catalog.cmake) use it too.
#
# Pose conventions: the listing's "heading" is compass-like (clockwise seen
# from above, 0 = -Z) while `openhouse render --yaw` turns left, so
# yaw = -heading; "pitch" and "fov" are the same on both sides; a camera's or
# panorama's "position" is the eye.
#
# A picture is rendered again only when listing.json, the model or the
# `openhouse` program changes.
#
# Then the panorama-only demo listing (scenes/demo-panoramas/: the same
# apartment as a tour of its panoramas alone, no model, explicit links) in
# build/scenes/demo-panoramas/, its pictures copied from the demo listing's
# rendered ones (a listing folder may not link out of itself), never
# rendered twice.

set(OH_DEMO_LISTING_JSON ${CMAKE_CURRENT_SOURCE_DIR}/demo-listing/listing.json)
set(OH_DEMO_LISTING_DIR ${OH_SCENES_DIR}/demo-listing)
set(OH_DEMO_LISTING_MODEL ${OH_SCENES_DIR}/demo-apartment.glb)
# Photos at the packer's full size; panoramas at 1024 px per cube face. With
# the renderer's default 4x MSAA a photo takes about 2 s and a panorama about
# 7 s on lavapipe, so the listing is well within a minute on two cores.
set(OH_DEMO_PHOTO_SIZE 1600x1200)
set(OH_DEMO_PANORAMA_SIZE 4096x2048)

# The functions below read the listing being worked on: its text in
# ohListingText, its path (for messages) in ohListingJson.

# oh_listing_get(OUT PATH...): the JSON value at PATH in the listing, or empty
# when it is absent (every member this file reads is optional or checked).
function(oh_listing_get out)
    string(JSON value ERROR_VARIABLE missing GET "${ohListingText}" ${ARGN})
    if(missing)
        set(value "")
    endif()
    set(${out} "${value}" PARENT_SCOPE)
endfunction()

# oh_listing_count(OUT ARRAY): how many entries ARRAY has (0 when absent).
function(oh_listing_count out array)
    string(JSON count ERROR_VARIABLE missing LENGTH "${ohListingText}" ${array})
    if(missing)
        set(count 0)
    endif()
    set(${out} ${count} PARENT_SCOPE)
endfunction()

# oh_listing_file(OUT PATH...): a picture's file name, refused when it could
# land outside the listing folder.
function(oh_listing_file out)
    oh_listing_get(file ${ARGN})
    string(REPLACE ";" "/" where "${ARGN}")
    if(file STREQUAL "" OR IS_ABSOLUTE "${file}" OR file MATCHES "(^|/)\\.\\.(/|$)" OR file MATCHES "\\\\")
        message(FATAL_ERROR "${ohListingJson}: /${where}: '${file}' is not a relative path inside the listing")
    endif()
    set(${out} "${file}" PARENT_SCOPE)
endfunction()

# oh_listing_pose_args(OUT PATH...): `openhouse render` options for the pose
# object at PATH (position, heading, pitch, fov; each optional). No position:
# no options, the renderer's default framing.
function(oh_listing_pose_args out)
    set(args "")
    oh_listing_get(x ${ARGN} position 0)
    oh_listing_get(y ${ARGN} position 1)
    oh_listing_get(z ${ARGN} position 2)
    if(NOT x STREQUAL "")
        list(APPEND args --eye "${x},${y},${z}")
        oh_listing_get(heading ${ARGN} heading)
        if(heading MATCHES "^-")
            string(SUBSTRING "${heading}" 1 -1 yaw)
            list(APPEND args --yaw "${yaw}")
        elseif(NOT heading STREQUAL "")
            list(APPEND args --yaw "-${heading}")
        endif()
        oh_listing_get(pitch ${ARGN} pitch)
        if(NOT pitch STREQUAL "")
            list(APPEND args --pitch "${pitch}")
        endif()
    endif()
    oh_listing_get(fov ${ARGN} fov)
    if(NOT fov STREQUAL "")
        list(APPEND args --fov "${fov}")
    endif()
    set(${out} "${args}" PARENT_SCOPE)
endfunction()

# oh_listing_render(FILE OPTIONS...): the rule that renders FILE (inside the
# listing folder) with the given `openhouse render` options; appends the
# output to `outputs`. Called from oh_rendered_listing, whose arguments it reads.
function(oh_listing_render file)
    set(output ${ARG_DIR}/${file})
    get_filename_component(folder ${output} DIRECTORY)
    add_custom_command(
        OUTPUT ${output}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${folder}
        COMMAND openhouse render ${ARG_MODEL} --out ${output} ${ARGN}
        DEPENDS openhouse ${ARG_MODEL} ${ARG_LISTING}
        COMMENT "Rendering ${target} ${file}"
        VERBATIM)
    set(outputs ${outputs} ${output} PARENT_SCOPE)
endfunction()

# oh_rendered_listing(TARGET LISTING listing.json MODEL model.glb DIR folder
#                     PHOTO_SIZE WxH PANORAMA_SIZE WxH OUTPUTS variable):
# the rules that make DIR a complete listing folder from LISTING: every photo
# and panorama rendered from MODEL at its pose, listing.json copied, and MODEL
# copied to the path the listing's "model" names. TARGET (in ALL) makes them
# all; the variable OUTPUTS names is set to the files made, in the caller's scope.
function(oh_rendered_listing target)
    cmake_parse_arguments(ARG "" "LISTING;MODEL;DIR;PHOTO_SIZE;PANORAMA_SIZE;OUTPUTS" "" ${ARGN})
    # Re-run the configure step when the listing changes, so new pictures get rules.
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ARG_LISTING})
    set(ohListingJson ${ARG_LISTING})
    file(READ ${ohListingJson} ohListingText)
    set(outputs "")

    oh_listing_count(photoCount photos)
    if(photoCount GREATER 0)
        math(EXPR last "${photoCount} - 1")
        foreach(index RANGE ${last})
            oh_listing_file(file photos ${index} file)
            oh_listing_pose_args(pose photos ${index} camera)
            oh_listing_render(${file} --size ${ARG_PHOTO_SIZE} ${pose})
        endforeach()
    endif()

    oh_listing_count(panoramaCount panoramas)
    if(panoramaCount GREATER 0)
        math(EXPR last "${panoramaCount} - 1")
        foreach(index RANGE ${last})
            oh_listing_file(file panoramas ${index} file)
            oh_listing_get(x panoramas ${index} position 0)
            if(x STREQUAL "")
                message(FATAL_ERROR "${ohListingJson}: /panoramas/${index}: no position; "
                                    "the demo's panoramas are rendered from it")
            endif()
            oh_listing_pose_args(pose panoramas ${index})
            oh_listing_render(${file} --panorama --size ${ARG_PANORAMA_SIZE} ${pose})
        endforeach()
    endif()

    oh_listing_file(model model)
    add_custom_command(
        OUTPUT ${ARG_DIR}/listing.json
        COMMAND ${CMAKE_COMMAND} -E make_directory ${ARG_DIR}
        COMMAND ${CMAKE_COMMAND} -E copy ${ARG_LISTING} ${ARG_DIR}/listing.json
        DEPENDS ${ARG_LISTING}
        COMMENT "Copying ${target}'s listing.json"
        VERBATIM)
    get_filename_component(modelFolder ${ARG_DIR}/${model} DIRECTORY)
    add_custom_command(
        OUTPUT ${ARG_DIR}/${model}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${modelFolder}
        COMMAND ${CMAKE_COMMAND} -E copy ${ARG_MODEL} ${ARG_DIR}/${model}
        DEPENDS ${ARG_MODEL}
        COMMENT "Copying ${target}'s model"
        VERBATIM)
    list(APPEND outputs ${ARG_DIR}/listing.json ${ARG_DIR}/${model})

    add_custom_target(${target} ALL DEPENDS ${outputs})
    add_dependencies(${target} openhouse)
    set(${ARG_OUTPUTS} ${outputs} PARENT_SCOPE)
endfunction()

oh_rendered_listing(demo_listing LISTING ${OH_DEMO_LISTING_JSON} MODEL ${OH_DEMO_LISTING_MODEL}
                    DIR ${OH_DEMO_LISTING_DIR} PHOTO_SIZE ${OH_DEMO_PHOTO_SIZE}
                    PANORAMA_SIZE ${OH_DEMO_PANORAMA_SIZE} OUTPUTS ohDemoListingOutputs)
add_dependencies(demo_listing demo_scenes)

# The panorama-only demo listing.
set(OH_DEMO_PANORAMAS_JSON ${CMAKE_CURRENT_SOURCE_DIR}/demo-panoramas/listing.json)
set(OH_DEMO_PANORAMAS_DIR ${OH_SCENES_DIR}/demo-panoramas)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${OH_DEMO_PANORAMAS_JSON})
set(ohListingJson ${OH_DEMO_PANORAMAS_JSON})
file(READ ${ohListingJson} ohListingText)

# oh_demo_panoramas_copy(FILE): the rule that copies the demo listing's
# rendered FILE into the panorama-only listing; appends the copy to
# ohDemoPanoramasOutputs.
function(oh_demo_panoramas_copy file)
    set(rendered ${OH_DEMO_LISTING_DIR}/${file})
    if(NOT rendered IN_LIST ohDemoListingOutputs)
        message(FATAL_ERROR "${ohListingJson}: '${file}' is none of the pictures the demo listing renders")
    endif()
    set(output ${OH_DEMO_PANORAMAS_DIR}/${file})
    get_filename_component(folder ${output} DIRECTORY)
    add_custom_command(
        OUTPUT ${output}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${folder}
        COMMAND ${CMAKE_COMMAND} -E copy ${rendered} ${output}
        DEPENDS ${rendered}
        COMMENT "Copying ${file} into the panorama-only demo listing"
        VERBATIM)
    set(ohDemoPanoramasOutputs ${ohDemoPanoramasOutputs} ${output} PARENT_SCOPE)
endfunction()

set(ohDemoPanoramasOutputs "")
foreach(array photos panoramas)
    oh_listing_count(ohCount ${array})
    if(ohCount GREATER 0)
        math(EXPR ohLast "${ohCount} - 1")
        foreach(index RANGE ${ohLast})
            oh_listing_file(file ${array} ${index} file)
            oh_demo_panoramas_copy(${file})
        endforeach()
    endif()
endforeach()

add_custom_command(
    OUTPUT ${OH_DEMO_PANORAMAS_DIR}/listing.json
    COMMAND ${CMAKE_COMMAND} -E make_directory ${OH_DEMO_PANORAMAS_DIR}
    COMMAND ${CMAKE_COMMAND} -E copy ${OH_DEMO_PANORAMAS_JSON} ${OH_DEMO_PANORAMAS_DIR}/listing.json
    DEPENDS ${OH_DEMO_PANORAMAS_JSON}
    COMMENT "Copying the panorama-only demo listing's listing.json"
    VERBATIM)

add_custom_target(demo_panoramas ALL DEPENDS ${ohDemoPanoramasOutputs} ${OH_DEMO_PANORAMAS_DIR}/listing.json)
add_dependencies(demo_panoramas demo_listing)
