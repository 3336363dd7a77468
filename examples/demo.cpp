// tlsflags at work: encodes a few flag sets to tls_flags bodies, decodes them
// back, and shows what a malformed body earns.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <initializer_list>

#include "tlsflags/tlsflags.hpp"

namespace {

void print_hex(const std::uint8_t* data, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    std::printf("%s%02x", i == 0 ? "" : " ", data[i]);
  }
}

template <std::size_t Capacity>
void print_flags(const tlsflags::basic_flag_set<Capacity>& flags) {
  std::printf("{");
  const char* separator = "";
  for (std::size_t flag : flags) {
    std::printf("%s%zu", separator, flag);
    if (const tlsflags::flag_info* info = tlsflags::find_flag(flag)) {
      std::printf(" %.*s", static_cast<int>(info->name.size()),
                  info->name.data());
    }
    separator = ", ";
  }
  std::printf("}");
}

void show_round_trip(const tlsflags::flag_set& flags) {
  std::uint8_t body[256];
  auto encoded = tlsflags::encode(flags, body, sizeof body);
  std::printf("  ");
  print_flags(flags);
  if (!encoded) {
    std::printf(" -> not encoded: %s\n",
                tlsflags::error_message(encoded.error));
    return;
  }
  std::printf(" -> body ");
  print_hex(body, encoded.size);
  auto decoded = tlsflags::decode<tlsflags::kMaxFlags>(body, encoded.size);
  std::printf(" -> decoded ");
  print_flags(decoded.flags);
  std::printf("\n");
}

void show_rejection(std::initializer_list<std::uint8_t> octets) {
  const std::uint8_t* body = octets.begin();
  auto decoded = tlsflags::decode<64>(body, octets.size());
  std::printf("  body ");
  print_hex(body, octets.size());
  const char* rule = tlsflags::error_rule(decoded.error);
  std::printf(" -> %s%s%s%s: %s; send %s (%d)\n",
              tlsflags::error_name(decoded.error), *rule != '\0' ? " (" : "",
              rule, *rule != '\0' ? ")" : "",
              tlsflags::error_message(decoded.error),
              tlsflags::alert_name(tlsflags::alert_for(decoded.error)),
              static_cast<int>(tlsflags::alert_for(decoded.error)));
}

}  // namespace

int main() {
  std::printf("Encoding and decoding (W2-W4):\n");
  show_round_trip({tlsflags::kRequestMtls});  // as a client sends it in CH
  show_round_trip({1, 5});
  show_round_trip({3, 5, 23});
  show_round_trip({8, 80});
  show_round_trip({100});
  show_round_trip({});

  // A body known at compile time is a constexpr array.
  constexpr auto kClientHello =
      tlsflags::encode_array<tlsflags::kRequestMtls>();
  std::printf("\nCompile-time body for {80 request_mtls}: ");
  print_hex(kClientHello.data(), kClientHello.size());
  std::printf("\n\nMalformed bodies (W5-W7):\n");
  show_rejection({0x02, 0x02, 0x00});
  show_rejection({0x00});
  show_rejection({0x03, 0x01});
  show_rejection({0x01, 0x01, 0x00});
  show_rejection({0x0b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01});
  return 0;
}
