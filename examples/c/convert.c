/* Converts one file between formats through the C interface, the way a vendor's C (or FFI) code does:
 *
 *   cc convert.c -I"$(pkg-config --variable=includedir xborder)" $(pkg-config --libs xborder) -o convert
 *   ./convert xes-json xes-xml red-notice.json > red-notice.xml
 *
 * The converted records go to standard output, the diagnostics (JSON) to standard error; exit 0 when the
 * input converted, 1 when it was refused, 2 for a usage error. */

#include <stdio.h>
#include <stdlib.h>

#include <xborder/xborder.h>

static char* read_all(const char* path, size_t* length) {
  FILE* file = fopen(path, "rb");
  if (file == NULL) return NULL;
  size_t capacity = 1 << 16;
  char* data = malloc(capacity);
  *length = 0;
  size_t got;
  while (data != NULL && (got = fread(data + *length, 1, capacity - *length, file)) > 0) {
    *length += got;
    if (*length == capacity) data = realloc(data, capacity *= 2);
  }
  fclose(file);
  return data;
}

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s FROM TO FILE   (FROM may be \"\" to sniff the format)\n", argv[0]);
    return 2;
  }
  size_t length = 0;
  char* input = read_all(argv[3], &length);
  if (input == NULL) {
    fprintf(stderr, "cannot read %s\n", argv[3]);
    return 2;
  }
  xb_converter* converter = NULL;
  if (xb_converter_new(NULL, argv[1], argv[2], NULL, &converter) != XB_OK) {
    fprintf(stderr, "%s\n", xb_last_error());
    free(input);
    return 2;
  }
  xb_result* result = NULL;
  const xb_status status = xb_convert(converter, input, length, &result);
  if (result != NULL) {
    size_t size = 0;
    const char* output = xb_result_output(result, &size);
    fwrite(output, 1, size, stdout);
    fprintf(stderr, "%zu record(s); diagnostics: %s\n", xb_result_records(result), xb_result_diagnostics(result));
  } else {
    fprintf(stderr, "%s\n", xb_last_error());
  }
  xb_result_free(result);
  xb_converter_free(converter);
  free(input);
  return status == XB_OK ? 0 : status == XB_REJECTED ? 1 : 2;
}
