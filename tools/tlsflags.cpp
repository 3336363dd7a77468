// tlsflags: the command-line tool. Decodes, encodes and checks tls_flags
// bodies, lists the registry, and finds the flags in captured handshakes.
//
// Exit status: 0 when every input is valid, 1 when some input is invalid
// (the reason on standard error, or in the JSON output with --json), 2 for a
// usage error.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "inspect.hpp"
#include "tlsflags/tlsflags.hpp"

namespace tlsflags_cli {
namespace {

constexpr const char kUsage[] =
    "usage: tlsflags COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Commands:\n"
    "  decode HEX           decode a tls_flags body (extension_data)\n"
    "  encode FLAG...       encode flags (numbers or registry names)\n"
    "  inspect [HEX | -]    find tls_flags in TLS records or a handshake\n"
    "                       message\n"
    "  check --message M [--proposed LIST] HEX\n"
    "                       check a body received in message M\n"
    "  registry             list the known flags\n"
    "\n"
    "Every command takes --json and --help. Exit status: 0 valid, 1 invalid\n"
    "input, 2 usage error.\n";

constexpr const char kDecodeHelp[] =
    "usage: tlsflags decode [--json] HEX\n"
    "\n"
    "Decodes HEX, a tls_flags extension_data (the length octet first; white\n"
    "space ignored). A valid body prints its flags. A malformed one prints\n"
    "the first rule it breaks and the alert to send on standard error, and\n"
    "every flag still recovered from it, and exits with status 1.\n";

constexpr const char kEncodeHelp[] =
    "usage: tlsflags encode [--json] [--extension [--codepoint N]] FLAG...\n"
    "\n"
    "Encodes the flags (numbers 0 to 2039 or registry names) as a minimal\n"
    "tls_flags body. --extension prints the whole extension: type, length\n"
    "and body; the type is 62 unless --codepoint says otherwise (0xfe01 for\n"
    "Cloudflare's experimental deployment).\n";

constexpr const char kCheckHelp[] =
    "usage: tlsflags check --message M [--proposed LIST] [--json] HEX\n"
    "\n"
    "Checks a tls_flags body received in message M as a TLS stack would:\n"
    "the body's syntax (W2, W5-W7), then every flag against the registry and\n"
    "the rules (S1, S2, S4, S7, M4, M5). M is one of ch, sh, hrr, ee, cr,\n"
    "ct (the server's Certificate), cct (the client's Certificate), nst, or\n"
    "a full name such as encrypted_extensions. LIST is the flags this side\n"
    "proposed, numbers or names separated by commas; a responding message\n"
    "may only carry those.\n";

constexpr const char kRegistryHelp[] =
    "usage: tlsflags registry [--json]\n"
    "\n"
    "Lists the flags this library knows: value, name, the messages a flag is\n"
    "proposed and acknowledged in, Recommended, reference, and whether the\n"
    "value is provisional (not yet assigned by IANA).\n";

int usage_error(const std::string& message, const char* help) {
  std::fprintf(stderr, "tlsflags: %s\n\n%s", message.c_str(), help);
  return kExitUsage;
}

std::string message_list(const tlsflags::message_set& messages) {
  std::string out;
  for (std::size_t i = 0; i < tlsflags::kMessageCount; ++i) {
    const auto m = static_cast<tlsflags::message>(i);
    if (messages.contains(m)) {
      out += out.empty() ? "" : ",";
      out += tlsflags::message_abbreviation(m);
    }
  }
  return out.empty() ? "-" : out;
}

std::string json_message_list(const tlsflags::message_set& messages) {
  std::string out = "[";
  for (std::size_t i = 0; i < tlsflags::kMessageCount; ++i) {
    const auto m = static_cast<tlsflags::message>(i);
    if (messages.contains(m)) {
      out += out.size() > 1 ? ", " : "";
      out += json_string(tlsflags::message_name(m));
    }
  }
  return out + "]";
}

template <std::size_t Capacity>
void print_flag_lines(const tlsflags::basic_flag_set<Capacity>& flags) {
  for (std::size_t flag : flags) {
    std::printf("  %s\n", flag_label(flag).c_str());
  }
}

int run_decode(const args& a) {
  if (a.help) {
    std::fputs(kDecodeHelp, stdout);
    return kExitValid;
  }
  if (a.operands.empty()) {
    return usage_error("decode takes a HEX operand", kDecodeHelp);
  }
  const auto body = read_hex_operands(a.operands);
  if (!body) {
    return usage_error("HEX must be pairs of hex digits", kDecodeHelp);
  }

  // diagnose() finds what decode() finds, and recovers flags of malformed
  // bodies too.
  const tlsflags::diagnosis d = tlsflags::diagnose(body->data(), body->size());
  if (a.json) {
    std::printf("{\"valid\": %s, ", d ? "true" : "false");
    if (!d) {
      std::printf("%s, ", json_error(d.error).c_str());
    }
    std::printf("\"flags\": %s}\n", json_flags(d.flags).c_str());
    return d ? kExitValid : kExitInvalid;
  }
  if (d) {
    std::printf("valid: %zu flag%s\n", d.flags.count(),
                d.flags.count() == 1 ? "" : "s");
  } else {
    std::fprintf(stderr, "invalid: %s\n", describe_error(d.error).c_str());
    for (tlsflags::errc problem : d.problems) {
      if (problem != d.error) {
        std::fprintf(stderr, "also: %s\n", describe_error(problem).c_str());
      }
    }
    std::printf("recovered %zu flag%s\n", d.flags.count(),
                d.flags.count() == 1 ? "" : "s");
  }
  print_flag_lines(d.flags);
  return d ? kExitValid : kExitInvalid;
}

int run_encode(const args& a) {
  if (a.help) {
    std::fputs(kEncodeHelp, stdout);
    return kExitValid;
  }
  if (a.operands.empty()) {
    return usage_error("encode takes at least one FLAG", kEncodeHelp);
  }
  if (a.codepoint && !a.extension) {
    return usage_error("--codepoint goes with --extension", kEncodeHelp);
  }
  std::uint16_t codepoint = tlsflags::kDefaultCodePoint;
  if (a.codepoint) {
    const std::optional<std::size_t> n = parse_number(*a.codepoint);
    if (!n || *n > 0xffff) {
      return usage_error("--codepoint takes a number from 0 to 65535",
                         kEncodeHelp);
    }
    codepoint = static_cast<std::uint16_t>(*n);
  }

  tlsflags::flag_set flags;
  for (const std::string& operand : a.operands) {
    std::string error;
    if (!parse_flag_list(operand, flags, error)) {
      if (a.json) {
        std::printf("{\"valid\": false, \"error\": %s}\n",
                    json_string(error).c_str());
      } else {
        std::fprintf(stderr, "tlsflags: %s\n", error.c_str());
      }
      return kExitInvalid;
    }
  }

  // Room for the largest extension: header, length octet, 255 octets.
  std::uint8_t
      out[tlsflags::kExtensionHeaderSize + 1 + tlsflags::kMaxVectorSize];
  const tlsflags::encode_result encoded =
      a.extension
          ? tlsflags::encode_extension(flags, out, sizeof out, codepoint)
          : tlsflags::encode(flags, out, sizeof out);
  if (!encoded) {
    // The set holds at least one flag and the buffer fits any encoding;
    // report rather than assume.
    std::fprintf(stderr, "tlsflags: %s\n",
                 describe_error(encoded.error).c_str());
    return kExitInvalid;
  }
  const std::size_t body_start =
      a.extension ? tlsflags::kExtensionHeaderSize : 0;
  const std::string body = to_hex(out + body_start, encoded.size - body_start);
  if (a.json) {
    std::printf("{\"valid\": true, \"flags\": %s, \"body\": \"%s\"",
                json_flags(flags).c_str(), body.c_str());
    if (a.extension) {
      std::printf(", \"codepoint\": %u, \"extension\": \"%s\"", codepoint,
                  to_hex(out, encoded.size).c_str());
    }
    std::printf("}\n");
    return kExitValid;
  }
  std::printf("%s\n", to_hex(out, encoded.size).c_str());
  return kExitValid;
}

int run_check(const args& a) {
  if (a.help) {
    std::fputs(kCheckHelp, stdout);
    return kExitValid;
  }
  if (!a.message) {
    return usage_error("check needs --message M", kCheckHelp);
  }
  if (a.operands.empty()) {
    return usage_error("check takes a HEX operand", kCheckHelp);
  }
  const std::optional<tlsflags::message> m =
      tlsflags::parse_message(*a.message);
  if (!m) {
    return usage_error("unknown message '" + *a.message + "'", kCheckHelp);
  }
  tlsflags::flag_set proposed;
  std::string error;
  if (a.proposed && !parse_flag_list(*a.proposed, proposed, error)) {
    return usage_error(error, kCheckHelp);
  }
  const auto body = read_hex_operands(a.operands);
  if (!body) {
    return usage_error("HEX must be pairs of hex digits", kCheckHelp);
  }

  const auto result = tlsflags::check_body<tlsflags::kMaxFlags>(
      *m, body->data(), body->size(), proposed);
  if (a.json) {
    std::printf("{\"valid\": %s, \"message\": %s", result ? "true" : "false",
                json_string(tlsflags::message_name(*m)).c_str());
    if (result) {
      std::printf(", \"flags\": %s}\n", json_flags(result.flags).c_str());
      return kExitValid;
    }
    std::printf(
        ", \"error\": %s, \"rule\": %s, \"alert\": %s, "
        "\"alert_code\": %d",
        json_string(tlsflags::error_name(result.error)).c_str(),
        json_string(result.rule).c_str(),
        json_string(tlsflags::alert_name(result.alert_to_send)).c_str(),
        static_cast<int>(result.alert_to_send));
    if (result.flag) {
      std::printf(", \"flag\": %zu", *result.flag);
    }
    std::printf("}\n");
    return kExitInvalid;
  }
  if (!result) {
    std::fprintf(stderr, "invalid in %s: %s (%s): %s",
                 tlsflags::message_name(*m), tlsflags::error_name(result.error),
                 result.rule, tlsflags::error_message(result.error));
    if (result.flag) {
      std::fprintf(stderr, ": flag %s", flag_label(*result.flag).c_str());
    }
    std::fprintf(stderr, "; alert %s (%d)\n",
                 tlsflags::alert_name(result.alert_to_send),
                 static_cast<int>(result.alert_to_send));
    return kExitInvalid;
  }
  std::printf("valid in %s: %zu flag%s\n", tlsflags::message_name(*m),
              result.flags.count(), result.flags.count() == 1 ? "" : "s");
  print_flag_lines(result.flags);
  return kExitValid;
}

int run_registry(const args& a) {
  if (a.help) {
    std::fputs(kRegistryHelp, stdout);
    return kExitValid;
  }
  if (!a.operands.empty()) {
    return usage_error("registry takes no operand", kRegistryHelp);
  }
  if (a.json) {
    std::printf("{\"flags\": [");
    const char* separator = "";
    for (const tlsflags::flag_info& info : tlsflags::kBuiltinRegistry) {
      std::printf(
          "%s{\"value\": %u, \"name\": %s, \"proposed_in\": %s, "
          "\"acknowledged_in\": %s, \"recommended\": \"%c\", "
          "\"reference\": %s, \"provisional\": %s}",
          separator, static_cast<unsigned>(info.value),
          json_string(info.name).c_str(),
          json_message_list(info.proposed_in).c_str(),
          json_message_list(info.acknowledged_in).c_str(),
          tlsflags::recommended_letter(info.rec),
          json_string(info.reference).c_str(),
          info.provisional ? "true" : "false");
      separator = ", ";
    }
    std::printf("]}\n");
    return kExitValid;
  }
  std::printf("%-6s %-24s %-9s %-12s %-4s %s\n", "value", "name", "proposed",
              "acknowledged", "rec", "reference");
  for (const tlsflags::flag_info& info : tlsflags::kBuiltinRegistry) {
    std::printf("%-6u %-24.*s %-9s %-12s %-4c %.*s%s\n",
                static_cast<unsigned>(info.value),
                static_cast<int>(info.name.size()), info.name.data(),
                message_list(info.proposed_in).c_str(),
                message_list(info.acknowledged_in).c_str(),
                tlsflags::recommended_letter(info.rec),
                static_cast<int>(info.reference.size()), info.reference.data(),
                info.provisional ? " (value provisional)" : "");
  }
  return kExitValid;
}

}  // namespace
}  // namespace tlsflags_cli

int main(int argc, char** argv) {
  using namespace tlsflags_cli;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  const std::string_view command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return kExitValid;
  }
  if (command == "--version") {
    std::printf("tlsflags %d.%d.%d\n", TLSFLAGS_VERSION_MAJOR,
                TLSFLAGS_VERSION_MINOR, TLSFLAGS_VERSION_PATCH);
    return kExitValid;
  }

  struct command_entry {
    std::string_view name;
    std::string_view options;
    int (*run)(const args&);
    const char* help;
  };
  const command_entry commands[] = {
      {"decode", "", run_decode, kDecodeHelp},
      {"encode", "extension codepoint", run_encode, kEncodeHelp},
      {"inspect", "codepoint", run_inspect, kInspectHelp},
      {"check", "message proposed", run_check, kCheckHelp},
      {"registry", "", run_registry, kRegistryHelp},
  };
  for (const command_entry& entry : commands) {
    if (command == entry.name) {
      const args a = parse_args(argc, argv, 2, entry.options);
      if (!a.error.empty()) {
        return usage_error(a.error, entry.help);
      }
      return entry.run(a);
    }
  }
  std::fprintf(stderr, "tlsflags: unknown command '%s'\n\n%s", argv[1], kUsage);
  return kExitUsage;
}
