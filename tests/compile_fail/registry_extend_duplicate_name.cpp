// Extending the built-in registry with a name it already holds does not
// compile, even at another value.
//
// compile_fail: registry_has_duplicate_flag_name

#include "tlsflags/registry.hpp"

using tlsflags::message;

constexpr auto kRegistry = tlsflags::extend_registry(
    tlsflags::kBuiltinRegistry, {{81,
                                  "request_mtls",
                                  {message::client_hello},
                                  {message::certificate_request},
                                  tlsflags::recommended::no,
                                  "draft-example",
                                  false}});

int main() {
  return static_cast<int>(kRegistry.size());
}
