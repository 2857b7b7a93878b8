#!/bin/sh
# `xborder convert` keeps a stream's diagnostics only for --report: without it, memory does not grow with
# the number of records (the summary needs counts only).
cli=$1
fail() { echo "FAIL: $*"; exit 1; }
[ -x /usr/bin/time ] || { echo "skipped: no /usr/bin/time to measure memory with"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=1"  # freed memory is not held back
header='AKTENZEICHEN;NACHNAME;VORNAMEN;GEBURTSNAME;GESCHLECHT;GEBURTSDATUM;GEBURTSORT;STAATSANGEHOERIGKEIT;PKS_SCHLUESSEL;TATVORWURF;TATZEIT;TATORT;BEMERKUNG'
rows() { printf '%s\r\n' "$header"; yes 'x' | head -n "$1" | sed 's/$/\r/'; }  # each row an error
rows 1000 > "$tmp/small.csv"
rows 200000 > "$tmp/large.csv"
peak() {  # peak resident memory in KiB of converting $@
  /usr/bin/time -f '%M' -o "$tmp/peak" "$cli" convert --summary --from tabular:example-de-csv "$@" > /dev/null 2> "$tmp/err"
  tail -1 "$tmp/peak"
}
small=$(peak "$tmp/small.csv")
large=$(peak "$tmp/large.csv")
grep -q '0 of 200000 records converted; 200000 errors' "$tmp/err" || fail "the summary counts: $(tail -2 "$tmp/err")"
[ "$large" -lt $((small + 16384)) ] || fail "200,000 rows took ${large} KiB, 1,000 rows ${small} KiB"
# With --report every diagnostic is kept, and written.
"$cli" convert --from tabular:example-de-csv --report "$tmp/report.json" "$tmp/small.csv" > /dev/null 2>&1
[ "$(grep -o '"code":"tabular.row"' "$tmp/report.json" | wc -l)" = 1000 ] || fail "the report lists every error"
echo "ok: ${small} KiB for 1,000 rows, ${large} KiB for 200,000"
