#!/bin/sh
# The sharing commands through the CLI: policies, release with its record, sign and verify with keys generated
# here (openssl), hitkey; exit statuses 0, 1 (refused, invalid signature) and 2 (usage).
# Usage: cli_sharing.sh XBORDER_CLI SOURCE_DIR
set -u
cli=$1
source_dir=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0
fail() { echo "FAILED: $*" >&2; failures=$((failures + 1)); }

golden="$source_dir/tests/golden/arrest-booking.json"

"$cli" policies | grep -q '^identification-only	' || fail "policies lists identification-only"

"$cli" release --policy identification-only --record "$scratch/record.ndjson" --recipient DEU "$golden" > "$scratch/out.json" \
  || fail "release exits 0"
grep -q '"offences":\[\]' "$scratch/out.json" || fail "offences withheld"
grep -q '"tlp:amber"' "$scratch/out.json" || fail "handling codes set"
input_sha=$(sha256sum "$golden" | cut -d' ' -f1)
grep -q "\"input_sha256\":\"$input_sha\"" "$scratch/record.ndjson" || fail "record has the input's SHA-256"
grep -q '"path":"persons\[0\].description","action":"withheld"' "$scratch/record.ndjson" || fail "record lists withheld members"
"$cli" validate "$scratch/out.json" > /dev/null || fail "released message is valid XES"

echo k > "$scratch/key.txt"
"$cli" release --policy eaw-offence-check --hash-key-file "$scratch/key.txt" "$golden" > /dev/null 2>&1
[ $? -eq 1 ] || fail "release refused by a condition exits 1"
"$cli" release --policy no-such-policy "$golden" > /dev/null 2>&1
[ $? -eq 1 ] || fail "unknown policy exits 1"

for algorithm in ed25519 p256; do
  if [ $algorithm = ed25519 ]; then
    openssl genpkey -algorithm ed25519 -out "$scratch/private.pem" 2>/dev/null
  else
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$scratch/private.pem" 2>/dev/null
  fi
  openssl pkey -in "$scratch/private.pem" -pubout -out "$scratch/public.pem" 2>/dev/null
  "$cli" sign --key "$scratch/private.pem" "$golden" > "$scratch/signed.json" || fail "$algorithm: sign exits 0"
  "$cli" verify --key "$scratch/public.pem" "$scratch/signed.json" > "$scratch/verified.json" || fail "$algorithm: verify exits 0"
  cmp -s "$scratch/signed.json" "$scratch/verified.json" || fail "$algorithm: verify writes the message"
  sed 's/"family":"DOE"/"family":"DOF"/' "$scratch/signed.json" > "$scratch/changed.json"
  cmp -s "$scratch/signed.json" "$scratch/changed.json" && fail "$algorithm: the change was made"
  "$cli" verify --key "$scratch/public.pem" "$scratch/changed.json" > /dev/null 2> "$scratch/reason"
  [ $? -eq 1 ] || fail "$algorithm: one changed character makes verify exit 1"
  grep -q "does not match" "$scratch/reason" || fail "$algorithm: verify says why"
done
"$cli" verify --key "$scratch/public.pem" "$golden" > /dev/null 2>&1
[ $? -eq 1 ] || fail "unsigned message exits 1"

# What convert writes for a list (NDJSON, a message a line) goes through release, sign and verify a line at a
# time; a changed line is named by its number.
"$cli" convert "$source_dir/examples/data/documents/un-sanctions-list.xml" 2> /dev/null > "$scratch/list.ndjson"
[ "$(wc -l < "$scratch/list.ndjson")" -eq 2 ] || fail "the example list converts to two lines"
"$cli" release --policy identification-only "$scratch/list.ndjson" > "$scratch/released.ndjson" || fail "release of NDJSON exits 0"
[ "$(wc -l < "$scratch/released.ndjson")" -eq 2 ] || fail "release writes a line a message"
"$cli" sign --key "$scratch/private.pem" - < "$scratch/list.ndjson" > "$scratch/signed.ndjson" || fail "sign of NDJSON exits 0"
[ "$(grep -c '"signature":"' "$scratch/signed.ndjson")" -eq 2 ] || fail "sign signs each line"
"$cli" verify --key "$scratch/public.pem" "$scratch/signed.ndjson" > /dev/null || fail "verify of NDJSON exits 0"
sed '2s/"xes":"1.1"/"xes":"1.0"/' "$scratch/signed.ndjson" > "$scratch/changed.ndjson"
"$cli" verify --key "$scratch/public.pem" "$scratch/changed.ndjson" > /dev/null 2> "$scratch/reason"
[ $? -eq 1 ] || fail "a changed line of NDJSON makes verify exit 1"
grep -q "changed.ndjson:2: signature not valid" "$scratch/reason" || fail "verify names the line: $(cat "$scratch/reason")"

printf 'shared secret\n' > "$scratch/secret"
"$cli" hitkey --secret-file "$scratch/secret" "$source_dir/tests/golden/red-notice.json" | grep -q '^{"person":"p1","message":"[^"]*","keys":\["[0-9a-f]\{64\}"' \
  || fail "hitkey NDJSON"
"$cli" hitkey "$golden" > /dev/null 2>&1
[ $? -eq 2 ] || fail "hitkey without a secret is a usage error"

[ $failures -eq 0 ] && echo ok
exit $failures
