# Warnings for Duckling's own targets (third-party sources are compiled without them).
function(duck_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()
