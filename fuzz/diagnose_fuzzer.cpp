// Diagnostic decoding. Oracles: its first error is the one decode()
// reports; it finds no problem exactly when decode() succeeds, and then the
// same flags; it never reports a flag outside the vector octets present, and
// it recovers every set bit of them; its octet counts add up to the input.

#include <cstddef>
#include <cstdint>

#include "fuzz_common.hpp"
#include "tlsflags/codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const auto diagnosed = tlsflags::diagnose(data, size);
  const auto decoded = tlsflags::decode<tlsflags::kMaxFlags>(data, size);

  TLSFLAGS_FUZZ_CHECK(diagnosed.error == decoded.error);
  TLSFLAGS_FUZZ_CHECK(diagnosed.problems.empty() == static_cast<bool>(decoded));
  if (decoded) {
    TLSFLAGS_FUZZ_CHECK(diagnosed.flags == decoded.flags);
  } else {
    TLSFLAGS_FUZZ_CHECK(diagnosed.problems.contains(decoded.error));
  }

  if (size == 0) {
    TLSFLAGS_FUZZ_CHECK(diagnosed.flags.empty());
    return 0;
  }
  TLSFLAGS_FUZZ_CHECK(1 + diagnosed.vector_octets + diagnosed.trailing_octets ==
                      size);
  std::size_t bits = 0;
  for (std::size_t i = 0; i < diagnosed.vector_octets; ++i) {
    for (unsigned b = 0; b < 8; ++b) {
      const bool set = ((data[1 + i] >> b) & 1U) != 0;
      TLSFLAGS_FUZZ_CHECK(diagnosed.flags.test(i * 8 + b) == set);
      bits += set ? 1 : 0;
    }
  }
  TLSFLAGS_FUZZ_CHECK(diagnosed.flags.count() == bits);
  return 0;
}
