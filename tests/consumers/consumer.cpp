// A program that uses tlsflags the way a consumer project does, built by each
// consumer project below against an installed, a vendored or a fetched copy.

#include <cstdio>

#include <tlsflags/tlsflags.hpp>

int main() {
  constexpr auto kBody = tlsflags::encode_array<80>();
  auto decoded = tlsflags::decode<128>(kBody.data(), kBody.size());
  if (!decoded || !decoded.flags.test(80)) {
    std::puts("consumer: decoding failed");
    return 1;
  }
  std::printf("consumer: tlsflags %d.%d.%d decodes {80}\n",
              TLSFLAGS_VERSION_MAJOR, TLSFLAGS_VERSION_MINOR,
              TLSFLAGS_VERSION_PATCH);
  return 0;
}
