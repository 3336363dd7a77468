// The second translation unit of odr_test.

#include <cstddef>
#include <cstdint>

#include "tlsflags/tlsflags.hpp"

std::size_t count_flags_in_second_unit(const std::uint8_t* body,
                                       std::size_t size) {
  auto decoded = tlsflags::decode<2040>(body, size);
  return decoded ? decoded.flags.count() : 0;
}
