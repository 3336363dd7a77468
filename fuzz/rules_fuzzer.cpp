// The rules check. The first octet picks the message, the next two a
// proposal (two flags out of 0..255, one of them request_mtls when the high
// bit is set), the rest is the body. Oracles: check_body() fails with the
// codec's error exactly when decode() does; otherwise it agrees with
// check_flags() on the decoded set, returns the decoded flags, and a
// smaller capacity gives the same verdict and the flags below it.

#include <cstddef>
#include <cstdint>

#include "fuzz_common.hpp"
#include "tlsflags/rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size < 3) {
    return 0;
  }
  const auto m = static_cast<tlsflags::message>(data[0] % 9);  // 8: invalid
  tlsflags::basic_flag_set<256> proposed;
  proposed.set(data[1]);
  proposed.set((data[2] & 0x80) != 0 ? tlsflags::kRequestMtls
                                     : std::size_t{data[2]});
  const std::uint8_t* body = data + 3;
  const std::size_t body_size = size - 3;

  const auto checked =
      tlsflags::check_body<tlsflags::kMaxFlags>(m, body, body_size, proposed);
  const auto decoded = tlsflags::decode<tlsflags::kMaxFlags>(body, body_size);
  if (!tlsflags::is_valid_message(m)) {
    TLSFLAGS_FUZZ_CHECK(!checked);
    return 0;
  }
  if (!decoded) {
    TLSFLAGS_FUZZ_CHECK(checked.error == decoded.error);
    return 0;
  }
  const auto flags_checked = tlsflags::check_flags(m, decoded.flags, proposed);
  TLSFLAGS_FUZZ_CHECK(checked.error == flags_checked.error);
  TLSFLAGS_FUZZ_CHECK(checked.flag == flags_checked.flag);
  TLSFLAGS_FUZZ_CHECK(checked.alert_to_send == flags_checked.alert_to_send ||
                      !checked);
  if (!checked) {
    return 0;
  }
  TLSFLAGS_FUZZ_CHECK(checked.flags == decoded.flags);
  TLSFLAGS_FUZZ_CHECK(checked.dropped == 0);

  const auto small = tlsflags::check_body<256>(m, body, body_size, proposed);
  TLSFLAGS_FUZZ_CHECK(static_cast<bool>(small));
  std::size_t above = 0;
  for (std::size_t flag : decoded.flags) {
    if (flag < 256) {
      TLSFLAGS_FUZZ_CHECK(small.flags.test(flag));
    } else {
      ++above;
    }
  }
  TLSFLAGS_FUZZ_CHECK(small.dropped == above);
  return 0;
}
