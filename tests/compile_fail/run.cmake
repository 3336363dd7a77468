# Runs one compile-failure test (see CMakeLists.txt): checks SOURCE with
# COMPILER and succeeds when EXPECT is "no" and the compiler accepts the
# file, or when the compiler rejects it with diagnostics that match the
# regular expression EXPECT.
separate_arguments(extra_flags UNIX_COMMAND "${EXTRA_FLAGS}")
execute_process(
  COMMAND "${COMPILER}" ${STD_OPTION} ${extra_flags} -fsyntax-only
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror
    "-I${INCLUDE_DIR}" "${SOURCE}"
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)

if(EXPECT STREQUAL "no")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${SOURCE} must compile, but:\n${output}")
  endif()
elseif(result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled; it must not")
elseif(NOT output MATCHES "${EXPECT}")
  message(FATAL_ERROR
    "${SOURCE} was rejected, but not for '${EXPECT}':\n${output}")
endif()
