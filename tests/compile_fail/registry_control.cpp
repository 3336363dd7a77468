// Control for the compile-failure tests: the same command that must reject
// every other file here accepts a correct user registry and uses it, so a
// rejection proves the file, not the command.
//
// compile_fail: no

#include "tlsflags/tlsflags.hpp"

namespace {

using tlsflags::message;

constexpr auto kRegistry = tlsflags::extend_registry(
    tlsflags::kBuiltinRegistry, {{42,
                                  "example_ee_flag",
                                  {message::client_hello},
                                  {message::encrypted_extensions},
                                  tlsflags::recommended::no,
                                  "draft-example",
                                  false},
                                 {2039,
                                  "example_client_ct_flag",
                                  {message::certificate_request},
                                  {message::client_certificate},
                                  tlsflags::recommended::no,
                                  "RFC YYYY",
                                  false}});

static_assert(kRegistry.size() == 4, "two built-in entries and two more");
static_assert(kRegistry.find("example_ee_flag")->value == 42, "found by name");
static_assert(tlsflags::check_flags(message::encrypted_extensions,
                                    tlsflags::basic_flag_set<64>{42},
                                    tlsflags::basic_flag_set<64>{42},
                                    kRegistry),
              "acknowledged where its entry says");

}  // namespace

int main() {
  return kRegistry.find("example_client_ct_flag")->value == 2039 ? 0 : 1;
}
