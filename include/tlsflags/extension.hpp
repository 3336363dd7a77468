// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: extension.hpp
// -----------------------------------------------------------------------------
//
// Whole extensions and extension blocks. An extension is (RFC 8446 section
// 4.2)
//
//   struct {
//     ExtensionType extension_type;         // 2 octets: the code point
//     opaque extension_data<0..2^16-1>;     // 2-octet length, then the body
//   } Extension;
//
// and an extension block is the `Extension extensions<..>` list of a
// handshake message: extensions back to back, each type at most once (W9).
//
// The draft leaves the code point of tls_flags "TBD"; deployed code uses 62
// and Cloudflare's experimental deployment 0xfe01. Every function here that
// looks for tls_flags takes the code point as a parameter, 62 by default
// (W1), and the block functions accept a list of candidate code points.
//
// What is here:
//
//   * `encode_extension()` and `encode_extension_array()`: a flag set to a
//     whole extension (type, length, body), at run time or at compile time.
//     The body is the codec's `encode()`.
//   * `parse_extension()` and `decode_extension()`: a whole extension to its
//     type and body, and to a flag set.
//   * `parse_extension_block()` and `parse_extensions_field()`: exact framing
//     of an extension block and duplicate detection, giving an
//     `extension_block` to iterate and search.
//   * `find_flags()`: the tls_flags body in a block, under one code point or
//     the first of several candidates, validated by the codec.
//
// Every function is constexpr and noexcept. None allocates, throws, prints
// or reads outside the range it is given, for any octets. Views (extension
// bodies, blocks) point into the caller's octets, which must outlive them.
//
// Framing errors are syntax: `decode_error` under both alert policies, since
// the draft's own catch-all (W8) speaks of the body and RFC 8446 governs the
// framing. A duplicate extension is `illegal_parameter` (W9).

#ifndef TLSFLAGS_EXTENSION_HPP_
#define TLSFLAGS_EXTENSION_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>

#include "tlsflags/codec.hpp"
#include "tlsflags/config.hpp"
#include "tlsflags/detail/reader.hpp"
#include "tlsflags/error.hpp"
#include "tlsflags/flag_set.hpp"

#if TLSFLAGS_HAS_SPAN
#include <span>
#endif

namespace tlsflags {

// kDefaultCodePoint is the extension type of tls_flags unless the caller
// asks for another: 62, the value BoringSSL, SPARKTLS and zssl use (W1).
inline constexpr std::uint16_t kDefaultCodePoint = 62;

// kCloudflareCodePoint is the extension type of tls_flags in Cloudflare's
// experimental deployment, 0xfe01 (65025), seen in its request-mTLS
// demonstration capture (W1).
inline constexpr std::uint16_t kCloudflareCodePoint = 0xfe01;

// kExtensionHeaderSize is the size of an extension's type and length.
inline constexpr std::size_t kExtensionHeaderSize = 4;

// extension
//
// One extension: its type and its body (`extension_data`), which points into
// the octets the extension was parsed from. `body` may be null when
// `body_size` is 0.
struct extension {
  std::uint16_t type = 0;
  const std::uint8_t* body = nullptr;
  std::size_t body_size = 0;
};

// extension_result
//
// The outcome of `parse_extension()`: on success `error` is `errc::ok` and
// `ext` is the extension; on failure `ext` is empty.
struct [[nodiscard]] extension_result {
  extension ext;
  errc error = errc::ok;

