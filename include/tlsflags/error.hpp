// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: error.hpp
// -----------------------------------------------------------------------------
//
// Errors and TLS alerts. Every error the library reports is one value of
// `errc`, named after the rule it enforces; the rule ids (W1..W10, S1..S8,
// M1..M8) are those of docs/rules.md. Each error maps to the one
// TLS alert a handshake should end with, by one of two policies:
//
//   * `alert_policy::rfc8446` (the default) follows RFC 8446 section 6: a
//     body that cannot be parsed is `decode_error`, a body that parses but
//     breaks a rule is `illegal_parameter`. BoringSSL does the same.
//   * `alert_policy::draft_literal` follows draft-ietf-tls-tlsflags word for
//     word: every invalid tls_flags extension is `illegal_parameter` (W8).
//
// Errors that describe the caller's own request (an output buffer too small,
// an empty set to encode) are not about anything a peer sent; both policies
// map them to `internal_error`.

#ifndef TLSFLAGS_ERROR_HPP_
#define TLSFLAGS_ERROR_HPP_

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "tlsflags/config.hpp"
#include "tlsflags/detail/bits.hpp"
#include "tlsflags/detail/enum_bit_iterator.hpp"

namespace tlsflags {

// errc
//
// What went wrong, one value per broken rule. `ok` is the only value that is
// not an error. Values are stable: new ones are only ever appended.
enum class errc : std::uint8_t {
  // Not an error.
  ok = 0,

  // W2: the body has no octet at all, not even the length octet.
  missing_length_octet = 1,

  // W6: the length octet is 0; `flags<1..255>` forbids an empty vector.
  empty_vector = 2,

  // W7: the length octet announces more octets than the body holds.
  truncated_vector = 3,

  // W7: the body holds octets after the vector.
  trailing_octets = 4,

  // W4, W5: the vector's last octet is zero; an all-zero vector is one case.
  trailing_zero_octet = 5,

  // A well-formed vector holds a flag at or above the capacity of the set it
  // is decoded into, and the caller asked for an error rather than a drop.
  flag_above_capacity = 6,

  // The caller's output buffer is smaller than the encoding.
  buffer_too_small = 7,

  // W3: a flag number above 2039, which no vector can carry.
  flag_out_of_range = 8,

  // W4: the set to encode is empty. The extension must be left out, not sent
  // with an empty vector.
  empty_set = 9,

  // S2 (M4 for request_mtls): a flag in a message that may only acknowledge
  // it, and this side did not propose it. Also a flag in a responding message
  // above the capacity of the proposal, which this side cannot have proposed.
  unsolicited_flag = 10,

  // S7 (M5 for request_mtls): a flag known to the registry in a message that
  // its registry entry does not list.
  flag_not_allowed_in_message = 11,

  // W10: the caller named a message that is not one of the values of
  // `message`, the messages that may carry tls_flags.
  unknown_message = 12,

  // Framing of extensions (RFC 8446 section 4.2), extension blocks, handshake
  // messages (section 4) and records (section 5). Values 20 to 39.

  // Fewer than 4 octets where an extension's type and length should be.
  truncated_extension_header = 20,

  // An extension's 2-octet length does not frame its body exactly: it runs
  // past the end of the block (overlong), or a whole extension has octets
  // after the body it frames (short).
  extension_length_mismatch = 21,

  // An extensions field's 2-octet length is cut short, or announces more
  // octets than the message holds.
  truncated_extension_block = 22,

  // Octets follow the extension block where the message (or the input)
  // should end.
  extension_block_trailing_octets = 23,

  // W9: an extension type appears twice in one extension block.
  duplicate_extension = 24,

  // W1: a whole extension's type is not the code point the caller chose for
  // tls_flags.
  code_point_mismatch = 25,

  // A handshake message's 4-octet header, or the body its 3-octet length
  // announces, is cut short.
  truncated_handshake_message = 26,

  // Extension blocks were asked of a handshake message type that has none in
  // TLS 1.3 (Finished, KeyUpdate, ...) or that is unknown.
  unsupported_handshake_type = 27,

  // The message body ends where its extensions field should begin (TLS 1.2
  // and earlier allowed this in hellos; TLS 1.3 does not).
  missing_extension_block = 28,

  // A fixed field of a message is cut short or out of its bounds, or its
  // extensions vector is out of the bounds of the message (RFC 8446 section
  // 4): one value per message. HelloRetryRequest is a ServerHello.
  malformed_client_hello = 29,
  malformed_server_hello = 30,
  malformed_certificate_request = 31,
  malformed_certificate = 32,
  malformed_new_session_ticket = 33,

  // A handshake message split across records is longer than the caller's
  // reassembly buffer.
  handshake_message_too_large = 34,

