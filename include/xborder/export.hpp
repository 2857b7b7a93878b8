#pragma once
// XBORDER_API marks the symbols the shared library exports; everything else is hidden.
#if defined(_WIN32)
#define XBORDER_API
#else
#define XBORDER_API __attribute__((visibility("default")))
#endif
