// The pieces of the tlsflags command-line tool that do not depend on one
// command: hex input, flag lists, a small JSON writer and option parsing.

#ifndef TLSFLAGS_TOOLS_CLI_HPP_
#define TLSFLAGS_TOOLS_CLI_HPP_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tlsflags/tlsflags.hpp"

namespace tlsflags_cli {

// Exit statuses: every input valid, some input invalid, a usage error.
inline constexpr int kExitValid = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;

// parse_hex reads hex digits, white space ignored, into octets. Returns no
// value for any other character or an odd number of digits.
inline std::optional<std::vector<std::uint8_t>> parse_hex(
    std::string_view text) {
  std::vector<std::uint8_t> out;
  int high = -1;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      continue;
    }
    int digit = -1;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    if (high < 0) {
      high = digit;
    } else {
      out.push_back(static_cast<std::uint8_t>(high * 16 + digit));
      high = -1;
    }
  }
  if (high >= 0) {
    return std::nullopt;
  }
  return out;
}

// read_hex_operands reads hex from the operands, joined (so that "01 22"
// may be given as one word or two), or from standard input when the only
// operand is "-".
inline std::optional<std::vector<std::uint8_t>> read_hex_operands(
    const std::vector<std::string>& operands) {
  if (operands.size() == 1 && operands[0] == "-") {
    const std::string text((std::istreambuf_iterator<char>(std::cin)),
                           std::istreambuf_iterator<char>());
    return parse_hex(text);
  }
  std::string joined;
  for (const std::string& operand : operands) {
    joined += operand;
    joined += ' ';
  }
  return parse_hex(joined);
}

// to_hex prints octets as lowercase hex, `separator` between octets.
inline std::string to_hex(const std::uint8_t* data, std::size_t size,
                          std::string_view separator = "") {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    if (i != 0) {
      out += separator;
    }
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 15];
  }
  return out;
}

// parse_number reads a decimal number, or a hex one after "0x".
inline std::optional<std::size_t> parse_number(std::string_view text) {
  unsigned base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  if (text.empty() || text.size() > 8) {
    return std::nullopt;
  }
  std::size_t value = 0;
  for (char c : text) {
    unsigned digit = 16;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    }
    if (digit >= base) {
      return std::nullopt;
    }
    value = value * base + digit;
  }
  return value;
}

// parse_flag reads a flag: a number from 0 to 2039 or a registry name. On
// failure, `error` says why.
inline std::optional<std::size_t> parse_flag(std::string_view text,
                                             std::string& error) {
  if (const tlsflags::flag_info* info = tlsflags::find_flag(text)) {
    return info->value;
  }
  const std::optional<std::size_t> value = parse_number(text);
  if (!value) {
    error = "unknown flag '" + std::string(text) +
            "': not a number nor a registry name";
    return std::nullopt;
  }
  if (*value > tlsflags::kMaxFlag) {
    error = "flag " + std::string(text) + " is above 2039 (W3)";
    return std::nullopt;
  }
  return value;
}

// parse_flag_list reads flags separated by commas ("8,request_mtls"); an
// empty text is the empty set.
inline bool parse_flag_list(std::string_view text, tlsflags::flag_set& out,
                            std::string& error) {
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    const std::optional<std::size_t> flag = parse_flag(item, error);
    if (!flag) {
      return false;
    }
    out.set(*flag);
    if (comma == std::string_view::npos) {
      break;
    }
    text.remove_prefix(comma + 1);
  }
  return true;
}

// json_string quotes `text` as a JSON string.
inline std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x",
                    static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// json_flags prints flags as [{"value": 80, "name": "request_mtls"}], with
// "name": null for a flag the registry does not know.
template <std::size_t Capacity>
std::string json_flags(const tlsflags::basic_flag_set<Capacity>& flags) {
  std::string out = "[";
  for (std::size_t flag : flags) {
    if (out.size() > 1) {
      out += ", ";
    }
    out += "{\"value\": " + std::to_string(flag) + ", \"name\": ";
    const tlsflags::flag_info* info = tlsflags::find_flag(flag);
    out += info != nullptr ? json_string(info->name) : "null";
    out += "}";
  }
  return out + "]";
}

// json_error prints the members that describe an error, without braces:
// "error", "rule", "alert" and "alert_code".
inline std::string json_error(tlsflags::errc error) {
  const tlsflags::alert a = tlsflags::alert_for(error);
  return "\"error\": " + json_string(tlsflags::error_name(error)) +
         ", \"rule\": " + json_string(tlsflags::error_rule(error)) +
         ", \"alert\": " + json_string(tlsflags::alert_name(a)) +
         ", \"alert_code\": " + std::to_string(static_cast<int>(a));
}

// describe_error prints an error for people: name, rule, what is wrong and
// the alert to send.
inline std::string describe_error(tlsflags::errc error) {
  const tlsflags::alert a = tlsflags::alert_for(error);
  std::string rule = tlsflags::error_rule(error);
  std::string out = tlsflags::error_name(error);
  if (!rule.empty()) {
    out += " (" + rule + ")";
  }
  out += ": ";
  out += tlsflags::error_message(error);
  out += "; alert ";
  out += tlsflags::alert_name(a);
  out += " (" + std::to_string(static_cast<int>(a)) + ")";
  return out;
}

// flag_label prints "80 request_mtls" or "81" for an unknown flag.
inline std::string flag_label(std::size_t flag) {
  std::string out = std::to_string(flag);
  if (const tlsflags::flag_info* info = tlsflags::find_flag(flag)) {
    out += " ";
    out += info->name;
  }
  return out;
}

// args: a command's arguments, split into options and operands.
struct args {
  std::vector<std::string> operands;
  bool json = false;
  bool help = false;
  bool extension = false;
  std::optional<std::string> codepoint;
  std::optional<std::string> message;
  std::optional<std::string> proposed;
  std::string error;  // a usage error, or empty
};

// parse_args splits argv[first..argc) into options and operands. `allowed`
// names the options (besides --json and --help) the command takes. A lone
// "-" is an operand; "--" ends the options.
inline args parse_args(int argc, char** argv, int first,
                       std::string_view allowed) {
  args out;
  bool options_done = false;
  for (int i = first; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (options_done || arg.size() < 2 || arg[0] != '-') {
      out.operands.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
    } else if (arg == "--json") {
      out.json = true;
    } else if (arg == "--help" || arg == "-h") {
      out.help = true;
    } else if (arg == "--extension" &&
               allowed.find("extension") != std::string_view::npos) {
      out.extension = true;
    } else if ((arg == "--codepoint" &&
                allowed.find("codepoint") != std::string_view::npos) ||
               (arg == "--message" &&
                allowed.find("message") != std::string_view::npos) ||
               (arg == "--proposed" &&
                allowed.find("proposed") != std::string_view::npos)) {
      if (i + 1 >= argc) {
        out.error = std::string(arg) + " needs a value";
        return out;
      }
      std::optional<std::string>& slot = arg == "--codepoint" ? out.codepoint
                                         : arg == "--message" ? out.message
                                                              : out.proposed;
      slot = argv[++i];
    } else {
      out.error = "unknown option " + std::string(arg);
      return out;
    }
  }
  return out;
}

}  // namespace tlsflags_cli

#endif  // TLSFLAGS_TOOLS_CLI_HPP_
