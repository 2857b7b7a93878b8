# The shared reference data (real sample records and published test vectors) is not part of the repository.
# Tests, benchmarks and fuzz seeds read it in place when it is there: by default `../shared/reference` beside
# the checkout, or wherever -DXBORDER_REFERENCE_DIR=... names. Without it, configure still succeeds: the tests
# that read it are not registered (GoogleTest cases written as REFERENCE_TEST, CLI tests, pytest cases marked
# `reference_data`), and the end of configure says how many were left out and how to enable them.
set(xborder_reference_doc
  "the shared reference data (real sample records); the tests that read it are registered only when it is found")
set(XBORDER_REFERENCE_DIR "${PROJECT_SOURCE_DIR}/../shared/reference" CACHE PATH "${xborder_reference_doc}")
if(XBORDER_REFERENCE_DIR STREQUAL "")  # empty (as older build trees have it): the default
  set(XBORDER_REFERENCE_DIR "${PROJECT_SOURCE_DIR}/../shared/reference" CACHE PATH "${xborder_reference_doc}" FORCE)
endif()
cmake_path(ABSOLUTE_PATH XBORDER_REFERENCE_DIR NORMALIZE OUTPUT_VARIABLE xborder_reference_dir)
string(REGEX REPLACE "/$" "" xborder_reference_dir "${xborder_reference_dir}")
set(XBORDER_REFERENCE_DIR "${xborder_reference_dir}")  # the same directory, spelt without `..`
if(EXISTS "${XBORDER_REFERENCE_DIR}/README.md")
  set(XBORDER_HAVE_REFERENCE_DATA ON)
else()
  set(XBORDER_HAVE_REFERENCE_DATA OFF)
endif()

# Records that `count` tests of one kind (e.g. "GoogleTest") were not registered for want of the data.
function(xborder_reference_tests_left_out count kind)
  if(NOT XBORDER_HAVE_REFERENCE_DATA AND count GREATER 0)
    set_property(GLOBAL APPEND PROPERTY XBORDER_REFERENCE_LEFT_OUT "${count} ${kind}")
  endif()
endfunction()

# The number of lines of `files` that match `regex` (e.g. the REFERENCE_TEST cases of some sources).
function(xborder_count_matching_lines out regex)
  set(total 0)
  foreach(file IN LISTS ARGN)
    file(STRINGS "${file}" lines REGEX "${regex}")
    list(LENGTH lines n)
    math(EXPR total "${total} + ${n}")
  endforeach()
  set(${out} ${total} PARENT_SCOPE)
endfunction()

# Called once every test is declared: says what was left out, on stderr (so `./run test` shows it), and leaves
# the same words in the build tree for `./run test` to repeat after the tests ran.
function(xborder_report_reference_data)
  set(note "${PROJECT_BINARY_DIR}/reference-data-left-out.txt")
  if(XBORDER_HAVE_REFERENCE_DATA)
    message(STATUS "Reference data: ${XBORDER_REFERENCE_DIR} (every test that reads it is registered)")
    file(REMOVE "${note}")
    return()
  endif()
  get_property(left_out GLOBAL PROPERTY XBORDER_REFERENCE_LEFT_OUT)
  if(NOT left_out)  # e.g. the fuzz or bench presets: no test of this build reads it
    message(STATUS "Reference data: none at ${XBORDER_REFERENCE_DIR}")
    file(REMOVE "${note}")
    return()
  endif()
  set(total 0)
  set(parts "")
  foreach(item IN LISTS left_out)
    string(REGEX MATCH "^[0-9]+" n "${item}")
    math(EXPR total "${total} + ${n}")
    list(APPEND parts "${item}")
  endforeach()
  list(JOIN parts ", " parts)
  set(text "No shared reference data at ${XBORDER_REFERENCE_DIR}: ${total} tests that read it are not registered (${parts}). The self-contained tests (the project's own examples and golden files) still run. To run them all, configure with -DXBORDER_REFERENCE_DIR=/path/to/reference.")
  message(NOTICE "${text}")
  file(WRITE "${note}" "${text}\n")
endfunction()
