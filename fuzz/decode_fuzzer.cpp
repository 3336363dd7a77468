// Strict body decoding (W2-W7). Oracles:
//   * decode() accepts a body exactly when encoding the decoded set gives the
//     same octets back;
//   * decode() and the naive bit-by-bit reference decoder agree on validity,
//     on the broken rule and on every flag;
//   * decoding into 64 flags keeps exactly the flags below 64 and counts the
//     rest (drop), or fails when any flag is above (reject).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "reference_decoder.hpp"
#include "tlsflags/codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const auto decoded = tlsflags::decode<tlsflags::kMaxFlags>(data, size);
  const auto reference = tlsflags_test::reference_decode(data, size);

  TLSFLAGS_FUZZ_CHECK(static_cast<bool>(decoded) == reference.valid);
  if (!decoded) {
    TLSFLAGS_FUZZ_CHECK(reference.reason ==
                        tlsflags::error_name(decoded.error));
    TLSFLAGS_FUZZ_CHECK(decoded.flags.empty());
    return 0;
  }
  TLSFLAGS_FUZZ_CHECK(
      std::vector<std::size_t>(decoded.flags.begin(), decoded.flags.end()) ==
      reference.flags);

  // Round trip: the encoding of what was accepted is the input itself.
  std::uint8_t out[256];
  const auto encoded = tlsflags::encode(decoded.flags, out, sizeof out);
  TLSFLAGS_FUZZ_CHECK(encoded.error == tlsflags::errc::ok);
  TLSFLAGS_FUZZ_CHECK(encoded.size == size);
  TLSFLAGS_FUZZ_CHECK(std::memcmp(out, data, size) == 0);
  TLSFLAGS_FUZZ_CHECK(tlsflags::encoded_size(decoded.flags) == size);

  // Capacity 64: drop keeps the low flags and counts the others.
  const auto dropped =
      tlsflags::decode<64>(data, size, tlsflags::capacity_policy::drop);
  TLSFLAGS_FUZZ_CHECK(dropped.error == tlsflags::errc::ok);
  std::size_t above = 0;
  for (std::size_t flag : decoded.flags) {
    if (flag < 64) {
      TLSFLAGS_FUZZ_CHECK(dropped.flags.test(flag));
    } else {
      ++above;
    }
  }
  TLSFLAGS_FUZZ_CHECK(dropped.dropped == above);
  TLSFLAGS_FUZZ_CHECK(dropped.flags.count() + above == decoded.flags.count());
  const auto rejected = tlsflags::decode<64>(data, size);
  TLSFLAGS_FUZZ_CHECK((rejected.error == tlsflags::errc::flag_above_capacity) ==
                      (above != 0));
  return 0;
}
