// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: message.hpp
// -----------------------------------------------------------------------------
//
// The TLS 1.3 handshake messages that may carry tls_flags (W10), and their
// roles in the flags protocol:
//
//   * Proposing messages (S1): ClientHello (the client proposes to the
//     server), CertificateRequest (the server proposes to the client) and
//     NewSessionTicket (the server proposes; the client has no reply). Only
//     these may carry flags the peer did not ask for.
//   * Responding messages (S2): ServerHello, HelloRetryRequest,
//     EncryptedExtensions and the server's Certificate answer the client's
//     ClientHello; the client's Certificate answers the server's
//     CertificateRequest. They carry only flags the peer proposed.
//
// CertificateRequest is a proposing message that can also acknowledge a
// ClientHello proposal when the flag's own document says so: request_mtls is
// proposed in ClientHello and acknowledged in CertificateRequest (M3).
//
// The Certificate message exists on both sides with different roles, so the
// two are distinct values here: `server_certificate` and
// `client_certificate`.

#ifndef TLSFLAGS_MESSAGE_HPP_
#define TLSFLAGS_MESSAGE_HPP_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string_view>

#include "tlsflags/config.hpp"
#include "tlsflags/detail/bits.hpp"
#include "tlsflags/detail/enum_bit_iterator.hpp"

namespace tlsflags {

// message
//
// A handshake message that may carry tls_flags (W10). Values are stable.
enum class message : std::uint8_t {
  client_hello = 0,
  server_hello = 1,
  hello_retry_request = 2,
  encrypted_extensions = 3,
  certificate_request = 4,
  server_certificate = 5,
  client_certificate = 6,
  new_session_ticket = 7,
};

// kMessageCount is the number of values of `message`, which run from 0 to
// `kMessageCount - 1`.
inline constexpr std::size_t kMessageCount = 8;

// side
//
// An endpoint of the handshake.
enum class side : std::uint8_t {
  client = 0,
  server = 1,
};

// is_valid_message returns whether `m` is one of the values of `message`.
[[nodiscard]] constexpr bool is_valid_message(message m) noexcept {
  return static_cast<std::size_t>(m) < kMessageCount;
}

// message_set
//
// A set of messages, as the Message column of the TLS Flags registry lists
// them. Iteration visits messages in ascending enumerator order. Values
// outside the enumeration are never members.
class message_set {
 public:
  // iterator: a forward iterator over the messages of a `message_set`.
  using iterator = detail::enum_bit_iterator<message, std::uint8_t>;

  // Constructs an empty set.
  constexpr message_set() noexcept = default;

  // Constructs the set of `messages`; values outside the enumeration are
  // left out.
  constexpr message_set(std::initializer_list<message> messages) noexcept {
    for (message m : messages) {
      insert(m);
    }
  }

  // all returns the set of every message.
  [[nodiscard]] static constexpr message_set all() noexcept {
    message_set s;
    s.bits_ = static_cast<std::uint8_t>((1U << kMessageCount) - 1U);
    return s;
  }

  // insert adds `m`; a value outside the enumeration leaves the set
  // unchanged.
  constexpr void insert(message m) noexcept {
    if (is_valid_message(m)) {
      bits_ = static_cast<std::uint8_t>(bits_ | bit(m));
    }
  }

  // erase removes `m`.
  constexpr void erase(message m) noexcept {
    if (is_valid_message(m)) {
      bits_ = static_cast<std::uint8_t>(bits_ & ~bit(m));
    }
  }

  // contains returns whether `m` is in the set.
  [[nodiscard]] constexpr bool contains(message m) const noexcept {
    return is_valid_message(m) && (bits_ & bit(m)) != 0;
  }

  [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }

  [[nodiscard]] constexpr std::size_t size() const noexcept {
    return static_cast<std::size_t>(detail::popcount(bits_));
  }

  // bits returns the set as a bit mask: message `m` is bit
  // `static_cast<int>(m)`.
  [[nodiscard]] constexpr std::uint8_t bits() const noexcept { return bits_; }

