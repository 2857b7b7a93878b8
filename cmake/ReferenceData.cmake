# The shared reference data (real sample records): tests, benchmarks and fuzz seeds read it in place.
# A clone next to ../shared finds it; elsewhere, name it with -DXBORDER_REFERENCE_DIR.
set(XBORDER_REFERENCE_DIR "" CACHE PATH "the shared reference data (samples, spec tables)")
if(NOT XBORDER_REFERENCE_DIR)
  foreach(candidate "${PROJECT_SOURCE_DIR}/../shared/reference" "/work/shared/reference")
    if(EXISTS "${candidate}/README.md")
      get_filename_component(XBORDER_REFERENCE_DIR "${candidate}" ABSOLUTE)
      break()
    endif()
  endforeach()
endif()
if(NOT EXISTS "${XBORDER_REFERENCE_DIR}/README.md")
  message(FATAL_ERROR "the shared reference data was not found: set XBORDER_REFERENCE_DIR")
endif()
