# entente_precompile(target [UNOPTIMIZED] header...): precompile the heavy
# third-party headers most of a target's files include (nlohmann/json,
# Boost.Program_options, Catch2). Each costs 2-3 s to parse per file, in each
# of the three builds of make test; precompiled, it is parsed once per target.
#
# With GCC only for targets built at -O0 (UNOPTIMIZED): GCC 12 treats
# libstdc++ code that comes from a precompiled header as the user's, and its
# optimiser's -Wstringop-overflow and -Warray-bounds then report false
# positives inside std::string (bounds near 2^63) that -Werror turns into
# errors. clang has no such problem.
#
# The headers are seen by every file of the target, so a missing #include can
# hide: -DENTENTE_PCH=OFF builds without, to check.
option(ENTENTE_PCH "Precompile heavy third-party headers" ON)
function(entente_precompile target)
  cmake_parse_arguments(PARSE_ARGV 1 pch "UNOPTIMIZED" "" "")
  if(NOT ENTENTE_PCH)
    return()
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR pch_UNOPTIMIZED)
    target_precompile_headers(${target} PRIVATE ${pch_UNPARSED_ARGUMENTS})
  endif()
endfunction()
