#!/bin/bash -eu
# Builds every fuzz target the way OSS-Fuzz expects (https://google.github.io/oss-fuzz/getting-started/new-project-guide/):
# compilers and flags from $CC, $CXX, $CFLAGS, $CXXFLAGS (instrumentation and sanitizers included: the project
# adds none of its own), each target linked with $LIB_FUZZING_ENGINE, and in $OUT for each target <target>
# the binary, <target>_seed_corpus.zip (fuzz/corpus/<target>/) and <target>.dict (fuzz/dicts/).
#
# In OSS-Fuzz this runs in $SRC/xborder after the project's Dockerfile installed the build dependencies
# (cmake ninja-build libxerces-c-dev rapidjson-dev libicu-dev libssl-dev zip). Locally, for example:
#   CC=clang CXX=clang++ CFLAGS="-O1 -g -fsanitize=address,fuzzer-no-link" CXXFLAGS="$CFLAGS" \
#   LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/tmp/ossfuzz-out WORK=/tmp/ossfuzz-work fuzz/build.sh
# (SRC defaults to the directory above this script's repository; WORK to $OUT/../work.)
# The dependencies come from the system here; OSS-Fuzz's MemorySanitizer builds would need them built from
# source with the same flags (and libc++), which this script does not do.

here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(dirname "$here")
: "${CC:?set CC}" "${CXX:?set CXX}" "${LIB_FUZZING_ENGINE:?set LIB_FUZZING_ENGINE}" "${OUT:?set OUT}"
: "${CFLAGS:=}" "${CXXFLAGS:=}"
WORK=${WORK:-$OUT/../work}
build="$WORK/xborder-build"
mkdir -p "$OUT" "$build"

# RapidJSON 1.1.0's known null-pointer arithmetic (fuzz/ubsan_ignorelist.txt) is not ours to report.
if [[ $CXXFLAGS == *-fsanitize=*undefined* || $CXXFLAGS == *-fsanitize=*pointer-overflow* ]]; then
  CXXFLAGS="$CXXFLAGS -fsanitize-ignorelist=$here/ubsan_ignorelist.txt"
fi
export CC CXX CFLAGS CXXFLAGS

# No build type: the optimisation and debug flags are OSS-Fuzz's too (and assertions stay on).
cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE= \
  -DXBORDER_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" -DXBORDER_BUILD_FUZZ=OFF -DXBORDER_SANITIZE=OFF \
  -DXBORDER_BUILD_TESTS=OFF -DXBORDER_BUILD_BENCH=OFF -DXBORDER_BUILD_PYTHON=OFF

# Every target fuzz/CMakeLists.txt declares, nothing else of the project.
targets=$(tr '\n' ' ' < "$here/CMakeLists.txt" | sed -n 's/.*set(fuzz_targets \([^)]*\)).*/\1/p' | xargs -n 1)
[[ -n $targets ]] || { echo "build.sh: no fuzz targets found in fuzz/CMakeLists.txt" >&2; exit 1; }
cmake --build "$build" -j "$(nproc)" --target $(printf 'fuzz_%s ' $targets)

zip_dir() {  # zip_dir ZIP DIR: the files of DIR, flat
  rm -f "$1"
  if command -v zip >/dev/null; then
    (cd "$2" && zip -q -X "$1" ./*)
  else
    python3 -m zipfile -c "$1" "$2"/*
  fi
}

for target in $targets; do
  cp "$build/fuzz/$target" "$OUT/$target"
  [[ -d $here/corpus/$target ]] || { echo "build.sh: $target has no seed corpus" >&2; exit 1; }
  [[ -f $here/dicts/$target.dict ]] || { echo "build.sh: $target has no dictionary" >&2; exit 1; }
  zip_dir "$OUT/${target}_seed_corpus.zip" "$here/corpus/$target"
  cp "$here/dicts/$target.dict" "$OUT/$target.dict"
  # A target's own settings (fuzz/options/<target>: -flag=value for libFuzzer) as OSS-Fuzz's <target>.options.
  if [[ -f $here/options/$target ]]; then
    {
      echo "[libfuzzer]"
      sed -n 's/^-\([A-Za-z_]*\)=\(.*\)$/\1 = \2/p' "$here/options/$target"
    } > "$OUT/$target.options"
  fi
done
echo "build.sh: $(wc -w <<< "$targets") targets in $OUT"
