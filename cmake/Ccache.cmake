# Use ccache when it is installed: rebuilds on a 2-core machine stay cheap. Paths under the
# source tree are hashed relative to it, and the working directory not at all (it would be, for
# debug info), so checkouts in different folders share the cache.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CMAKE_COMMAND};-E;env;CCACHE_BASEDIR=${CMAKE_SOURCE_DIR};CCACHE_NOHASHDIR=1;${CCACHE_PROGRAM}")
endif()
