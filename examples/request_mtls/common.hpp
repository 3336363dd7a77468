// The request_mtls example: what its server and client share. Option
// values (flag lists, hex, code points), the alerts of a connection as the
// peers exchanged them, JSON output, and loopback sockets with timeouts.

#ifndef TLSFLAGS_EXAMPLES_REQUEST_MTLS_COMMON_HPP_
#define TLSFLAGS_EXAMPLES_REQUEST_MTLS_COMMON_HPP_

#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tlsflags/openssl.hpp"

namespace request_mtls {

// Exit statuses: the connections went as the peers wanted, a handshake
// failed, a usage or setup error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// kSocketTimeoutSeconds bounds every read and write on a connection, so a
// silent peer never hangs a test.
inline constexpr int kSocketTimeoutSeconds = 5;

// parse_number reads a decimal or 0x-prefixed hex number up to `max`.
inline std::optional<unsigned long> parse_number(const std::string& text,
                                                 unsigned long max) {
  if (text.empty() || text[0] == '-' || text[0] == '+') {
    return std::nullopt;
  }
  errno = 0;
  char* end = nullptr;
  const unsigned long value = std::strtoul(text.c_str(), &end, 0);
  if (errno != 0 || end == nullptr || *end != '\0' || value > max) {
    return std::nullopt;
  }
  return value;
}

// parse_code_point reads a tls_flags code point: 62 or 0xfe01, say.
inline std::optional<std::uint16_t> parse_code_point(const std::string& text) {
  const auto value = parse_number(text, 0xffff);
  if (!value) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(*value);
}

// parse_flags reads a comma-separated list of flags, each a number below
// the adapter's capacity or a name the registry knows ("request_mtls").
// "" and "none" are the empty list.
inline std::optional<tlsflags::openssl::connection_flags> parse_flags(
    const std::string& text) {
  tlsflags::openssl::connection_flags out;
  if (text.empty() || text == "none") {
    return out;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) {
      comma = text.size();
    }
    const std::string item = text.substr(start, comma - start);
    const tlsflags::flag_info* info = tlsflags::find_flag(item);
    std::optional<unsigned long> value;
    if (info != nullptr) {
      value = info->value;
    } else {
      value = parse_number(item, tlsflags::openssl::kCapacity - 1);
    }
    if (!value) {
      return std::nullopt;
    }
    out.set(*value);
    start = comma + 1;
  }
  return out;
}