  // Returns whether the extension was framed correctly.
  constexpr explicit operator bool() const noexcept {
    return error == errc::ok;
  }
};

// parse_extension
//
// Parses `[data, data + size)` as exactly one whole extension of any type:
// a 2-octet type, a 2-octet length and a body of that length, with nothing
// after it. Fails with `errc::truncated_extension_header` when fewer than 4
// octets are given, and with `errc::extension_length_mismatch` when the
// length announces more octets than follow or fewer. `data` may be null when
// `size` is 0.
[[nodiscard]] constexpr extension_result parse_extension(
    const std::uint8_t* data, std::size_t size) noexcept {
  extension_result result;
  detail::reader input(data, size);
  std::uint16_t type = 0;
  std::uint16_t length = 0;

  // RFC 8446 section 4.2: the type and the length of extension_data.
  if (!input.read_u16(type) || !input.read_u16(length)) {
    result.error = errc::truncated_extension_header;
    return result;
  }

  // RFC 8446 section 4.2: the length frames the body exactly, neither
  // overlong nor short.
  if (length != input.remaining()) {
    result.error = errc::extension_length_mismatch;
    return result;
  }
  result.ext = extension{type, input.data(), input.remaining()};
  return result;
}

// decode_extension
//
// Decodes `[data, data + size)`, exactly one whole tls_flags extension, into
// a set of capacity `Capacity`: the framing of `parse_extension()`, then the
// type, which must be `code_point` (W1), then the body by the codec's
// `decode()` with `policy`. A type other than `code_point` fails with
// `errc::code_point_mismatch`. On failure `error` names the first broken
// rule and the set is empty.
//
// Example:
//
//   // Cloudflare's request-mTLS ClientHello (docs/rules.md, test vectors).
//   auto result = tlsflags::decode_extension<128>(
//       ext, ext_size, tlsflags::kCloudflareCodePoint);
//   result.flags.test(80);  // true
template <std::size_t Capacity>
[[nodiscard]] constexpr decode_result<Capacity> decode_extension(
    const std::uint8_t* data, std::size_t size,
    std::uint16_t code_point = kDefaultCodePoint,
    capacity_policy policy = capacity_policy::reject) noexcept {
  decode_result<Capacity> result;
  const extension_result parsed = parse_extension(data, size);
  if (!parsed) {
    result.error = parsed.error;
    return result;
  }

  // W1: tls_flags is found under the code point the caller chose.
  if (parsed.ext.type != code_point) {
    result.error = errc::code_point_mismatch;
    return result;
  }
  return decode<Capacity>(parsed.ext.body, parsed.ext.body_size, policy);
}

// encoded_extension_size returns the size of the whole extension that
// encodes `flags`: the 4-octet header and the body of `encoded_size()`. It
// returns 0 for an empty set, whose extension is left out (W4).
template <std::size_t Capacity>
[[nodiscard]] constexpr std::size_t encoded_extension_size(
    const basic_flag_set<Capacity>& flags) noexcept {
  const std::size_t body = encoded_size(flags);
  return body == 0 ? 0 : kExtensionHeaderSize + body;
}

// encode_extension
//
// Writes the whole extension for `flags` to `[out, out + out_size)`: the
// type `code_point` (W1), the 2-octet length and the minimal body of the
// codec's `encode()` (W2-W4). On success returns the number of octets
// written, `encoded_extension_size(flags)`. An empty set fails with
// `errc::empty_set` (W4: the extension is left out) and a buffer smaller
// than the extension with `errc::buffer_too_small`; on failure nothing is
// written.
template <std::size_t Capacity>
[[nodiscard]] constexpr encode_result encode_extension(
    const basic_flag_set<Capacity>& flags, std::uint8_t* out,
    std::size_t out_size,
    std::uint16_t code_point = kDefaultCodePoint) noexcept {
  encode_result result;
  const std::size_t size = encoded_extension_size(flags);
  if (size == 0) {
    result.error = errc::empty_set;
    return result;
  }
  if (size > out_size) {
    result.error = errc::buffer_too_small;
    return result;
  }
  const encode_result body = encode(flags, out + kExtensionHeaderSize,
                                    out_size - kExtensionHeaderSize);
  if (!body) {
    return body;
  }
  out[0] = static_cast<std::uint8_t>(code_point >> 8U);
  out[1] = static_cast<std::uint8_t>(code_point & 0xffU);
  out[2] = static_cast<std::uint8_t>(body.size >> 8U);
  out[3] = static_cast<std::uint8_t>(body.size & 0xffU);
  result.size = kExtensionHeaderSize + body.size;
  return result;
}

namespace detail {

// prepend_header returns `body` after a 4-octet extension header for
// `code_point`.
template <std::size_t BodySize>
[[nodiscard]] constexpr std::array<std::uint8_t,
                                   kExtensionHeaderSize + BodySize>
prepend_header(const std::array<std::uint8_t, BodySize>& body,
               std::uint16_t code_point) noexcept {
  static_assert(BodySize <= 0xffff, "an extension body fits a 2-octet length");
  std::array<std::uint8_t, kExtensionHeaderSize + BodySize> out{};
  out[0] = static_cast<std::uint8_t>(code_point >> 8U);
  out[1] = static_cast<std::uint8_t>(code_point & 0xffU);
  out[2] = static_cast<std::uint8_t>(BodySize >> 8U);
  out[3] = static_cast<std::uint8_t>(BodySize & 0xffU);
  for (std::size_t i = 0; i < BodySize; ++i) {
    out[kExtensionHeaderSize + i] = body[i];
  }
  return out;
}

}  // namespace detail

// encode_extension_array
//
// Returns the whole extension for the flags `Flags...`, known at compile
// time, under `code_point` (W1), as a `std::array` of exactly the right
// size. The body is the codec's `encode_array<Flags...>()`: a flag above
// 2039 (W3) or an empty list (W4) does not compile.
//
// Example:
//
//   constexpr auto ext =
//       tlsflags::encode_extension_array<8>(tlsflags::kDefaultCodePoint);
//   // 00 3e 00 03 02 00 01: SPARKTLS's NewSessionTicket (docs/rules.md)
template <std::size_t... Flags>
[[nodiscard]] constexpr auto encode_extension_array(
    std::uint16_t code_point = kDefaultCodePoint) noexcept {
  return detail::prepend_header(encode_array<Flags...>(), code_point);
}

// encode_extension_array
//
// Returns the whole extension, under `code_point` (W1), for the flag set
// that `make()` returns in a constant expression. `make` is a lambda without
// captures. An empty set does not compile (W4).
template <typename MakeSet>
[[nodiscard]] constexpr auto encode_extension_array(
    MakeSet make, std::uint16_t code_point = kDefaultCodePoint) noexcept {
  constexpr auto kFlags = make();
  static_assert(!kFlags.empty(),
                "W4: an empty flag set is not encoded; leave the extension "
                "out");
  std::array<std::uint8_t, encoded_extension_size(kFlags)> out{};
  (void)encode_extension(kFlags, out.data(), out.size(), code_point);
  return out;
}

class extension_block;

namespace detail {

// extension_block_access builds blocks that the caller has already
// validated. Not part of the public API.
struct extension_block_access {
  static constexpr extension_block make(const std::uint8_t* list,
                                        std::size_t size) noexcept;
};

}  // namespace detail

// extension_block
//
// A validated extension block: the octets of an `Extension extensions<..>`
// list without its 2-octet length, framed exactly and free of duplicate
// types (W9). Only `parse_extension_block()`, `parse_extensions_field()` and
// the handshake framing make nonempty blocks. A block points into the octets
// it was made from, which must outlive it and every extension read from it.
// A default-constructed block holds no extension.
//
// Iteration visits the extensions in wire order.
class extension_block {
 public:
  class iterator;

