# Strict warnings for the project's own code only; generated code gets none of these.
function(rinnalla_strict_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-missing-field-initializers)
endfunction()
