// The header-only library in two translation units of one program: if any
// function or variable in include/ were not inline, linking would fail with
// a duplicate definition. Both units decode the same body.

#include <cstddef>
#include <cstdint>

#include "testing.hpp"
#include "tlsflags/tlsflags.hpp"

// Defined in odr_second_tu.cpp.
std::size_t count_flags_in_second_unit(const std::uint8_t* body,
                                       std::size_t size);

TEST_CASE("odr.two_translation_units", "[odr]") {
  const std::uint8_t body[] = {0x03, 0x28, 0x00, 0x80};
  auto decoded = tlsflags::decode<64>(body, sizeof body);
  REQUIRE(decoded);
  REQUIRE(count_flags_in_second_unit(body, sizeof body) ==
          decoded.flags.count());
}
