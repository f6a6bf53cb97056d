# Generates entente/version.hpp with the project version and the git revision
# at configure time (refreshed on every build by a custom target).
set(ENTENTE_VERSION_DIR ${CMAKE_CURRENT_BINARY_DIR}/generated)
add_custom_target(entente_version_header
  COMMAND ${CMAKE_COMMAND}
    -DSRC=${CMAKE_CURRENT_SOURCE_DIR} -DOUT=${ENTENTE_VERSION_DIR}/entente/version.hpp
    -DVERSION=${PROJECT_VERSION}
    -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/WriteVersion.cmake
  BYPRODUCTS ${ENTENTE_VERSION_DIR}/entente/version.hpp
  COMMENT "entente: version header")
