# Writes a C++ source holding every storage/migrations/V####__name.sql, so the server and the CLI
# carry their schema with them. Run at build time; re-run only when a migration file changes.
set(body "")
foreach(file ${INPUTS})
  get_filename_component(base "${file}" NAME_WE)
  if(NOT base MATCHES "^V([0-9]+)__([a-z0-9_]+)$")
    message(FATAL_ERROR "migration file name must be V####__name.sql: ${file}")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  file(READ "${file}" sql)
  string(APPEND body "      {${version}, \"${name}\", R\"rinnalla_sql(${sql})rinnalla_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from storage/migrations; do not edit.
#include \"rinnalla/storage/migrations.h\"

namespace rinnalla::storage {

const std::vector<Migration>& BundledMigrations() {
  static const std::vector<Migration> kMigrations = {
${body}  };
  return kMigrations;
}

}  // namespace rinnalla::storage
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
