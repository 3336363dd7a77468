// Extending the built-in registry with a value it already holds (80,
// request_mtls) does not compile.
//
// compile_fail: registry_has_duplicate_flag_value

#include "tlsflags/registry.hpp"

using tlsflags::message;

constexpr auto kRegistry = tlsflags::extend_registry(
    tlsflags::kBuiltinRegistry, {{80,
                                  "another_flag",
                                  {message::client_hello},
                                  {},
                                  tlsflags::recommended::no,
                                  "draft-example",
                                  false}});

int main() {
  return static_cast<int>(kRegistry.size());
}
