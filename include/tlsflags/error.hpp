// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: error.hpp
// -----------------------------------------------------------------------------
//
// Errors and TLS alerts. Every error the library reports is one value of
// `errc`, named after the rule it enforces; the rule ids (W1..W10, S1..S8,
// M1..M8) are those of the project's SPEC-NOTES. Each error maps to the one
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
};

// alert
//
// The TLS alerts this library asks a handshake to end with (RFC 8446
// section 6), with their wire values.
enum class alert : std::uint8_t {
  unexpected_message = 10,
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

    // Semantics (W5). A flag above capacity is reported only to callers that
    // chose to reject it; in a responding message such a flag is one this
    // side cannot have proposed (S2).
    case errc::trailing_zero_octet:
    case errc::flag_above_capacity:
      return alert::illegal_parameter;

    // The caller's own request, or not an error at all.
    case errc::ok:
    case errc::buffer_too_small:
    case errc::flag_out_of_range:
    case errc::empty_set:
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
  }
  return "unknown";
}

// error_rule returns the id of the SPEC-NOTES rule that `error` enforces
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
    case errc::ok:
    case errc::flag_above_capacity:
    case errc::buffer_too_small:
      return "";
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
  }
  return "unknown error";
}

// alert_name returns the RFC 8446 name of `a` ("illegal_parameter"), or
// "unknown" for a value outside the enumeration.
[[nodiscard]] constexpr const char* alert_name(alert a) noexcept {
  switch (a) {
    case alert::unexpected_message:
      return "unexpected_message";
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
  class iterator;

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

  // iterator: a forward iterator over the errors of an `errc_set`.
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = errc;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = errc;

    constexpr iterator() noexcept = default;

    [[nodiscard]] constexpr errc operator*() const noexcept {
      return static_cast<errc>(detail::countr_zero(bits_));
    }

    constexpr iterator& operator++() noexcept {
      bits_ &= bits_ - 1;
      return *this;
    }

    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      bits_ &= bits_ - 1;
      return old;
    }

    [[nodiscard]] friend constexpr bool operator==(iterator a,
                                                   iterator b) noexcept {
      return a.bits_ == b.bits_;
    }

    [[nodiscard]] friend constexpr bool operator!=(iterator a,
                                                   iterator b) noexcept {
      return a.bits_ != b.bits_;
    }

   private:
    friend class errc_set;
    constexpr explicit iterator(std::uint64_t bits) noexcept : bits_(bits) {}
    std::uint64_t bits_ = 0;
  };

 private:
  static constexpr std::uint64_t bit(errc error) noexcept {
    return std::uint64_t{1} << (static_cast<unsigned>(error) % 64U);
  }

  std::uint64_t bits_ = 0;
};

}  // namespace tlsflags

#endif  // TLSFLAGS_ERROR_HPP_
