#!/bin/sh
# `xborder convert` output: NDJSON (one compact message a line) however many records the inputs hold;
# indented only for a single message with --pretty.
cli=$1 data=$2
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
json_lines() {  # every line of the file is one JSON document
  if command -v python3 > /dev/null; then
    python3 -c 'import json, sys; [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]' "$1"
  fi
}

# A list of 1,003 records (the size of the UN list: 730 individuals, 273 entities), from the example's two.
list="$data/documents/un-sanctions-list.xml"
individual=$(sed -n '/<INDIVIDUAL>/,/<\/INDIVIDUAL>/p' "$list")
entity=$(sed -n '/<ENTITY>/,/<\/ENTITY>/p' "$list")
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS>'
  i=0; while [ $i -lt 730 ]; do echo "$individual"; i=$((i + 1)); done
  echo '</INDIVIDUALS><ENTITIES>'
  i=0; while [ $i -lt 273 ]; do echo "$entity"; i=$((i + 1)); done
  echo '</ENTITIES></CONSOLIDATED_LIST>'
} > "$tmp/list.xml"
"$cli" convert "$tmp/list.xml" > "$tmp/list.ndjson" 2> /dev/null || fail "the list converts"
[ "$(wc -l < "$tmp/list.ndjson")" = 1003 ] || fail "1,003 records give $(wc -l < "$tmp/list.ndjson") lines, not 1003"
json_lines "$tmp/list.ndjson" || fail "each line is a JSON document"
# --pretty cannot indent several messages: still one a line (and a note on stderr).
"$cli" convert --pretty "$tmp/list.xml" > "$tmp/pretty.ndjson" 2> "$tmp/pretty.err" || fail "--pretty list converts"
[ "$(wc -l < "$tmp/pretty.ndjson")" = 1003 ] || fail "--pretty over 1,003 records: $(wc -l < "$tmp/pretty.ndjson") lines"
grep -q 'several are written as NDJSON' "$tmp/pretty.err" || fail "--pretty says why it does not indent"
json_lines "$tmp/pretty.ndjson" || fail "each --pretty line is a JSON document"

# One message: one compact line by default, indented with --pretty.
"$cli" convert "$data/red-notice.json" > "$tmp/one.ndjson" || fail "one message converts"
[ "$(wc -l < "$tmp/one.ndjson")" = 1 ] || fail "one message is one line"
json_lines "$tmp/one.ndjson" || fail "the line is a JSON document"
"$cli" convert --pretty "$data/red-notice.json" > "$tmp/one.json" || fail "--pretty converts"
[ "$(head -1 "$tmp/one.json")" = "{" ] && [ "$(wc -l < "$tmp/one.json")" -gt 10 ] || fail "--pretty indents one message"
"$cli" convert --pretty --to xes-xml "$data/red-notice.json" | sed -n 2p | grep -q '^<message' || fail "--pretty XML"
# Several inputs: one line per message, whatever the inputs hold.
"$cli" convert "$data/red-notice.json" "$tmp/list.xml" "$data/arrest-booking.json" 2> /dev/null > "$tmp/mixed.ndjson"
[ "$(wc -l < "$tmp/mixed.ndjson")" = 1005 ] || fail "three inputs, 1,005 messages: $(wc -l < "$tmp/mixed.ndjson") lines"

# --pretty is for XES; --ndjson (the default) and --pretty exclude each other.
"$cli" convert --pretty --to mrz:td3 "$data/red-notice.json" > /dev/null 2>&1; [ $? = 2 ] || fail "--pretty --to mrz is a usage error"
"$cli" convert --pretty --ndjson "$data/red-notice.json" > /dev/null 2>&1; [ $? = 2 ] || fail "--pretty --ndjson is a usage error"
echo ok