  constexpr extension_block() noexcept = default;

  // data returns the first octet of the list (null for an empty default
  // block).
  [[nodiscard]] constexpr const std::uint8_t* data() const noexcept {
    return data_;
  }

  // size_bytes returns the number of octets in the list.
  [[nodiscard]] constexpr std::size_t size_bytes() const noexcept {
    return size_;
  }

  // empty returns whether the block holds no extension.
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }

  // size returns the number of extensions, counted by walking the block.
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    for (iterator it = begin(); it != end(); ++it) {
      ++n;
    }
    return n;
  }

  // find returns the extension of type `type`, or no value when the block
  // has none. Types are unique in a block (W9), so there is at most one.
  [[nodiscard]] constexpr std::optional<extension> find(
      std::uint16_t type) const noexcept {
    for (iterator it = begin(); it != end(); ++it) {
      const extension ext = *it;
      if (ext.type == type) {
        return ext;
      }
    }
    return std::nullopt;
  }

  [[nodiscard]] constexpr iterator begin() const noexcept;
  [[nodiscard]] constexpr iterator end() const noexcept;

  // iterator: a forward iterator over the extensions of a block.
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = extension;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = extension;

    constexpr iterator() noexcept = default;

    [[nodiscard]] constexpr extension operator*() const noexcept {
      detail::reader copy = rest_;
      extension ext;
      std::uint16_t length = 0;
      detail::reader body;
      if (copy.read_u16(ext.type) && copy.read_u16(length) &&
          copy.read_bytes(length, body)) {
        ext.body = body.data();
        ext.body_size = body.remaining();
      }
      return ext;
    }

    // The block is validated, so every step finds a whole extension; a
    // step that did not would end the iteration rather than read past it.
    constexpr iterator& operator++() noexcept {
      std::uint16_t type = 0;
      std::uint16_t length = 0;
      if (!rest_.read_u16(type) || !rest_.read_u16(length) ||
          !rest_.skip(length)) {
        rest_ = detail::reader(rest_.data() + rest_.remaining(), 0);
      }
      return *this;
    }

    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }

    // Iterators of the same block are equal when as many octets remain.
    [[nodiscard]] friend constexpr bool operator==(const iterator& a,
                                                   const iterator& b) noexcept {
      return a.rest_.remaining() == b.rest_.remaining();
    }

    [[nodiscard]] friend constexpr bool operator!=(const iterator& a,
                                                   const iterator& b) noexcept {
      return !(a == b);
    }

   private:
    friend class extension_block;

    constexpr explicit iterator(detail::reader rest) noexcept : rest_(rest) {}

    detail::reader rest_;
  };

 private:
  friend struct detail::extension_block_access;

  constexpr extension_block(const std::uint8_t* list, std::size_t size) noexcept
      : data_(list), size_(size) {}

  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

