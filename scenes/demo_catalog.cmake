# The branch table's demo catalog (issue 11), made in build/demo-catalog/:
# one signed tour bundle per row of tools/demo_catalog/listings.json (real
# Helsinki addresses, prices from the area statistics) and demo-key.pub, the
# key the table trusts. Included from scenes/CMakeLists.txt after the demo
# listing (demo_listing.cmake: oh_rendered_listing), outside the sanitizer
# build.
#
# Four generated plans, each rendered once into build/scenes/PLAN/ (every
# listing of a plan hard-links those pictures: openhouse-demo-catalog): the
# demo apartment as the one-bedroom (scenes/demo-one-bedroom/: the demo
# listing's poses, fewer pictures) and the studio, two-bedroom and family
# plans. Sized for the catalog's build time on two cores (packing, mostly
# picture compression, is most of it): photos 1280x960, panoramas 2048x1024
# (512 px cube faces), model textures at most 1024 px.
set(OH_DEMO_CATALOG_TABLE ${PROJECT_SOURCE_DIR}/tools/demo_catalog/listings.json)
set(OH_DEMO_CATALOG_DIR ${CMAKE_BINARY_DIR}/demo-catalog)
set(OH_DEMO_CATALOG_LISTINGS ${CMAKE_BINARY_DIR}/demo-catalog-listings)  # with the secret key
set(OH_HELSINKI_DATA ${PROJECT_SOURCE_DIR}/../shared/maps/helsinki)
set(ohCatalogPhotoSize 1280x960)
set(ohCatalogPanoramaSize 2048x1024)
oh_rendered_listing(demo_one_bedroom_listing LISTING ${CMAKE_CURRENT_SOURCE_DIR}/demo-one-bedroom/listing.json
                    MODEL ${OH_SCENES_DIR}/demo-apartment.glb DIR ${OH_SCENES_DIR}/demo-one-bedroom
                    PHOTO_SIZE ${ohCatalogPhotoSize} PANORAMA_SIZE ${ohCatalogPanoramaSize}
                    OUTPUTS ohPlanFiles_demo-one-bedroom)
add_dependencies(demo_one_bedroom_listing demo_scenes)
foreach(plan demo-studio demo-two-bedroom demo-family)
    oh_generate_scene(${plan})
    string(REPLACE "-" "_" target ${plan}_listing)
    oh_rendered_listing(${target} LISTING ${CMAKE_CURRENT_SOURCE_DIR}/${plan}/listing.json
                        MODEL ${OH_SCENES_DIR}/${plan}.glb DIR ${OH_SCENES_DIR}/${plan}
                        PHOTO_SIZE ${ohCatalogPhotoSize} PANORAMA_SIZE ${ohCatalogPanoramaSize}
                        OUTPUTS ohPlanFiles_${plan})
endforeach()

# The listings' folders, all from one run of the program.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${OH_DEMO_CATALOG_TABLE})
file(READ ${OH_DEMO_CATALOG_TABLE} ohTable)
string(JSON ohListingCount LENGTH "${ohTable}" listings)
math(EXPR ohLast "${ohListingCount} - 1")
set(ohCatalogListings "")
set(ohAllPlanFiles "")
foreach(index RANGE ${ohLast})
    string(JSON id GET "${ohTable}" listings ${index} id)
    string(JSON plan GET "${ohTable}" listings ${index} plan)
    string(JSON folder GET "${ohTable}" plans ${plan} folder)
    if(NOT DEFINED ohPlanFiles_${folder})
        message(FATAL_ERROR "${OH_DEMO_CATALOG_TABLE}: /plans/${plan}/folder: '${folder}' is none of the rendered plans")
    endif()
    list(APPEND ohCatalogListings ${id})
    list(APPEND ohAllPlanFiles ${ohPlanFiles_${folder}})
    set(ohFilesOf_${id} ${ohPlanFiles_${folder}})
endforeach()
list(REMOVE_DUPLICATES ohAllPlanFiles)
list(TRANSFORM ohCatalogListings PREPEND ${OH_DEMO_CATALOG_LISTINGS}/ OUTPUT_VARIABLE ohListingFolders)
list(TRANSFORM ohListingFolders APPEND /listing.json OUTPUT_VARIABLE ohListingJsons)
add_custom_command(
    OUTPUT ${ohListingJsons}
    COMMAND openhouse-demo-catalog -q ${OH_DEMO_CATALOG_TABLE} --statistics ${OH_HELSINKI_DATA}
            --plans ${OH_SCENES_DIR} --out ${OH_DEMO_CATALOG_LISTINGS}
    DEPENDS openhouse-demo-catalog ${OH_DEMO_CATALOG_TABLE} ${ohAllPlanFiles}
            ${OH_HELSINKI_DATA}/prices-eur-m2-by-postcode-2023-2025.csv ${OH_HELSINKI_DATA}/postal-areas-2023.geojson
    COMMENT "Writing the demo catalog's listing folders"
    VERBATIM)

# The demo key, made once per build folder (no file dependency on the packer,
# so a rebuilt packer does not change the key the table trusts).
set(ohKey ${OH_DEMO_CATALOG_LISTINGS}/demo-key)
add_custom_command(
    OUTPUT ${ohKey}.key ${ohKey}.pub
    COMMAND ${CMAKE_COMMAND} -E make_directory ${OH_DEMO_CATALOG_LISTINGS}
    # keygen refuses to overwrite a key; a half-made pair is remade whole.
    COMMAND ${CMAKE_COMMAND} -E rm -f ${ohKey}.key ${ohKey}.pub
    COMMAND openhouse-pack keygen ${ohKey}
    COMMENT "Making the demo catalog's signing key"
    VERBATIM)
add_custom_command(
    OUTPUT ${OH_DEMO_CATALOG_DIR}/demo-key.pub
    COMMAND ${CMAKE_COMMAND} -E make_directory ${OH_DEMO_CATALOG_DIR}
    COMMAND ${CMAKE_COMMAND} -E copy ${ohKey}.pub ${OH_DEMO_CATALOG_DIR}/demo-key.pub
    DEPENDS ${ohKey}.pub
    VERBATIM)

# The listings of a plan share its pictures and model: each is compressed
# once, for the first of them packed, and reused by the rest (encode_cache.h).
set(ohPackCache ${CMAKE_BINARY_DIR}/pack-cache)
set(ohBundles "")
foreach(id ${ohCatalogListings})
    add_custom_command(
        OUTPUT ${OH_DEMO_CATALOG_DIR}/${id}.tour
        COMMAND ${CMAKE_COMMAND} -E make_directory ${OH_DEMO_CATALOG_DIR}
        COMMAND openhouse-pack -q ${OH_DEMO_CATALOG_LISTINGS}/${id} -o ${OH_DEMO_CATALOG_DIR}/${id}.tour
                --sign ${ohKey}.key --max-texture-size 1024 --cache ${ohPackCache}
        DEPENDS openhouse-pack ${OH_DEMO_CATALOG_LISTINGS}/${id}/listing.json ${ohFilesOf_${id}} ${ohKey}.key
        COMMENT "Packing demo-catalog/${id}.tour"
        VERBATIM)
    list(APPEND ohBundles ${OH_DEMO_CATALOG_DIR}/${id}.tour)
endforeach()
add_custom_target(demo_catalog ALL DEPENDS ${ohBundles} ${OH_DEMO_CATALOG_DIR}/demo-key.pub)
