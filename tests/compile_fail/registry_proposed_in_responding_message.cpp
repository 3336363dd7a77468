// A flag proposed in EncryptedExtensions, a responding message (S1), does
// not compile.
//
// compile_fail: registry_has_flag_proposed_in_responding_message

#include "tlsflags/registry.hpp"

using tlsflags::message;

constexpr auto kRegistry =
    tlsflags::make_registry({{42,
                              "example_flag",
                              {message::encrypted_extensions},
                              {},
                              tlsflags::recommended::no,
                              "draft-example",
                              false}});

int main() {
  return static_cast<int>(kRegistry.size());
}