  // A record's 5-octet header, or the fragment its length announces, is cut
  // short.
  truncated_record = 35,

  // A record's length is above 2^14 (2^14 + 256 for application_data), RFC
  // 8446 sections 5.1 and 5.2.
  record_too_long = 36,

  // A handshake record of zero octets, which RFC 8446 section 5.1 forbids.
  empty_handshake_record = 37,

  // A record of another type between two fragments of one handshake message
  // (RFC 8446 section 5.1).
  interleaved_record = 38,

  // A record whose content type is not change_cipher_spec, alert, handshake
  // or application_data.
  unknown_content_type = 39,

  // TLS stack adapters (openssl.hpp). Values 40 to 44.

  // M7: the client sent request_mtls, the server requested a certificate,
  // and the client's Certificate message held none; the server's policy
  // ends the handshake.
  empty_client_certificate = 40,
};

// alert
//
// The TLS alerts (RFC 8446 section 6) that this library and the rules it
// implements name, with their wire values. `alert_for()` returns some of
// them; the others (missing_extension, unsupported_extension,
// certificate_required) are there for stacks that send them beside it.
enum class alert : std::uint8_t {
  unexpected_message = 10,
  record_overflow = 22,
  bad_certificate = 42,
  illegal_parameter = 47,
  decode_error = 50,
  internal_error = 80,
  missing_extension = 109,
  unsupported_extension = 110,
  certificate_required = 116,
};

// alert_policy
//
// How errors map to alerts; see the file comment.
enum class alert_policy : std::uint8_t {
  rfc8446 = 0,
  draft_literal = 1,
};

// alert_for returns the alert to send for `error` under `policy`. `errc::ok`
// is not an error: asking for its alert is a caller bug, answered with
// `internal_error`.
[[nodiscard]] constexpr alert alert_for(
    errc error, alert_policy policy = alert_policy::rfc8446) noexcept {
  switch (error) {
    // Syntax (W6, W7, and W2 for a body without its length octet).
    case errc::missing_length_octet:
    case errc::empty_vector:
    case errc::truncated_vector:
    case errc::trailing_octets:
      return policy == alert_policy::draft_literal ? alert::illegal_parameter
                                                   : alert::decode_error;

    // Semantics: W5, and the handshake rules (S2, S7, M4, M5), in the
    // draft's own words under both policies. A flag above capacity is
    // reported only to callers that chose to reject it; in a responding
    // message such a flag is one this side cannot have proposed (S2).
    case errc::trailing_zero_octet:
    case errc::flag_above_capacity:
    case errc::unsolicited_flag:
    case errc::flag_not_allowed_in_message:
      return alert::illegal_parameter;

    // Framing that cannot be parsed (RFC 8446 section 6). The draft's W8
    // speaks of the body; framing is RFC 8446's under both policies.
    case errc::truncated_extension_header:
    case errc::extension_length_mismatch:
    case errc::truncated_extension_block:
    case errc::extension_block_trailing_octets:
    case errc::truncated_handshake_message:
    case errc::missing_extension_block:
    case errc::malformed_client_hello:
    case errc::malformed_server_hello:
    case errc::malformed_certificate_request:
    case errc::malformed_certificate:
    case errc::malformed_new_session_ticket:
    case errc::truncated_record:
    case errc::empty_handshake_record:
      return alert::decode_error;

    // W9: RFC 8446 section 4.2 makes a duplicate extension illegal_parameter.
    case errc::duplicate_extension:
      return alert::illegal_parameter;

    // RFC 8446 section 5.1: an oversized record is record_overflow.
    case errc::record_too_long:
      return alert::record_overflow;

    // RFC 8446 sections 4 and 5: a message or record where none of its kind
    // may be.
    case errc::unsupported_handshake_type:
    case errc::interleaved_record:
    case errc::unknown_content_type:
      return alert::unexpected_message;

    // The caller's own request: tls_flags asked for under another code
    // point (W1), or a reassembly buffer too small for a message.
    case errc::code_point_mismatch:
    case errc::handshake_message_too_large:
      return alert::internal_error;

    // M7: the request_mtls draft names bad_certificate.
    case errc::empty_client_certificate:
      return alert::bad_certificate;

    // The caller's own request, or not an error at all.
    case errc::ok:
    case errc::buffer_too_small:
    case errc::flag_out_of_range:
    case errc::empty_set:
    case errc::unknown_message:
      return alert::internal_error;
  }
  return alert::internal_error;
}

// error_name returns the stable snake_case name of `error` ("ok" for
// `errc::ok`), as printed by tools and JSON output, or "unknown" for a value
// outside the enumeration.
[[nodiscard]] constexpr const char* error_name(errc error) noexcept {
  switch (error) {
    case errc::ok:
      return "ok";
    case errc::missing_length_octet:
      return "missing_length_octet";
    case errc::empty_vector:
      return "empty_vector";
    case errc::truncated_vector:
      return "truncated_vector";
    case errc::trailing_octets:
      return "trailing_octets";
    case errc::trailing_zero_octet:
      return "trailing_zero_octet";
    case errc::flag_above_capacity:
      return "flag_above_capacity";
    case errc::buffer_too_small:
      return "buffer_too_small";
    case errc::flag_out_of_range:
      return "flag_out_of_range";
    case errc::empty_set:
      return "empty_set";
    case errc::unsolicited_flag:
      return "unsolicited_flag";
    case errc::flag_not_allowed_in_message:
      return "flag_not_allowed_in_message";
    case errc::unknown_message:
      return "unknown_message";
    case errc::truncated_extension_header:
      return "truncated_extension_header";
    case errc::extension_length_mismatch:
      return "extension_length_mismatch";
    case errc::truncated_extension_block:
      return "truncated_extension_block";
    case errc::extension_block_trailing_octets:
      return "extension_block_trailing_octets";
    case errc::duplicate_extension:
      return "duplicate_extension";
    case errc::code_point_mismatch:
      return "code_point_mismatch";
    case errc::truncated_handshake_message:
      return "truncated_handshake_message";
    case errc::unsupported_handshake_type:
      return "unsupported_handshake_type";
    case errc::missing_extension_block:
      return "missing_extension_block";
    case errc::malformed_client_hello:
      return "malformed_client_hello";
    case errc::malformed_server_hello:
      return "malformed_server_hello";
    case errc::malformed_certificate_request:
      return "malformed_certificate_request";
    case errc::malformed_certificate:
      return "malformed_certificate";
    case errc::malformed_new_session_ticket:
      return "malformed_new_session_ticket";
    case errc::handshake_message_too_large:
      return "handshake_message_too_large";
    case errc::truncated_record:
      return "truncated_record";
    case errc::record_too_long:
      return "record_too_long";
    case errc::empty_handshake_record:
      return "empty_handshake_record";
    case errc::interleaved_record:
      return "interleaved_record";
    case errc::unknown_content_type:
      return "unknown_content_type";
    case errc::empty_client_certificate:
      return "empty_client_certificate";
  }
  return "unknown";
}

// error_rule returns the id (docs/rules.md) of the rule that `error` enforces
// ("W5"), or "" for errors that no single rule names.
[[nodiscard]] constexpr const char* error_rule(errc error) noexcept {
  switch (error) {
    case errc::missing_length_octet:
      return "W2";
    case errc::empty_vector:
      return "W6";
    case errc::truncated_vector:
    case errc::trailing_octets:
      return "W7";
    case errc::trailing_zero_octet:
      return "W5";
    case errc::flag_out_of_range:
      return "W3";
    case errc::empty_set:
      return "W4";
    case errc::unsolicited_flag:
      return "S2";
    case errc::flag_not_allowed_in_message:
      return "S7";
    case errc::unknown_message:
      return "W10";
    case errc::duplicate_extension:
      return "W9";
    case errc::code_point_mismatch:
      return "W1";
    case errc::ok:
    case errc::flag_above_capacity:
    case errc::buffer_too_small:
    case errc::truncated_extension_header:
    case errc::extension_length_mismatch:
    case errc::truncated_extension_block:
    case errc::extension_block_trailing_octets:
    case errc::truncated_handshake_message:
    case errc::unsupported_handshake_type:
    case errc::missing_extension_block:
    case errc::malformed_client_hello:
    case errc::malformed_server_hello:
    case errc::malformed_certificate_request:
    case errc::malformed_certificate:
    case errc::malformed_new_session_ticket:
    case errc::handshake_message_too_large:
    case errc::truncated_record:
    case errc::record_too_long:
    case errc::empty_handshake_record:
    case errc::interleaved_record:
    case errc::unknown_content_type:
      return "";
    case errc::empty_client_certificate:
      return "M7";
  }
  return "";
}

// error_message returns one English sentence, without a final period, that
// says what is wrong, for people reading logs and tool output.
[[nodiscard]] constexpr const char* error_message(errc error) noexcept {
  switch (error) {
    case errc::ok:
      return "no error";
    case errc::missing_length_octet:
      return "the body has no length octet";
    case errc::empty_vector:
      return "the flags vector is empty (length octet 0)";
    case errc::truncated_vector:
      return "the length octet announces more octets than the body holds";
    case errc::trailing_octets:
      return "the body holds octets after the flags vector";
    case errc::trailing_zero_octet:
      return "the flags vector ends in a zero octet";
    case errc::flag_above_capacity:
      return "a flag is above the capacity of the flag set";
    case errc::buffer_too_small:
      return "the output buffer is too small";
    case errc::flag_out_of_range:
      return "a flag number is above 2039";
    case errc::empty_set:
      return "the flag set is empty; leave the extension out";
    case errc::unsolicited_flag:
      return "a flag acknowledges a proposal this side did not make";
    case errc::flag_not_allowed_in_message:
      return "a known flag appears in a message its registry entry does not "
             "list";
    case errc::unknown_message:
      return "the message is not one that may carry tls_flags";
    case errc::truncated_extension_header:
      return "fewer than 4 octets where an extension header should be";
    case errc::extension_length_mismatch:
      return "an extension's length does not frame its body exactly";
    case errc::truncated_extension_block:
      return "the extensions field's length is cut short or runs past the "
             "message";
    case errc::extension_block_trailing_octets:
      return "octets follow the extension block";
    case errc::duplicate_extension:
      return "an extension type appears twice in one block";
    case errc::code_point_mismatch:
      return "the extension type is not the chosen tls_flags code point";
    case errc::truncated_handshake_message:
      return "a handshake message is cut short";
    case errc::unsupported_handshake_type:
      return "the handshake message type has no extension block";
    case errc::missing_extension_block:
      return "the message ends where its extensions field should begin";
    case errc::malformed_client_hello:
      return "a ClientHello field is cut short or out of bounds";
    case errc::malformed_server_hello:
      return "a ServerHello or HelloRetryRequest field is cut short or out of "
             "bounds";
    case errc::malformed_certificate_request:
      return "a CertificateRequest field is cut short or out of bounds";
    case errc::malformed_certificate:
      return "a Certificate field is cut short or out of bounds";
    case errc::malformed_new_session_ticket:
      return "a NewSessionTicket field is cut short or out of bounds";
    case errc::handshake_message_too_large:
      return "a handshake message split across records is larger than the "
             "reassembly buffer";
    case errc::truncated_record:
      return "a record is cut short";
    case errc::record_too_long:
      return "a record is longer than 2^14 octets (2^14 + 256 if protected)";
    case errc::empty_handshake_record:
      return "a handshake record holds no octet";
    case errc::interleaved_record:
      return "a record of another type splits a handshake message";
    case errc::unknown_content_type:
      return "a record has an unknown content type";
    case errc::empty_client_certificate:
      return "the client sent request_mtls, then an empty Certificate";
  }
  return "unknown error";
}

// alert_name returns the RFC 8446 name of `a` ("illegal_parameter"), or
// "unknown" for a value outside the enumeration.
[[nodiscard]] constexpr const char* alert_name(alert a) noexcept {
  switch (a) {
    case alert::unexpected_message:
      return "unexpected_message";
    case alert::record_overflow:
      return "record_overflow";
    case alert::bad_certificate:
      return "bad_certificate";
    case alert::illegal_parameter:
      return "illegal_parameter";
    case alert::decode_error:
      return "decode_error";
    case alert::internal_error:
      return "internal_error";
    case alert::missing_extension:
      return "missing_extension";
    case alert::unsupported_extension:
      return "unsupported_extension";
    case alert::certificate_required:
      return "certificate_required";
  }
  return "unknown";
}

// errc_set
//
// A set of errors, as diagnostic decoding reports them: every rule a body
// broke. Iteration visits errors in ascending enumerator order.
class errc_set {
 public:
  // iterator: a forward iterator over the errors of an `errc_set`.
  using iterator = detail::enum_bit_iterator<errc, std::uint64_t>;

