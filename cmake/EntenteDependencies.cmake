# Every dependency comes from Debian's packages (scripts/install-deps.sh).
# A missing one stops configuration with the package to install.
macro(entente_require pkg debian_package)
  find_package(${pkg} ${ARGN} QUIET)
  if(NOT ${pkg}_FOUND)
    message(FATAL_ERROR
      "entente: dependency '${pkg}' not found. Install the Debian package "
      "'${debian_package}' (or run scripts/install-deps.sh).")
  endif()
endmacro()

entente_require(Boost "libboost-program-options-dev libboost-dev" 1.74 COMPONENTS program_options)
entente_require(yaml-cpp libyaml-cpp-dev)
entente_require(TBB libtbb-dev)
entente_require(nlohmann_json nlohmann-json3-dev 3.10)
entente_require(SQLite3 libsqlite3-dev)
if(ENTENTE_BUILD_TESTS)
  entente_require(Catch2 catch2 2.13)
endif()
if(ENTENTE_BUILD_BENCH)
  entente_require(benchmark libbenchmark-dev)
endif()

# yaml-cpp 0.7 on Debian exports the target 'yaml-cpp' without a namespace.
if(TARGET yaml-cpp AND NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp ALIAS yaml-cpp)
endif()
