// The zero-copy view. Oracles: parse_view() and decode() agree on validity
// and on the error; on a valid body the view and the decoded set agree on
// every flag number, on the count, on the highest flag and on iteration; the
// view points into the input.

#include <cstddef>
#include <cstdint>

#include "fuzz_common.hpp"
#include "tlsflags/codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const auto viewed = tlsflags::parse_view(data, size);
  const auto decoded = tlsflags::decode<tlsflags::kMaxFlags>(data, size);
  TLSFLAGS_FUZZ_CHECK(viewed.error == decoded.error);
  if (!viewed) {
    TLSFLAGS_FUZZ_CHECK(viewed.view.empty());
    return 0;
  }
  const tlsflags::flags_view& view = viewed.view;
  TLSFLAGS_FUZZ_CHECK(view.vector() == data + 1);
  TLSFLAGS_FUZZ_CHECK(view.vector_size() + 1 == size);
  for (std::size_t flag = 0; flag <= tlsflags::kMaxFlag + 8; ++flag) {
    TLSFLAGS_FUZZ_CHECK(view.test(flag) == decoded.flags.test(flag));
  }
  TLSFLAGS_FUZZ_CHECK(view.count() == decoded.flags.count());
  TLSFLAGS_FUZZ_CHECK(view.highest() == decoded.flags.highest());

  auto set_it = decoded.flags.begin();
  for (std::size_t flag : view) {
    TLSFLAGS_FUZZ_CHECK(set_it != decoded.flags.end());
    TLSFLAGS_FUZZ_CHECK(*set_it == flag);
    ++set_it;
  }
  TLSFLAGS_FUZZ_CHECK(set_it == decoded.flags.end());

  const auto copied = view.to_set<tlsflags::kMaxFlags>();
  TLSFLAGS_FUZZ_CHECK(copied && copied.flags == decoded.flags);
  return 0;
}
