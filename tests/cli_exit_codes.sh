#!/bin/sh
# The CLI's exit codes: 0 success, 1 input rejected or invalid, 2 usage error.
cli=$1 data=$2
fail() { echo "FAIL: $*"; exit 1; }
expect() { want=$1; shift; "$@" >/dev/null 2>&1; got=$?; [ "$got" = "$want" ] || fail "$* exited $got, want $want"; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

expect 0 "$cli" formats
expect 0 "$cli" validate "$data"/*.json
expect 0 "$cli" convert "$data/red-notice.json"
printf '{"xes":"1.0","header":{}' > "$tmp/broken.json"
expect 1 "$cli" convert "$tmp/broken.json"
expect 1 "$cli" validate "$tmp/broken.json"
expect 2 "$cli" convert --from no-such-format "$data/red-notice.json"
expect 2 "$cli" convert /no/such/file
expect 2 "$cli"

# Any failure is reported and mapped to the documented codes, never an abort: output that cannot be
# written, memory running out (1, "failed").
if [ -w /dev/full ]; then
  expect 1 sh -c "\"\$0\" convert \"\$1\" > /dev/full" "$cli" "$data/red-notice.json"
  expect 1 sh -c "\"\$0\" formats > /dev/full" "$cli"
  "$cli" convert -o /dev/full "$data/red-notice.json" 2>&1 | grep -q "could not be written" || fail "says why"
fi
if ! ldd "$cli" 2>/dev/null | grep -q 'lib[at]san'; then  # a sanitizer's allocator cannot run under ulimit -v
  { printf '{"xes":"1.0","header":{"message_id":"m1","created":"2026-01-01T00:00:00Z"},"persons":['
    yes '{"id":"p1","names":[{"full":"ANNA MUSTERFRAU"}]}' | head -n 600000 | paste -sd, -
    printf ']}\n'; } > "$tmp/huge.json"
  (ulimit -v 262144; "$cli" convert "$tmp/huge.json" > /dev/null 2> "$tmp/oom.txt"); got=$?
  [ "$got" = 1 ] || fail "out of memory exited $got, want 1: $(tail -2 "$tmp/oom.txt")"
  grep -q '^xborder: out of memory$' "$tmp/oom.txt" || fail "out of memory is said: $(tail -2 "$tmp/oom.txt")"
fi
# A directory streams NDJSON: one line per message, and the report lists every diagnostic.
mkdir "$tmp/dir" && cp "$data"/*.json "$tmp/dir/"
"$cli" convert --report "$tmp/report.json" "$tmp/dir" > "$tmp/out.ndjson" || fail "directory conversion"
[ "$(wc -l < "$tmp/out.ndjson")" = "$(ls "$tmp/dir" | wc -l)" ] || fail "one NDJSON line per input"
grep -q '"errors":\[\]' "$tmp/report.json" || fail "report has an empty errors list"
# Strict mode turns the loss of an unknown member into an error.
sed 's/"xes": "1.0",/"xes": "1.0", "future_member": 1,/' "$data/red-notice.json" > "$tmp/future.json"
expect 0 "$cli" convert "$tmp/future.json"
expect 1 "$cli" convert --strict "$tmp/future.json"
"$cli" convert --report "$tmp/loss.json" "$tmp/future.json" > /dev/null
grep -q '"losses":\[{"code":"xes.unknown-member"' "$tmp/loss.json" || fail "loss reported: $(cat "$tmp/loss.json")"
# Strict covers losses raised while writing: a name the MRZ writer must cut (exit 1, nothing written).
cat > "$tmp/long-name.json" <<'JSON'
{"xes": "1.0", "header": {"message_id": "m1", "created": "2026-01-01T00:00:00Z"},
 "persons": [{"id": "p1", "names": [{"family": "WOLFESCHLEGELSTEINHAUSENBERGERDORFF", "given": ["HUBERT", "BLAINE"]}],
              "birth_date": "1974-08-12", "sex": {"code": 2}}],
 "documents": [{"id": "d1", "type": "P", "number": "L898902C3", "issuer": "UTO", "expires": "2012-04-15", "holder": "p1"}]}
JSON
expect 0 "$cli" convert --to mrz:td3 "$tmp/long-name.json"
expect 1 "$cli" convert --strict --to mrz:td3 "$tmp/long-name.json"
[ -z "$("$cli" convert --strict --to mrz:td3 "$tmp/long-name.json" 2>/dev/null)" ] || fail "strict writes no zone"
# Diagnostics quote raw input bytes: the report stays valid UTF-8 JSON, the bytes written as \xff.
printf '1.001:17\0351.0\377\3762:0500\034' > "$tmp/bad-tag.an2"
expect 1 "$cli" convert --from an2k --report "$tmp/bad-tag.json" "$tmp/bad-tag.an2"
if command -v python3 > /dev/null; then
  python3 -c 'import json, sys; r = json.load(open(sys.argv[1], encoding="utf-8")); assert "1.0\\xff\\xfe2" in r["errors"][0]["message"], r' \
    "$tmp/bad-tag.json" || fail "report is not valid UTF-8 JSON: $(od -c "$tmp/bad-tag.json" | head -5)"
else
  iconv -f UTF-8 -t UTF-8 "$tmp/bad-tag.json" > /dev/null || fail "report is not valid UTF-8"
fi
# Profiles: listed, inspectable, and addable at run time from a directory.
"$cli" profiles | grep -q '^tabular:example-de-csv' || fail "profiles lists the example"
"$cli" inspect --from tabular:example-de-csv "$data/tabular/de-register.csv" | grep -q '^  NACHNAME	@166	6	' ||
  fail "inspect shows paths and offsets"
mkdir "$tmp/profiles"
cat > "$tmp/profiles/pipe.json" <<'JSON'
{"profile": "pipe", "description": "pipe-separated test", "codec": "tabular",
 "source": {"layout": "csv", "delimiter": "|", "header": true, "newline": "\n", "columns": ["NAME", "DOB"]},
 "rules": [{"from": "NAME", "to": "persons[0].names[0].full"},
           {"from": "DOB", "to": "persons[0].birth_date", "transforms": [{"date": {"layout": "YYYYMMDD"}}]}]}
JSON
printf 'NAME|DOB\nA B|19810321\n' > "$tmp/pipe.txt"
"$cli" --profile-dir "$tmp/profiles" convert --from tabular:pipe "$tmp/pipe.txt" | grep -q '"birth_date":"1981-03-21"' ||
  fail "--profile-dir profile converts"
printf '{"profile": "pipe", "description": 5}' > "$tmp/profiles/pipe.json"
expect 2 "$cli" --profile-dir "$tmp/profiles" profiles
# Charsets: decoding stops at an invalid byte (exit 1, its offset on stderr) unless told to replace.
printf 'Ab\377cd' > "$tmp/greek.txt"
expect 1 "$cli" charset decode --from windows-1253 "$tmp/greek.txt"
"$cli" charset decode --from windows-1253 "$tmp/greek.txt" 2>&1 >/dev/null | grep -q "byte offset 2" || fail "offset of the bad byte"
[ "$("$cli" charset decode --from windows-1253 --replace --replacement '?' "$tmp/greek.txt")" = "Ab?cd" ] || fail "replaced"
expect 2 "$cli" charset decode "$tmp/greek.txt"
"$cli" charset detect "$data/red-notice.json" | head -1 | grep -q "UTF-8\|ISO-8859-1" || fail "detects a charset"
# Dates in national layouts: partial, and a year of another calendar as its Gregorian range.
[ "$("$cli" date --layout DD.MM.YYYY 00.03.1981)" = "1981-03" ] || fail "partial date"
[ "$("$cli" date --calendar persian --layout YYYY/MM/DD 1360/00/00)" = "1981-03-21/1982-03-20" ] || fail "persian year"
expect 1 "$cli" date --layout DD.MM.YYYY 31.02.1981
# Limits: --limit NAME=N bounds what is read; a bound passed is an error that names it, a wrong one a usage error.
printf '{"a": {"b": {"c": [1]}}}' > "$tmp/nested.json"
expect 0 "$cli" convert --from json:interpol-red-notice "$tmp/nested.json"
expect 1 "$cli" convert --from json:interpol-red-notice --limit depth=3 "$tmp/nested.json"
"$cli" convert --from json:interpol-red-notice --limit depth=3 "$tmp/nested.json" 2>&1 | grep -q "json.depth" || fail "depth named"
expect 2 "$cli" convert --limit depth "$tmp/nested.json"
expect 2 "$cli" convert --limit colour=3 "$tmp/nested.json"
# Semantic coverage per profile, in the report and the summary (issue 18).
"$cli" convert --summary --report "$tmp/coverage.json" "$data/documents/un-sanctions-list.xml" > /dev/null 2> "$tmp/summary.txt"
grep -q '"coverage":{"un-sanctions":{"typed":' "$tmp/coverage.json" || fail "coverage in the report: $(cat "$tmp/coverage.json")"
grep -q 'coverage un-sanctions: typed' "$tmp/summary.txt" || fail "coverage in the summary: $(cat "$tmp/summary.txt")"
echo ok
