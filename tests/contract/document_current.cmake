# Fails when the committed docs/openapi.json is not the document the build generates.
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${GENERATED}" "${COMMITTED}"
  RESULT_VARIABLE differs)
if(differs)
  message(FATAL_ERROR "docs/openapi.json is not the generated document: copy ${GENERATED} "
    "to docs/openapi.json and commit it")
endif()