  constexpr errc_set() noexcept = default;

  // add adds `error`; adding `errc::ok` leaves the set unchanged.
  constexpr void add(errc error) noexcept {
    if (error != errc::ok) {
      bits_ |= bit(error);
    }
  }

  [[nodiscard]] constexpr bool contains(errc error) const noexcept {
    return error != errc::ok && (bits_ & bit(error)) != 0;
  }

  [[nodiscard]] constexpr bool empty() const noexcept { return bits_ == 0; }

  [[nodiscard]] constexpr std::size_t size() const noexcept {
    return static_cast<std::size_t>(detail::popcount(bits_));
  }

  [[nodiscard]] constexpr iterator begin() const noexcept {
    return iterator(bits_);
  }

  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(0); }

  [[nodiscard]] friend constexpr bool operator==(errc_set a,
                                                 errc_set b) noexcept {
    return a.bits_ == b.bits_;
  }

  [[nodiscard]] friend constexpr bool operator!=(errc_set a,
                                                 errc_set b) noexcept {
    return a.bits_ != b.bits_;
  }

 private:
  static constexpr std::uint64_t bit(errc error) noexcept {
    return std::uint64_t{1} << (static_cast<unsigned>(error) % 64U);
  }

  std::uint64_t bits_ = 0;
};

}  // namespace tlsflags

#endif  // TLSFLAGS_ERROR_HPP_
