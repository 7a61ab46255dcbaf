# SALESMETRICS_SANITIZE: builds everything (core, plugins, server, tests)
# with AddressSanitizer and UndefinedBehaviorSanitizer, any UB fatal.
# SALESMETRICS_FUZZ (on by default with it): also the libFuzzer targets of
# tests/fuzz, for which all code gets libFuzzer's coverage instrumentation.
# scripts/sanitize.sh configures, builds and tests such a build.
include(CMakeDependentOption)
option(SALESMETRICS_SANITIZE "Build with ASan and UBSan (needs clang)" OFF)
cmake_dependent_option(SALESMETRICS_FUZZ "Build the libFuzzer targets of tests/fuzz" ON "SALESMETRICS_SANITIZE" OFF)

if(NOT SALESMETRICS_SANITIZE)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "SALESMETRICS_SANITIZE needs clang: configure with "
                      "-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
endif()

# Not vptr: its checks need the RTTI of every polymorphic class they see,
# and Debian's SOCI does not export that of its own classes.
set(sanitize_flags -fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined
                   -fno-omit-frame-pointer)
if(SALESMETRICS_FUZZ)
  list(APPEND sanitize_flags -fsanitize=fuzzer-no-link)
endif()
add_compile_options(${sanitize_flags})
# Executables get the sanitizer runtimes linked in statically. Shared
# libraries and plugins get none: their __asan_*/__ubsan_* references
# resolve against the executable that loads them (see salesmetricsPlugin.cmake).
add_link_options(${sanitize_flags})
