#!/bin/sh
# xborder used by a parent project through add_subdirectory (tests/subproject): it configures without
# tests, Python, fuzz targets, install rules or global compile options. Configure only: building the parent
# would build the library a second time.
set -eu
source=$1 work=$2 generator=$3 cxx=$4 cc=$5
rm -rf "$work"
cmake -S "$source/tests/subproject" -B "$work" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" \
  -DXBORDER_SOURCE_DIR="$source" -DCMAKE_BUILD_TYPE=Release >"$work.log" 2>&1 || { cat "$work.log"; exit 1; }
if grep -rq "file(INSTALL" --include=cmake_install.cmake "$work"; then
  echo "as a subproject, xborder installs files" >&2
  exit 1
fi
# The options that would impose global flags are refused outright as a subproject.
if cmake -S "$source/tests/subproject" -B "$work-sanitize" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_C_COMPILER="$cc" -DXBORDER_SOURCE_DIR="$source" -DXBORDER_SANITIZE=ON >"$work.log" 2>&1; then
  echo "as a subproject, XBORDER_SANITIZE=ON was accepted" >&2
  exit 1
fi
tr -s " \n" "  " < "$work.log" | grep -q "set sanitizer flags in the parent project"  # CMake wraps the message
rm -rf "$work" "$work-sanitize" "$work.log"
