// `tlsflags inspect`: finds the tls_flags extension in each handshake
// message of a capture, given as TLS records or as bare handshake messages.

#ifndef TLSFLAGS_TOOLS_INSPECT_HPP_
#define TLSFLAGS_TOOLS_INSPECT_HPP_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "tlsflags/tlsflags.hpp"

namespace tlsflags_cli {

inline constexpr const char kInspectHelp[] =
    "usage: tlsflags inspect [--json] [--codepoint N] [HEX... | -]\n"
    "\n"
    "Reads TLS records (content type 22; several messages in one record and\n"
    "messages split across records are reassembled) or bare handshake\n"
    "messages, as hex on the command line or on standard input (\"-\", the\n"
    "default; white space ignored). For each handshake message it reports\n"
    "the tls_flags extension found under code point 62 or 0xfe01, or only\n"
    "under N with --codepoint N: its flags when valid, the broken rule, the\n"
    "alert and the flags still recovered when not. Framing that cannot be\n"
    "parsed is reported with its offset. Exits with status 1 when anything\n"
    "is invalid.\n";

namespace detail_inspect {

// The most a message split across records may take; larger ones are
// reported as too large.
inline constexpr std::size_t kReassemblyBufferSize = std::size_t{1} << 20;

// looks_like_records tells TLS records from bare handshake messages by the
// first octets: content type 22 and a legacy version 3.x. No handshake
// message starts that way in practice (type 22 with a length of 3 * 2^16 or
// more).
inline bool looks_like_records(const std::vector<std::uint8_t>& input) {
  return input.size() >= 3 && input[0] == 22 && input[1] == 3;
}

inline std::string message_type_name(
    const tlsflags::message_extensions_result& framed,
    tlsflags::handshake_type type) {
  if (framed.extensions.is_hello_retry_request()) {
    return "hello_retry_request";
  }
  return tlsflags::handshake_type_name(type);
}

// report: what inspect found in one message.
struct report {
  std::string type;
  bool framing_ok = true;
  tlsflags::errc error = tlsflags::errc::ok;
  std::size_t offset = 0;  // of a framing error, within the message body
  bool found = false;
  std::uint16_t codepoint = 0;
  std::optional<std::size_t> entry;  // Certificate: the entry's index
  tlsflags::diagnosis flags;         // of the body found
};

inline report inspect_message(const tlsflags::handshake_message& message,
                              const std::vector<std::uint16_t>& candidates) {
  report r;
  const tlsflags::message_extensions_result framed =
      tlsflags::parse_message_extensions(message);
  r.type = message_type_name(framed, message.type);
  if (!framed) {
    r.framing_ok = false;
    r.error = framed.error;
    r.offset = framed.offset;
    return r;
  }
  std::size_t index = 0;
  for (const tlsflags::extension_block& block : framed.extensions) {
    const tlsflags::find_flags_result found =
        tlsflags::find_flags(block, candidates.data(), candidates.size());
    if (found.found) {
      r.found = true;
      r.codepoint = found.code_point;
      if (message.type == tlsflags::handshake_type::certificate) {
        r.entry = index;
      }
      r.flags = tlsflags::diagnose(found.ext.body, found.ext.body_size);
      r.error = r.flags.error;
      break;
    }
    ++index;
  }
  return r;
}

inline std::string report_json(const report& r) {
  std::string out = "{\"type\": " + json_string(r.type);
  if (!r.framing_ok) {
    return out + ", \"valid\": false, " + json_error(r.error) +
           ", \"offset\": " + std::to_string(r.offset) + "}";
  }
  out += ", \"found\": ";
  out += r.found ? "true" : "false";
  out += ", \"codepoint\": ";
  out += r.found ? std::to_string(r.codepoint) : "null";
  if (r.entry) {
    out += ", \"entry\": " + std::to_string(*r.entry);
  }
  out += ", \"valid\": ";
  out += r.error == tlsflags::errc::ok ? "true" : "false";
  if (r.error != tlsflags::errc::ok) {
    out += ", " + json_error(r.error);
  }
  return out + ", \"flags\": " + json_flags(r.flags.flags) + "}";
}

inline void report_text(const report& r) {
  if (!r.framing_ok) {
    std::fprintf(stderr, "%s: malformed at offset %zu: %s\n", r.type.c_str(),
                 r.offset, describe_error(r.error).c_str());
    return;
  }
  if (!r.found) {
    std::printf("%s: no tls_flags\n", r.type.c_str());
    return;
  }
  std::string where = "code point " + std::to_string(r.codepoint);
  if (r.entry) {
    where += ", certificate entry " + std::to_string(*r.entry);
  }
  if (r.error != tlsflags::errc::ok) {
    std::fprintf(stderr, "%s: tls_flags (%s) invalid: %s\n", r.type.c_str(),
                 where.c_str(), describe_error(r.error).c_str());
    std::printf("%s: recovered %zu flag%s\n", r.type.c_str(),
                r.flags.flags.count(), r.flags.flags.count() == 1 ? "" : "s");
  } else {
    std::printf("%s: tls_flags (%s): %zu flag%s\n", r.type.c_str(),
                where.c_str(), r.flags.flags.count(),
                r.flags.flags.count() == 1 ? "" : "s");
  }
  for (std::size_t flag : r.flags.flags) {
    std::printf("  %s\n", flag_label(flag).c_str());
  }
}

}  // namespace detail_inspect

inline int run_inspect(const args& a) {
  using namespace detail_inspect;
  if (a.help) {
    std::fputs(kInspectHelp, stdout);
    return kExitValid;
  }
  std::vector<std::uint16_t> candidates = {tlsflags::kDefaultCodePoint,
                                           tlsflags::kCloudflareCodePoint};
  if (a.codepoint) {
    const std::optional<std::size_t> n = parse_number(*a.codepoint);
    if (!n || *n > 0xffff) {
      std::fprintf(stderr,
                   "tlsflags: --codepoint takes a number from 0 to 65535\n");
      return kExitUsage;
    }
    candidates = {static_cast<std::uint16_t>(*n)};
  }
  const auto input = read_hex_operands(
      a.operands.empty() ? std::vector<std::string>{"-"} : a.operands);
  if (!input || input->empty()) {
    std::fprintf(stderr,
                 "tlsflags: the input must be pairs of hex digits, at least "
                 "one\n");
    return kExitUsage;
  }

  std::vector<std::uint8_t> buffer(kReassemblyBufferSize);
  tlsflags::handshake_reader reader =
      looks_like_records(*input)
          ? tlsflags::handshake_reader::from_records(
                input->data(), input->size(), buffer.data(), buffer.size())
          : tlsflags::handshake_reader::from_messages(input->data(),
                                                      input->size());
  bool all_valid = true;
  std::vector<std::string> entries;
  tlsflags::handshake_message message;
  while (reader.next(message)) {
    const report r = inspect_message(message, candidates);
    all_valid = all_valid && r.framing_ok && r.error == tlsflags::errc::ok;
    if (a.json) {
      entries.push_back(report_json(r));
    } else {
      report_text(r);
    }
  }
  if (reader.error() != tlsflags::errc::ok) {
    all_valid = false;
    if (a.json) {
      entries.push_back(
          "{\"type\": null, \"valid\": false, " + json_error(reader.error()) +
          ", \"offset\": " + std::to_string(reader.error_offset()) + "}");
    } else {
      std::fprintf(stderr, "framing error at offset %zu: %s\n",
                   reader.error_offset(),
                   describe_error(reader.error()).c_str());
    }
  }
  if (a.json) {
    std::string out = "{\"messages\": [";
    for (std::size_t i = 0; i < entries.size(); ++i) {
      out += (i == 0 ? "" : ", ") + entries[i];
    }
    std::printf("%s]}\n", out.c_str());
  }
  return all_valid ? kExitValid : kExitInvalid;
}

}  // namespace tlsflags_cli

#endif  // TLSFLAGS_TOOLS_INSPECT_HPP_
