// Shared by the fuzz targets: an oracle check that aborts with a message, so
// that libFuzzer records the input as a crash.

#ifndef TLSFLAGS_FUZZ_FUZZ_COMMON_HPP_
#define TLSFLAGS_FUZZ_FUZZ_COMMON_HPP_

#include <cstdio>
#include <cstdlib>

// TLSFLAGS_FUZZ_CHECK stops the run when an oracle does not hold.
#define TLSFLAGS_FUZZ_CHECK(condition)                                       \
  do {                                                                       \
    if (!(condition)) {                                                      \
      std::fprintf(stderr, "%s:%d: oracle failed: %s\n", __FILE__, __LINE__, \
                   #condition);                                              \
      std::abort();                                                          \
    }                                                                        \
  } while (false)

#endif  // TLSFLAGS_FUZZ_FUZZ_COMMON_HPP_
