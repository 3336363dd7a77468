// A value above 2039, which no vector can carry (W3), does not compile.
//
// compile_fail: registry_has_flag_value_above_2039

#include "tlsflags/registry.hpp"

using tlsflags::message;

constexpr auto kRegistry = tlsflags::make_registry({{2040,
                                                     "example_flag",
                                                     {message::client_hello},
                                                     {},
                                                     tlsflags::recommended::no,
                                                     "draft-example",
                                                     false}});

int main() {
  return static_cast<int>(kRegistry.size());
}
