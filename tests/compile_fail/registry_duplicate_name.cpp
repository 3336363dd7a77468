// Two entries with one name do not compile.
//
// compile_fail: registry_has_duplicate_flag_name

#include "tlsflags/registry.hpp"

using tlsflags::message;

constexpr auto kRegistry = tlsflags::make_registry({{42,
                                                     "example_flag",
                                                     {message::client_hello},
                                                     {},
                                                     tlsflags::recommended::no,
                                                     "draft-example",
                                                     false},
                                                    {43,
                                                     "example_flag",
                                                     {message::client_hello},
                                                     {},
                                                     tlsflags::recommended::no,
                                                     "draft-example",
                                                     false}});

int main() {
  return static_cast<int>(kRegistry.size());
}