constexpr extension_block::iterator extension_block::begin() const noexcept {
  return iterator(detail::reader(data_, size_));
}

constexpr extension_block::iterator extension_block::end() const noexcept {
  return iterator(detail::reader(data_ + size_, 0));
}

constexpr extension_block detail::extension_block_access::make(
    const std::uint8_t* list, std::size_t size) noexcept {
  return extension_block(list, size);
}

// block_result
//
// The outcome of `parse_extension_block()` and `parse_extensions_field()`.
// On success `error` is `errc::ok`, `block` is the validated block and
// `count` the number of extensions in it. On failure `block` is empty,
// `count` is 0,
// `offset` is where the broken structure begins, in octets from the start of
// the input (an extension's header, the first octet after the block, the
// duplicate extension), and `type` is the type of the extension at fault
// when the error is `extension_length_mismatch` or `duplicate_extension`.
struct [[nodiscard]] block_result {
  extension_block block;
  std::size_t count = 0;
  errc error = errc::ok;
  std::size_t offset = 0;
  std::uint16_t type = 0;

  // Returns whether the block is valid.
  constexpr explicit operator bool() const noexcept {
    return error == errc::ok;
  }
};

namespace detail {

// What inserting a type into a set of seen types found.
enum class insert_outcome : std::uint8_t { inserted, duplicate, full };

// small_type_set remembers up to 32 types by value: a real handshake message
// carries fewer than that, and 32 comparisons cost less than clearing a
// 65536-bit set.
struct small_type_set {
  static constexpr std::size_t kCapacity = 32;
  std::uint16_t types[kCapacity] = {};
  std::size_t size = 0;

  constexpr insert_outcome insert(std::uint16_t type) noexcept {
    for (std::size_t i = 0; i < size; ++i) {
      if (types[i] == type) {
        return insert_outcome::duplicate;
      }
    }
    if (size == kCapacity) {
      return insert_outcome::full;
    }
    types[size++] = type;
    return insert_outcome::inserted;
  }
};

// large_type_set remembers any number of types in one bit per possible type
// (8 KiB), for the rare block of more than 32 extensions: the walk stays
// linear in the size of the block.
struct large_type_set {
  std::uint64_t words[65536 / 64] = {};

