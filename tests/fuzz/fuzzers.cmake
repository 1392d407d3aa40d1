# The libFuzzer targets of tests/fuzz: a clang sub-build beside the main build, and a test that
# runs each target for a fixed time. On by default where clang and libFuzzer (Debian's clang-14
# and libfuzzer-14-dev) are installed; the main build itself never needs clang.
find_program(RINNALLA_CLANGXX NAMES clang++-14 clang++)
set(fuzzers_found OFF)
if(RINNALLA_CLANGXX)
  execute_process(COMMAND ${RINNALLA_CLANGXX} -print-runtime-dir
                  OUTPUT_VARIABLE clang_runtime OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(EXISTS "${clang_runtime}/libclang_rt.fuzzer-x86_64.a")
    set(fuzzers_found ON)
  endif()
endif()
option(RINNALLA_BUILD_FUZZERS "Build the parsers' libFuzzer targets (clang) and test them"
       ${fuzzers_found})
set(RINNALLA_FUZZ_SECONDS 10 CACHE STRING "How long each fuzz target runs as a test")

if(RINNALLA_BUILD_FUZZERS)
  include(ExternalProject)
  set(fuzz_dir "${CMAKE_BINARY_DIR}/fuzzers")
  ExternalProject_Add(rinnalla_fuzzers
    SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}"
    BINARY_DIR "${fuzz_dir}"
    CMAKE_ARGS -DCMAKE_CXX_COMPILER=${RINNALLA_CLANGXX} -DCMAKE_BUILD_TYPE=RelWithDebInfo
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON)
  foreach(fuzzer filter page_token resource_name token)
    # A fixed seed and time: each run explores the same way, and a finding is a failed test
    # that leaves its input (crash-*) in the build folder.
    add_test(NAME fuzz.${fuzzer}
             COMMAND ${fuzz_dir}/${fuzzer}_fuzzer -seed=1 -max_total_time=${RINNALLA_FUZZ_SECONDS}
                     -rss_limit_mb=1024 -print_final_stats=1
             WORKING_DIRECTORY "${fuzz_dir}")
    set_tests_properties(fuzz.${fuzzer} PROPERTIES LABELS unit)
  endforeach()
endif()
