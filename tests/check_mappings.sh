#!/bin/sh
# `xborder check-mappings`, which the build runs over the embedded mappings: a copy of mappings/ is valid;
# each kind of broken table in it is refused with exit 1, naming the file, the line and what is wrong.
cli=$1 mappings=$2
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

fresh() { rm -rf "$tmp/m"; cp -R "$mappings" "$tmp/m"; }
refused() {  # refused FILE-AND-LINE MESSAGE: the check fails, and says where and what
  "$cli" --mappings-dir "$tmp/m" check-mappings > "$tmp/out" 2> "$tmp/err"; got=$?
  [ "$got" = 1 ] || fail "exit $got for a broken table, want 1: $(cat "$tmp/out" "$tmp/err")"
  grep -qF "$1" "$tmp/err" || fail "no '$1' in: $(cat "$tmp/err")"
  grep -qF "$2" "$tmp/err" || fail "no '$2' in: $(cat "$tmp/err")"
}

fresh
"$cli" --mappings-dir "$tmp/m" check-mappings | grep -q ': valid$' || fail "the shipped mappings do not check"
"$cli" check-mappings | grep -q ': valid$' || fail "the embedded mappings do not check"

# A crosswalk row naming a code its target system does not have.
fresh; printf '09A,9999,exactMatch,invented,xborder\n' >> "$tmp/m/categories/crosswalks/nibrs-to-iccs.csv"
refused "nibrs-to-iccs.csv:$(wc -l < "$tmp/m/categories/crosswalks/nibrs-to-iccs.csv")" "9999 is not a code of iccs"

# Parents that form a cycle.
fresh; sed -i 's/^1,,1,/1,2,1,/; s/^2,,1,/2,1,1,/' "$tmp/m/categories/systems/eaw.csv"
refused "eaw.csv:" "form a cycle"

# A pair stated twice with relations that are not each other's inverse.
fresh; printf '09A,0101,broadMatch,contradicts the first row,xborder\n' >> "$tmp/m/categories/crosswalks/nibrs-to-iccs.csv"
refused "nibrs-to-iccs.csv:" "is broadMatch here but exactMatch"

# A parent that is not a code of the system.
fresh; sed -i 's/^3,,1,/3,99,1,/' "$tmp/m/categories/systems/eaw.csv"
refused "eaw.csv:" "parent 99 is not a code of eaw"

# A profile that does not load.
fresh; printf '{"profile": "example-de-csv",' > "$tmp/m/profiles/example-de-csv.json"
refused "example-de-csv.json" ":1"
echo "check-mappings refuses every broken table"
