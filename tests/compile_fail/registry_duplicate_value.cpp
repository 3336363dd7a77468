// Two entries with one value do not compile.
//
// compile_fail: registry_has_duplicate_flag_value

#include "tlsflags/registry.hpp"

using tlsflags::message;

constexpr auto kRegistry = tlsflags::make_registry({{42,
                                                     "first_flag",
                                                     {message::client_hello},
                                                     {},
                                                     tlsflags::recommended::no,
                                                     "draft-example",
                                                     false},
                                                    {42,
                                                     "second_flag",
                                                     {message::client_hello},
                                                     {},
                                                     tlsflags::recommended::no,
                                                     "draft-example",
                                                     false}});

int main() {
  return static_cast<int>(kRegistry.size());
}
