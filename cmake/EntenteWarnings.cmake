# entente_warnings(target): the project's warning set, errors when ENTENTE_WARNINGS_AS_ERRORS.
function(entente_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Woverloaded-virtual)
  # GCC 12 reports false -Wrestrict positives inside libstdc++ string
  # concatenation (GCC bug 105329); it finds nothing in our own code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(ENTENTE_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