  [[nodiscard]] constexpr iterator begin() const noexcept {
    return iterator(bits_);
  }

  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(0); }

  // Union, intersection and difference.
  [[nodiscard]] friend constexpr message_set operator|(message_set a,
                                                       message_set b) noexcept {
    a.bits_ = static_cast<std::uint8_t>(a.bits_ | b.bits_);
    return a;
  }

  [[nodiscard]] friend constexpr message_set operator&(message_set a,
                                                       message_set b) noexcept {
    a.bits_ = static_cast<std::uint8_t>(a.bits_ & b.bits_);
    return a;
  }

  [[nodiscard]] friend constexpr message_set operator-(message_set a,
                                                       message_set b) noexcept {
    a.bits_ = static_cast<std::uint8_t>(a.bits_ & ~b.bits_);
    return a;
  }

  [[nodiscard]] friend constexpr bool operator==(message_set a,
                                                 message_set b) noexcept {
    return a.bits_ == b.bits_;
  }

  [[nodiscard]] friend constexpr bool operator!=(message_set a,
                                                 message_set b) noexcept {
    return a.bits_ != b.bits_;
  }

 private:
  static constexpr std::uint8_t bit(message m) noexcept {
    return static_cast<std::uint8_t>(1U << static_cast<unsigned>(m));
  }

  std::uint8_t bits_ = 0;
};

// kProposingMessages is the set of messages that may carry unsolicited
// flags: ClientHello, CertificateRequest and NewSessionTicket (S1).
inline constexpr message_set kProposingMessages{message::client_hello,
                                                message::certificate_request,
                                                message::new_session_ticket};

// kRespondingMessages is the set of messages that carry only flags the peer
// proposed: ServerHello, HelloRetryRequest, EncryptedExtensions and both
// Certificate messages (S2).
inline constexpr message_set kRespondingMessages{
    message::server_hello, message::hello_retry_request,
    message::encrypted_extensions, message::server_certificate,
    message::client_certificate};

// kCleartextMessages is the set of messages a passive observer can read:
// ClientHello, ServerHello and HelloRetryRequest. A flag acknowledged there
// is visible on the wire; flag documents should prefer EncryptedExtensions
// (S8).
inline constexpr message_set kCleartextMessages{
    message::client_hello, message::server_hello, message::hello_retry_request};

// is_proposing returns whether `m` may carry unsolicited flags (S1).
[[nodiscard]] constexpr bool is_proposing(message m) noexcept {
  return kProposingMessages.contains(m);
}

// is_responding returns whether `m` carries only flags the peer proposed
// (S2). A value outside the enumeration is neither proposing nor
// responding.
[[nodiscard]] constexpr bool is_responding(message m) noexcept {
  return kRespondingMessages.contains(m);
}

// is_cleartext returns whether a passive observer can read `m` (S8).
[[nodiscard]] constexpr bool is_cleartext(message m) noexcept {
  return kCleartextMessages.contains(m);
}

// answers returns the message whose proposals `m` may acknowledge:
// ClientHello for ServerHello, HelloRetryRequest, EncryptedExtensions and the
// server's Certificate (S2), and for CertificateRequest when a flag's
// registry entry says so (M3); CertificateRequest for the client's
// Certificate (S2). It returns no value for ClientHello and NewSessionTicket,
// which answer nothing, and for values outside the enumeration.
[[nodiscard]] constexpr std::optional<message> answers(message m) noexcept {
  switch (m) {
    case message::server_hello:
    case message::hello_retry_request:
    case message::encrypted_extensions:
    case message::server_certificate:
    case message::certificate_request:
      return message::client_hello;
    case message::client_certificate:
      return message::certificate_request;
    case message::client_hello:
    case message::new_session_ticket:
      return std::nullopt;
  }
  return std::nullopt;
}

// sender returns the side that sends `m`: the client for ClientHello and the
// client's Certificate, the server for every other message. For a value
// outside the enumeration it returns `side::server`; such a value is never
// accepted by the rules check.
[[nodiscard]] constexpr side sender(message m) noexcept {
  return m == message::client_hello || m == message::client_certificate
             ? side::client
             : side::server;
}

