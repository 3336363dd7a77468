# Builds and runs one consumer project against this build of tlsflags.
# Called by ctest with -DKIND=find_package|add_subdirectory|fetch_content|
# pkg_config -DSOURCE_DIR=... -DBINARY_DIR=... -DWORK_DIR=... -DCXX=...

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(consumers "${SOURCE_DIR}/tests/consumers")

if(KIND STREQUAL "find_package" OR KIND STREQUAL "pkg_config")
  run("${CMAKE_COMMAND}" --install "${BINARY_DIR}" --prefix "${WORK_DIR}/prefix")
endif()

if(KIND STREQUAL "pkg_config")
  set(ENV{PKG_CONFIG_PATH} "${WORK_DIR}/prefix/share/pkgconfig")
  execute_process(COMMAND pkg-config --cflags tlsflags
                  OUTPUT_VARIABLE cflags OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pkg-config does not know tlsflags")
  endif()
  separate_arguments(cflags UNIX_COMMAND "${cflags}")
  run("${CXX}" -std=c++17 ${cflags} "${consumers}/consumer.cpp"
      -o "${WORK_DIR}/consumer")
  run("${WORK_DIR}/consumer")
  return()
endif()

run("${CMAKE_COMMAND}" -S "${consumers}/${KIND}" -B "${WORK_DIR}/build"
    "-DCMAKE_CXX_COMPILER=${CXX}"
    "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix"
    "-DTLSFLAGS_SOURCE_DIR=${SOURCE_DIR}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer")
