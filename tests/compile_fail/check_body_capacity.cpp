// check_body() into a set smaller than the proposal does not compile: an
// acknowledged flag could not be stored.
//
// compile_fail: at least as large as the proposal

#include <cstdint>

#include "tlsflags/rules.hpp"

int main() {
  const std::uint8_t body[] = {0x01, 0x01};
  const auto result =
      tlsflags::check_body<64>(tlsflags::message::encrypted_extensions, body,
                               sizeof body, tlsflags::basic_flag_set<128>{0});
  return result ? 0 : 1;
}