// receiver returns the side that receives `m`: the peer of `sender(m)`.
[[nodiscard]] constexpr side receiver(message m) noexcept {
  return sender(m) == side::client ? side::server : side::client;
}

// message_name returns the stable snake_case name of `m`
// ("client_hello", "server_certificate", ...), as printed by tools and JSON
// output, or "unknown" for a value outside the enumeration.
[[nodiscard]] constexpr const char* message_name(message m) noexcept {
  switch (m) {
    case message::client_hello:
      return "client_hello";
    case message::server_hello:
      return "server_hello";
    case message::hello_retry_request:
      return "hello_retry_request";
    case message::encrypted_extensions:
      return "encrypted_extensions";
    case message::certificate_request:
      return "certificate_request";
    case message::server_certificate:
      return "server_certificate";
    case message::client_certificate:
      return "client_certificate";
    case message::new_session_ticket:
      return "new_session_ticket";
  }
  return "unknown";
}

// message_abbreviation returns the abbreviation that the TLS 1.3 column of
// the IANA registries uses for `m` ("CH", "SH", "HRR", "EE", "CR", "CT",
// "NST"), or "" for a value outside the enumeration. Both Certificate
// messages are "CT", so the abbreviation does not identify the message; see
// `parse_message()` for names that do.
[[nodiscard]] constexpr const char* message_abbreviation(message m) noexcept {
  switch (m) {
    case message::client_hello:
      return "CH";
    case message::server_hello:
      return "SH";
    case message::hello_retry_request:
      return "HRR";
    case message::encrypted_extensions:
      return "EE";
    case message::certificate_request:
      return "CR";
    case message::server_certificate:
    case message::client_certificate:
      return "CT";
    case message::new_session_ticket:
      return "NST";
  }
  return "";
}

namespace detail {

// equal_ignoring_case compares two ASCII strings, letters in either case.
[[nodiscard]] constexpr bool equal_ignoring_case(std::string_view a,
                                                 std::string_view b) noexcept {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x =
        a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    const char y =
        b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) {
      return false;
    }
  }
  return true;
}

// kMessageShortNames holds, by message value, the short name that always
// names that one message.
inline constexpr std::string_view kMessageShortNames[kMessageCount] = {
    "ch", "sh", "hrr", "ee", "cr", "sct", "cct", "nst"};

}  // namespace detail

// parse_message
//
// Returns the message named by `name`, letters in either case, or no value
// for any other text. Accepted names:
//
//   * the names of `message_name()`: "client_hello", ..., "new_session_ticket";
//   * the IANA abbreviations "ch", "sh", "hrr", "ee", "cr", "nst";
//   * "sct" for the server's Certificate and "cct" for the client's;
//   * "ct", which on its own means the server's Certificate, the one that
//     answers ClientHello. Use "cct", "client_certificate", or the overload
//     that takes the receiving side, to name the client's.
[[nodiscard]] constexpr std::optional<message> parse_message(
    std::string_view name) noexcept {
  for (std::size_t i = 0; i < kMessageCount; ++i) {
    const auto m = static_cast<message>(i);
    if (detail::equal_ignoring_case(name, message_name(m)) ||
        detail::equal_ignoring_case(name, detail::kMessageShortNames[i])) {
      return m;
    }
  }
  if (detail::equal_ignoring_case(name, "ct")) {
    return message::server_certificate;
  }
  return std::nullopt;
}

// parse_message
//
// Returns the message named by `name` as the one-argument overload does,
// except that "ct" names the Certificate message that `receiving` receives:
// the server's Certificate for a client, the client's Certificate for a
// server. Every other name means the same message on both sides.
[[nodiscard]] constexpr std::optional<message> parse_message(
    std::string_view name, side receiving) noexcept {
  if (detail::equal_ignoring_case(name, "ct")) {
    return receiving == side::server ? message::client_certificate
                                     : message::server_certificate;
  }
  return parse_message(name);
}

}  // namespace tlsflags

#endif  // TLSFLAGS_MESSAGE_HPP_