  constexpr insert_outcome insert(std::uint16_t type) noexcept {
    std::uint64_t& word = words[type / 64U];
    const std::uint64_t bit = std::uint64_t{1} << (type % 64U);
    if ((word & bit) != 0) {
      return insert_outcome::duplicate;
    }
    word |= bit;
    return insert_outcome::inserted;
  }
};

// scan_block walks the list `[list, list + size)` one extension a step,
// remembering types in `seen`, and stops at the first broken rule. It sets
// `full` when `seen` ran out of room before the walk ended.
template <typename TypeSet>
constexpr block_result scan_block(const std::uint8_t* list, std::size_t size,
                                  TypeSet& seen, bool& full) noexcept {
  block_result result;
  std::size_t count = 0;
  reader rest(list, size);
  while (!rest.empty()) {
    const std::size_t at = size - rest.remaining();
    reader copy = rest;
    std::uint16_t type = 0;
    std::uint16_t length = 0;

    // RFC 8446 section 4.2: every extension starts with a 2-octet type and
    // a 2-octet length; fewer than 4 octets left cannot start one.
    if (!copy.read_u16(type) || !copy.read_u16(length)) {
      result.error = errc::truncated_extension_header;
      result.offset = at;
      return result;
    }

    // RFC 8446 section 4.2: the body the length announces lies within the
    // block.
    if (!copy.skip(length)) {
      result.error = errc::extension_length_mismatch;
      result.offset = at;
      result.type = type;
      return result;
    }

    // W9: a type appears at most once in one block.
    const insert_outcome outcome = seen.insert(type);
    if (outcome == insert_outcome::duplicate) {
      result.error = errc::duplicate_extension;
      result.offset = at;
      result.type = type;
      return result;
    }
    if (outcome == insert_outcome::full) {
      full = true;
      return result;
    }
    ++count;
    rest = copy;
  }
  result.block = extension_block_access::make(list, size);
  result.count = count;
  return result;
}

}  // namespace detail

// parse_extension_block
//
// Validates `[list, list + size)` as the contents of an extension block (the
// octets after its 2-octet length) and returns the block. The list must be
// consumed exactly: a list that ends inside an extension's 4-octet header
// fails with `errc::truncated_extension_header`, an extension whose length
// runs past the end of the list with `errc::extension_length_mismatch`, and
// a type seen earlier in the list with `errc::duplicate_extension` (W9).
// Errors are reported in wire order, the first one found. An empty list is a
// valid block with no extension. Time is linear in `size`; nothing is
// allocated. `list` may be null when `size` is 0.
[[nodiscard]] constexpr block_result parse_extension_block(
    const std::uint8_t* list, std::size_t size) noexcept {
  bool full = false;
  detail::small_type_set small;
  block_result result = detail::scan_block(list, size, small, full);
  if (!full) {
    return result;
  }
  detail::large_type_set large;
  return detail::scan_block(list, size, large, full);
}

// parse_extensions_field
//
// Validates `[data, data + size)` as exactly one `extensions` field: a
// 2-octet length, then the block it frames as `parse_extension_block()`
// checks it, then nothing. A missing or overlong length fails with
// `errc::truncated_extension_block`, octets after the block with
// `errc::extension_block_trailing_octets`. Offsets in the result count from
// `data`. `data` may be null when `size` is 0.
[[nodiscard]] constexpr block_result parse_extensions_field(
    const std::uint8_t* data, std::size_t size) noexcept {
  block_result result;
  detail::reader input(data, size);
  detail::reader list;

  // RFC 8446 section 4: the 2-octet length of the vector and the octets it
  // announces.
  if (!input.read_u16_prefixed(list)) {
    result.error = errc::truncated_extension_block;
    return result;
  }

  // Nothing follows the block.
  if (!input.empty()) {
    result.error = errc::extension_block_trailing_octets;
    result.offset = size - input.remaining();
    return result;
  }

  result = parse_extension_block(list.data(), list.remaining());
  if (!result) {
    result.offset += 2;
  }
  return result;
}

// find_flags_result
//
// The outcome of `find_flags()`. `found` says whether the block carries an
// extension under one of the candidate code points; `code_point` is the one
// it was found under, the first in the caller's order when several are
// present, and `matches` counts the candidates present. `ext` is the
// extension found, body and all, so that an analyzer can `diagnose()` a body
// that failed. When the body is valid, `view` reads its flags in place.
//
// `error` is `errc::ok` when no rule is broken, which includes the case
// where nothing was found: tls_flags is optional. Otherwise it is the first
// rule the body breaks, as the codec reports it (W2, W5-W7).
struct [[nodiscard]] find_flags_result {
  bool found = false;
  std::uint16_t code_point = 0;
  std::size_t matches = 0;
  extension ext;
  flags_view view;
  errc error = errc::ok;

