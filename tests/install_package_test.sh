#!/bin/sh
# Installs the build tree into a scratch prefix, builds examples/cpp against the installed CMake package
# and examples/c with a C compiler and pkg-config, and runs both; then checks the installed CLI and mappings.
set -eu
build=$1 source=$2
prefix=$(mktemp -d) work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT

cmake --install "$build" --prefix "$prefix" >/dev/null
cmake -S "$source/examples/cpp" -B "$work" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work" >/dev/null
LD_LIBRARY_PATH="$prefix/lib" "$work/xborder_convert_example" "$source/examples/data/red-notice.json" > "$work/out.json" 2> "$work/err.txt"
grep -q '"IVANENKO OLENA PETRIVNA"' "$work/out.json"
grep -q '1 person(s)' "$work/err.txt"

PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs xborder | grep -q -- "-lxborder"
# The C interface, the way a C vendor builds against it: a C compiler and pkg-config (whose Cflags are for
# C++, so C takes the include directory alone).
pc() { PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --define-prefix "$@" xborder; }
cc -std=c11 -Wall -Werror "$source/examples/c/convert.c" -I"$(pc --variable=includedir)" $(pc --libs) -o "$work/xborder_c_example"
LD_LIBRARY_PATH="$prefix/lib" "$work/xborder_c_example" xes-json xes-xml "$source/examples/data/red-notice.json" \
  > "$work/out.xml" 2> "$work/err.txt"
grep -q 'urn:xborder:xes:' "$work/out.xml"
grep -q '1 record(s)' "$work/err.txt"
"$prefix/bin/xborder" formats | grep -q '^xes-xml'
test -f "$prefix/share/xborder/mappings/schema/xes.schema.json"
test -f "$prefix/include/xborder/xes.hpp"
test -f "$prefix/include/xborder/xborder.h"
nm -D --defined-only "$prefix/lib/libxborder.so" | grep -q ' T xb_convert$'
# Only the API is exported from the shared library: nothing of namespace xborder::detail.
if nm -DC --defined-only "$prefix/lib/libxborder.so" | cut -d' ' -f3- | grep -q '^xborder::detail::'; then
  echo "internal symbols exported"; exit 1
fi
echo ok
