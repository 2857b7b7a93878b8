/* What the C ABI tests share: CHECK (counts a failure with the library's last error) and reading a file. */

#ifndef XBORDER_TESTS_CAPI_CHECK_H
#define XBORDER_TESTS_CAPI_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#include "xborder/xborder.h"

static int failures = 0;

#define CHECK(condition)                                                                    \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      fprintf(stderr, "%s:%d: failed: %s (last error: %s)\n", __FILE__, __LINE__, #condition, \
              xb_last_error());                                                             \
      ++failures;                                                                           \
    }                                                                                       \
  } while (0)

/* The whole file, NUL-terminated (length without it); NULL if it cannot be opened. */
static char* read_file(const char* path, size_t* length) {
  FILE* file = fopen(path, "rb");
  if (file == NULL) return NULL;
  fseek(file, 0, SEEK_END);
  const long size = ftell(file);
  fseek(file, 0, SEEK_SET);
  char* data = malloc((size_t)size + 1);
  if (data == NULL) {
    fclose(file);
    return NULL;
  }
  *length = fread(data, 1, (size_t)size, file);
  data[*length] = '\0';
  fclose(file);
  return data;
}

#endif
