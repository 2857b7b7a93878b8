/* The sharing functions of the C ABI from C: policies, release with its record, sign and verify (a test-only
 * Ed25519 key pair, fixed here and used nowhere else), hit keys, and misuse. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi_check.h"
#include "xborder/xborder.h"

/* TEST-ONLY key pair: never use it for anything but this test. */
static const char* const kTestPrivateKey =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIPSFN7pt2dsdoZ4tv4rs1MMK3wSIfXONpsJ/UB1oHs1L\n"
    "-----END PRIVATE KEY-----\n";
static const char* const kTestPublicKey =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAtzEnF/nq/liiv0AU4eUwiXeroCU7VcraF9Fw9p1V9tc=\n"
    "-----END PUBLIC KEY-----\n";

int main(void) {
  size_t length = 0;
  char* message = read_file(XBORDER_SOURCE_DIR "/tests/golden/arrest-booking.json", &length);
  CHECK(message != NULL);
  if (message == NULL) return 1;

  char* text = NULL;
  CHECK(xb_policies(NULL, &text) == XB_OK && strstr(text, "identification-only\t") != NULL);
  xb_string_free(text);

  char* output = NULL;
  char* record = NULL;
  CHECK(xb_release("identification-only", message, length, "DEU", NULL, NULL, &output, &record) == XB_OK);
  CHECK(output != NULL && strstr(output, "\"offences\":[]") != NULL && strstr(output, "tlp:amber") != NULL);
  CHECK(record != NULL && strstr(record, "\"recipient\":\"DEU\"") != NULL && strstr(record, "\"input_sha256\":\"") != NULL);
  xb_string_free(output);
  xb_string_free(record);
  /* Theft is not on the EAW list: refused, with a record that says why. */
  CHECK(xb_release("eaw-offence-check", message, length, NULL, NULL, "key", &output, &record) == XB_REJECTED);
  CHECK(output == NULL && record != NULL && strstr(record, "not on the EAW list") != NULL);
  xb_string_free(record);
  CHECK(xb_release("no-such-policy", message, length, NULL, NULL, NULL, &output, &record) == XB_USAGE);

  char* signed_message = NULL;
  CHECK(xb_sign(kTestPrivateKey, message, length, &signed_message) == XB_OK);
  char* reason = NULL;
  CHECK(xb_verify(kTestPublicKey, signed_message, strlen(signed_message), &reason) == XB_OK && reason == NULL);
  char* doe = strstr(signed_message, "DOE");
  CHECK(doe != NULL);
  if (doe != NULL) doe[2] = 'F';
  CHECK(xb_verify(kTestPublicKey, signed_message, strlen(signed_message), &reason) == XB_REJECTED);
  CHECK(reason != NULL && strstr(reason, "does not match") != NULL);
  xb_string_free(reason);
  xb_string_free(signed_message);
  CHECK(xb_sign("not a key", message, length, &signed_message) == XB_USAGE);

  char* keys = NULL;
  CHECK(xb_hit_keys("secret", 6, message, length, &keys) == XB_OK && strstr(keys, "{\"person\":\"p1\",\"message\":\"BK-2026-000417\",\"keys\":[") != NULL);
  xb_string_free(keys);
  CHECK(xb_hit_keys(NULL, 0, message, length, &keys) == XB_USAGE);

  free(message);
  if (failures > 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  puts("ok");
  return 0;
}