// parse_hex reads hex digits ("020200") into octets.
inline std::optional<std::vector<std::uint8_t>> parse_hex(
    const std::string& text) {
  const auto digit = [](char c) {
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
  };
  std::vector<std::uint8_t> out;
  if (text.size() % 2 != 0) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = digit(text[i]);
    const int low = digit(text[i + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    out.push_back(static_cast<std::uint8_t>(high * 16 + low));
  }
  return out;
}

// parse_alert_policy reads "rfc8446" or "draft-literal".
inline std::optional<tlsflags::alert_policy> parse_alert_policy(
    const std::string& text) {
  if (text == "rfc8446") {
    return tlsflags::alert_policy::rfc8446;
  }
  if (text == "draft-literal") {
    return tlsflags::alert_policy::draft_literal;
  }
  return std::nullopt;
}

// alert_name returns the RFC 8446 name of alert `description`.
inline std::string alert_name(int description) {
  switch (description) {
    case 0:
      return "close_notify";
    case 10:
      return "unexpected_message";
    case 20:
      return "bad_record_mac";
    case 22:
      return "record_overflow";
    case 40:
      return "handshake_failure";
    case 42:
      return "bad_certificate";
    case 43:
      return "unsupported_certificate";
    case 44:
      return "certificate_revoked";
    case 45:
      return "certificate_expired";
    case 46:
      return "certificate_unknown";
    case 47:
      return "illegal_parameter";
    case 48:
      return "unknown_ca";
    case 49:
      return "access_denied";
    case 50:
      return "decode_error";
    case 51:
      return "decrypt_error";
    case 70:
      return "protocol_version";
    case 71:
      return "insufficient_security";
    case 80:
      return "internal_error";
    case 86:
      return "inappropriate_fallback";
    case 90:
      return "user_canceled";
    case 109:
      return "missing_extension";
    case 110:
      return "unsupported_extension";
    case 112:
      return "unrecognized_name";
    case 115:
      return "unknown_psk_identity";
    case 116:
      return "certificate_required";
    case 120:
      return "no_application_protocol";
    default:
      return "alert_" + std::to_string(description);
  }
}

// connection: what one side keeps per connection. `flags` is the adapter's
// state; the rest is the example's own record of the alerts.
struct connection {
  tlsflags::openssl::connection_state flags;

  // The first alert other than close_notify, and whether this side sent it.
  int alert = -1;
  bool alert_sent = false;

  // Client: whether the server sent a CertificateRequest, with or without
  // tls_flags.
  bool certificate_requested = false;
};

// connection_index returns the ex_data index of the example's `connection`.
inline int connection_index() {
  static const int kIndex =
      SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return kIndex;
}

inline connection* connection_of(const SSL* ssl) {
  return static_cast<connection*>(SSL_get_ex_data(ssl, connection_index()));
}

// record_alert is an OpenSSL info callback that keeps the first alert of a
// connection, sent or received.
inline void record_alert(const SSL* ssl, int where, int value) {
  connection* conn = connection_of(ssl);
  const int description = value & 0xff;
  if (conn == nullptr || (where & SSL_CB_ALERT) == 0 || description == 0 ||
      conn->alert >= 0) {
    return;
  }
  conn->alert = description;
  conn->alert_sent = (where & SSL_CB_WRITE) != 0;
}

// start_connection attaches `conn` to `ssl`, for both the adapter and the
// example.
inline bool start_connection(SSL* ssl, connection* conn) {
  if (SSL_set_ex_data(ssl, connection_index(), conn) != 1 ||
      !tlsflags::openssl::attach(ssl, &conn->flags)) {
    return false;
  }
  SSL_set_info_callback(ssl, record_alert);
  return true;
}

// set_socket_timeouts bounds reads and writes on `fd`.
inline void set_socket_timeouts(int fd) {
  timeval timeout{};
  timeout.tv_sec = kSocketTimeoutSeconds;
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
}

// JSON output.

inline std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x",
                    static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

inline std::string json_flags(const tlsflags::openssl::connection_flags& f) {
  std::string out = "[";
  for (std::size_t flag : f) {
    out += (out.size() > 1 ? ", " : "") + std::to_string(flag);
  }
  return out + "]";
}

inline const char* json_bool(bool value) {
  return value ? "true" : "false";
}

// json_alert returns the "alert", "alert_sender" and "rule" members: the
// first alert of the connection and which side sent it, and the rule the
// adapter found broken when it was this side that ended the handshake.
inline std::string json_alert(const connection& conn, const char* own_side,
                              const char* peer_side) {
  std::string out;
  if (conn.alert < 0) {
    out = "\"alert\": null, \"alert_sender\": null";
  } else {
    out = "\"alert\": " + json_string(alert_name(conn.alert)) +
          ", \"alert_sender\": " +
          json_string(conn.alert_sent ? own_side : peer_side);
  }
  const tlsflags::check_result& failure = conn.flags.failure;
  out += ", \"rule\": ";
  out += failure ? "null" : json_string(failure.rule);
  return out;
}

// subject_of returns the subject of `cert` in RFC 2253 form ("CN=...").
inline std::string subject_of(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr) {
    return "";
  }
  X509_NAME_print_ex(bio, X509_get_subject_name(cert), 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string out(data, size > 0 ? static_cast<std::size_t>(size) : 0);
  BIO_free(bio);
  return out;
}

// print_openssl_errors writes OpenSSL's error queue to standard error.
inline void print_openssl_errors(const char* what) {
  std::fprintf(stderr, "%s\n", what);
  ERR_print_errors_fp(stderr);
}

}  // namespace request_mtls

#endif  // TLSFLAGS_EXAMPLES_REQUEST_MTLS_COMMON_HPP_
