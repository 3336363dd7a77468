// An entry without a name does not compile.
//
// compile_fail: registry_has_flag_without_name

#include "tlsflags/registry.hpp"

using tlsflags::message;

constexpr auto kRegistry = tlsflags::make_registry({{42,
                                                     "",
                                                     {message::client_hello},
                                                     {},
                                                     tlsflags::recommended::no,
                                                     "draft-example",
                                                     false}});

int main() {
  return static_cast<int>(kRegistry.size());
}
