# oh_pack_photo: the packer's photo and panorama input (photo_input.h,
# panorama.h), decoded through libvips. Included from tools/pack/CMakeLists.txt
# so the packer's own targets stay in that file.
add_library(oh_pack_photo STATIC
    ${CMAKE_CURRENT_LIST_DIR}/photo_input.cpp
    ${CMAKE_CURRENT_LIST_DIR}/panorama.cpp
)
find_package(Threads REQUIRED)
target_include_directories(oh_pack_photo PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(oh_pack_photo PUBLIC oh_core PRIVATE PkgConfig::VIPS Threads::Threads)
