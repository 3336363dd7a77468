// A flag proposed by the server in CertificateRequest and acknowledged in
// EncryptedExtensions, which answers ClientHello (S2), does not compile.
//
// compile_fail: registry_has_flag_acknowledged_where_not_proposed

#include "tlsflags/registry.hpp"

using tlsflags::message;

constexpr auto kRegistry =
    tlsflags::make_registry({{42,
                              "example_flag",
                              {message::certificate_request},
                              {message::encrypted_extensions},
                              tlsflags::recommended::no,
                              "draft-example",
                              false}});

int main() {
  return static_cast<int>(kRegistry.size());
}