  // Returns whether no rule is broken; check `found` for presence.
  constexpr explicit operator bool() const noexcept {
    return error == errc::ok;
  }
};

// find_flags
//
// Finds the tls_flags extension in `block` under the first of the
// `candidate_count` code points at `candidates` that the block carries (W1),
// and validates its body with the codec's `parse_view()`. See
// `find_flags_result`. `candidates` may be null when `candidate_count` is 0;
// nothing is then found.
[[nodiscard]] constexpr find_flags_result find_flags(
    const extension_block& block, const std::uint16_t* candidates,
    std::size_t candidate_count) noexcept {
  find_flags_result result;
  std::size_t best_rank = candidate_count;
  for (const extension ext : block) {
    for (std::size_t rank = 0; rank < candidate_count; ++rank) {
      if (candidates[rank] != ext.type) {
        continue;
      }
      ++result.matches;
      if (rank < best_rank) {
        best_rank = rank;
        result.found = true;
        result.code_point = ext.type;
        result.ext = ext;
      }
      break;
    }
  }
  if (!result.found) {
    return result;
  }
  const view_result body = parse_view(result.ext.body, result.ext.body_size);
  result.view = body.view;
  result.error = body.error;
  return result;
}

// find_flags
//
// As above, for candidates written in place, the first preferred:
// `find_flags(block, {62, 0xfe01})`.
[[nodiscard]] constexpr find_flags_result find_flags(
    const extension_block& block,
    std::initializer_list<std::uint16_t> candidates) noexcept {
  return find_flags(block, candidates.begin(), candidates.size());
}

// find_flags
//
// As above, for the one code point `code_point`, 62 by default (W1).
//
// Example:
//
//   auto parsed = tlsflags::parse_extension_block(list, list_size);
//   if (!parsed) {
//     return tlsflags::alert_for(parsed.error);  // W9, framing
//   }
//   auto flags = tlsflags::find_flags(parsed.block);
//   if (!flags) {
//     return tlsflags::alert_for(flags.error);  // W2, W5-W7
//   }
//   if (flags.found && flags.view.test(80)) { ... }
[[nodiscard]] constexpr find_flags_result find_flags(
    const extension_block& block,
    std::uint16_t code_point = kDefaultCodePoint) noexcept {
  return find_flags(block, &code_point, 1);
}

#if TLSFLAGS_HAS_SPAN
// Overloads for `std::span`, with the same contracts as above.

[[nodiscard]] constexpr extension_result parse_extension(
    std::span<const std::uint8_t> data) noexcept {
  return parse_extension(data.data(), data.size());
}

template <std::size_t Capacity>
[[nodiscard]] constexpr decode_result<Capacity> decode_extension(
    std::span<const std::uint8_t> data,
    std::uint16_t code_point = kDefaultCodePoint,
    capacity_policy policy = capacity_policy::reject) noexcept {
  return decode_extension<Capacity>(data.data(), data.size(), code_point,
                                    policy);
}

template <std::size_t Capacity>
[[nodiscard]] constexpr encode_result encode_extension(
    const basic_flag_set<Capacity>& flags, std::span<std::uint8_t> out,
    std::uint16_t code_point = kDefaultCodePoint) noexcept {
  return encode_extension(flags, out.data(), out.size(), code_point);
}

[[nodiscard]] constexpr block_result parse_extension_block(
    std::span<const std::uint8_t> list) noexcept {
  return parse_extension_block(list.data(), list.size());
}

[[nodiscard]] constexpr block_result parse_extensions_field(
    std::span<const std::uint8_t> data) noexcept {
  return parse_extensions_field(data.data(), data.size());
}

[[nodiscard]] constexpr find_flags_result find_flags(
    const extension_block& block,
    std::span<const std::uint16_t> candidates) noexcept {
  return find_flags(block, candidates.data(), candidates.size());
}
#endif

}  // namespace tlsflags

#endif  // TLSFLAGS_EXTENSION_HPP_
