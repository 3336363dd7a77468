// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: codec.hpp
// -----------------------------------------------------------------------------
//
// The body codec: a flag set to the octets of a tls_flags `extension_data`
// and back. The body is
//
//   struct { opaque flags<1..255>; } FlagExtensions;
//
// one length octet `L` and then the `L` octets of the vector (W2), in which
// flag `n` is bit `n % 8` of octet `n / 8` (W3). Encoding is minimal: the
// vector ends at the octet that holds the highest flag (W4).
//
// Four ways in, for four kinds of caller:
//
//   * `decode<Capacity>()`: strict decoding into a flag set, for TLS stacks.
//     Stops at the first broken rule.
//   * `parse_view()`: strict validation without a copy; the view tests flags
//     in the caller's octets.
//   * `diagnose()`: for analyzers. Recovers every flag a malformed body still
//     carries and lists every rule it breaks.
//   * `encode()`, `encoded_size()` and `encode_array()`: a flag set to octets,
//     at run time or at compile time.
//
// Every function here is constexpr and noexcept. None allocates, throws,
// prints or reads outside the `[body, body + size)` range it is given, for
// any octets. At run time on little-endian targets the vector is copied a
// word at a time; in constant expressions, and on other targets, a byte loop
// computes the same results.

#ifndef TLSFLAGS_CODEC_HPP_
#define TLSFLAGS_CODEC_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>

#include "tlsflags/config.hpp"
#include "tlsflags/detail/bits.hpp"
#include "tlsflags/error.hpp"
#include "tlsflags/flag_set.hpp"

#if TLSFLAGS_HAS_SPAN
#include <span>
#endif

namespace tlsflags {

// capacity_policy
//
// What decoding does with a flag at or above the capacity of the set it
// decodes into. Neither choice loses a flag silently.
enum class capacity_policy : std::uint8_t {
  // Fail with `errc::flag_above_capacity`. For responding messages, where
  // every flag must be one this side proposed (S2).
  reject = 0,

  // Leave the flag out and count it in `decode_result::dropped`. For
  // proposing messages, where unknown flags are ignored (S4).
  drop = 1,
};

// decode_result
//
// The outcome of strict decoding. On success `error` is `errc::ok`, `flags`
// holds the decoded flags and `dropped` counts the flags left out under
// `capacity_policy::drop`. On failure `error` names the broken rule, `flags`
// is empty and `dropped` is 0.
template <std::size_t Capacity>
struct [[nodiscard]] decode_result {
  basic_flag_set<Capacity> flags;
  std::size_t dropped = 0;
  errc error = errc::ok;

  // Returns whether decoding succeeded.
  constexpr explicit operator bool() const noexcept {
    return error == errc::ok;
  }
};

// encode_result
//
// The outcome of `encode()`: on success `error` is `errc::ok` and `size` is
// the number of octets written; on failure `size` is 0 and nothing was
// written.
struct [[nodiscard]] encode_result {
  std::size_t size = 0;
  errc error = errc::ok;

  // Returns whether encoding succeeded.
  constexpr explicit operator bool() const noexcept {
    return error == errc::ok;
  }
};

namespace detail {

// validate_body checks the framing of a body, one rule a paragraph, in the
// order every entry point reports them, and returns the first broken rule.
[[nodiscard]] constexpr errc validate_body(const std::uint8_t* body,
                                           std::size_t size) noexcept {
  // W2: extension_data begins with the length octet of the vector.
  if (size == 0) {
    return errc::missing_length_octet;
  }
  const std::size_t length = body[0];

  // W6: `flags<1..255>` has no room for an empty vector.
  if (length == 0) {
    return errc::empty_vector;
  }

  // W7: extension_data is exactly the length octet and the vector.
  if (length > size - 1) {
    return errc::truncated_vector;
  }
  if (length < size - 1) {
    return errc::trailing_octets;
  }

  // W5 (and W4): the last octet holds the highest flag, so it is never zero.
  // An all-zero vector fails here too.
  if (body[length] == 0) {
    return errc::trailing_zero_octet;
  }
  return errc::ok;
}

// highest_bit returns the position of the highest set bit of a nonzero
// `octet`.
[[nodiscard]] constexpr std::size_t highest_bit(std::uint8_t octet) noexcept {
  return 63 - static_cast<std::size_t>(countl_zero(octet));
}

// load_le reads `n` octets (1 to 8) at `p` as a little-endian integer with at
// most two overlapping loads, instead of a call to memcpy of variable size.
inline std::uint64_t load_le(const std::uint8_t* p, std::size_t n) noexcept {
  if (n >= 4) {
    std::uint32_t lo = 0;
    std::uint32_t hi = 0;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return std::uint64_t{lo} | (std::uint64_t{hi} << (8 * (n - 4)));
  }
  return std::uint64_t{p[0]} | (std::uint64_t{p[n / 2]} << (8 * (n / 2))) |
         (std::uint64_t{p[n - 1]} << (8 * (n - 1)));
}

// load_chunk reads `n` octets (1 to 8) at `p` as a little-endian integer:
// one load for a whole word, at most two otherwise.
constexpr std::uint64_t load_chunk(const std::uint8_t* p,
                                   std::size_t n) noexcept {
#if TLSFLAGS_HAS_IS_CONSTANT_EVALUATED && TLSFLAGS_LITTLE_ENDIAN
  if (!TLSFLAGS_IS_CONSTANT_EVALUATED()) {
    if (n == 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, p, 8);
      return word;
    }
    return load_le(p, n);
  }
#endif
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < n; ++i) {
    word |= std::uint64_t{p[i]} << (8 * i);
  }
  return word;
}

// store_le writes the low `n` octets (1 to 8) of `word` to `p`, least
// significant first, with at most two overlapping stores: the converse of
// load_le.
inline void store_le(std::uint8_t* p, std::uint64_t word,
                     std::size_t n) noexcept {
  if (n >= 4) {
    const auto lo = static_cast<std::uint32_t>(word);
    const auto hi = static_cast<std::uint32_t>(word >> (8 * (n - 4)));
    std::memcpy(p, &lo, 4);
    std::memcpy(p + n - 4, &hi, 4);
    return;
  }
  p[0] = static_cast<std::uint8_t>(word);
  p[n / 2] = static_cast<std::uint8_t>(word >> (8 * (n / 2)));
  p[n - 1] = static_cast<std::uint8_t>(word >> (8 * (n - 1)));
}

// copy_octets stores `n` octets of a vector into zeroed words, octet `i` in
// bits `8 * (i % 8)` of word `i / 8`. Precondition: `n` is at most 8 times
// the number of words.
constexpr void copy_octets(std::uint64_t* words, const std::uint8_t* vector,
                           std::size_t n) noexcept {
#if TLSFLAGS_HAS_IS_CONSTANT_EVALUATED && TLSFLAGS_LITTLE_ENDIAN
  if (!TLSFLAGS_IS_CONSTANT_EVALUATED()) {
    if (n > 8) {
      std::memcpy(words, vector, n);
    } else if (n > 0) {
      words[0] = load_le(vector, n);
    }
    return;
  }
#endif
  for (std::size_t i = 0; i < n; ++i) {
    words[i / 8] |= std::uint64_t{vector[i]} << (8 * (i % 8));
  }
}

// count_flags returns the number of set bits in the `n` octets at `p`,
// counted a word at a time at run time.
constexpr std::size_t count_flags(const std::uint8_t* p,
                                  std::size_t n) noexcept {
  std::size_t count = 0;
#if TLSFLAGS_HAS_IS_CONSTANT_EVALUATED
  if (!TLSFLAGS_IS_CONSTANT_EVALUATED()) {
    // The order of the octets in a word does not change its bit count.
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, p, 8);
      count += static_cast<std::size_t>(popcount(word));
    }
    if (n > 0) {
      count += static_cast<std::size_t>(popcount(load_le(p, n)));
    }
    return count;
  }
#endif
  for (std::size_t i = 0; i < n; ++i) {
    count += static_cast<std::size_t>(popcount(p[i]));
  }
  return count;
}

// load_vector stores the flags of `length` vector octets that fit into
// `set`, which must be empty, and returns the number of flags at or above
// its capacity that it left out. Any octets are accepted.
template <std::size_t Capacity>
constexpr std::size_t load_vector(basic_flag_set<Capacity>& set,
                                  const std::uint8_t* vector,
                                  std::size_t length) noexcept {
  std::uint64_t* words = flag_set_access::words(set);

  // Every flag of a vector of at most `Capacity / 8` octets fits: the common
  // case, and always so for a set of every flag, is a copy.
  if (length <= Capacity / 8) {
    copy_octets(words, vector, length);
    return 0;
  }

  constexpr std::size_t kStoredOctets = (Capacity + 7) / 8;
  const std::size_t n = length < kStoredOctets ? length : kStoredOctets;
  copy_octets(words, vector, n);
  std::size_t dropped = 0;
  if constexpr (Capacity % 8 != 0) {
    // The last stored octet holds flags on both sides of the capacity.
    if (n == kStoredOctets) {
      std::uint64_t& last = words[basic_flag_set<Capacity>::kWordCount - 1];
      const std::uint64_t above =
          last & ~((std::uint64_t{1} << (Capacity % 64)) - 1);
      dropped += static_cast<std::size_t>(popcount(above));
      last &= ~above;
    }
  }
  return dropped + count_flags(vector + n, length - n);
}

}  // namespace detail

// decode
//
// Decodes the body `[body, body + size)` into a set of capacity `Capacity`,
// enforcing W2 and W5-W7 and stopping at the first broken rule (see
// `errc`). A flag at or above `Capacity` is rejected or dropped, as `policy`
// says. `body` may be null when `size` is 0.
//
// Example:
//
//   const std::uint8_t body[] = {0x01, 0x22};
//   auto result = tlsflags::decode<64>(body, sizeof body);
//   if (!result) {
//     return tlsflags::alert_for(result.error);  // the alert to send
//   }
//   result.flags.test(5);  // true
template <std::size_t Capacity>
[[nodiscard]] constexpr decode_result<Capacity> decode(
    const std::uint8_t* body, std::size_t size,
    capacity_policy policy = capacity_policy::reject) noexcept {
  decode_result<Capacity> result;
  result.error = detail::validate_body(body, size);
  if (result.error != errc::ok) {
    return result;
  }
  const std::size_t length = body[0];
  const std::uint8_t* vector = body + 1;

  // The vector is valid, so its last octet holds the highest flag: a set too
  // small for it is known before any copy. A vector of at most `Capacity / 8`
  // octets always fits.
  if (length > Capacity / 8 && policy == capacity_policy::reject) {
    const std::size_t highest =
        (length - 1) * 8 + detail::highest_bit(vector[length - 1]);
    if (highest >= Capacity) {
      result.error = errc::flag_above_capacity;
      return result;
    }
  }
  result.dropped = detail::load_vector(result.flags, vector, length);
  return result;
}

struct view_result;
[[nodiscard]] constexpr view_result parse_view(const std::uint8_t* body,
                                               std::size_t size) noexcept;

// flags_view
//
// A validated flags vector, read in place: a zero-copy alternative to
// `decode()` for a caller that tests a few flags. It points into the octets
// it was made from, which must outlive it. A default-constructed view holds
// no flag. Every flag number may be tested; those beyond the vector are not
// set.
class flags_view {
 public:
  class iterator;

  constexpr flags_view() noexcept = default;

  // test returns whether `flag` is set in the vector.
  [[nodiscard]] constexpr bool test(std::size_t flag) const noexcept {
    return flag / 8 < size_ &&
           ((unsigned{vector_[flag / 8]} >> (flag % 8)) & 1U) != 0;
  }

  // vector returns the first octet of the vector (after the length octet).
  [[nodiscard]] constexpr const std::uint8_t* vector() const noexcept {
    return vector_;
  }

  // vector_size returns the number of octets in the vector: 1 to 255, or 0
  // for a default-constructed view.
  [[nodiscard]] constexpr std::size_t vector_size() const noexcept {
    return size_;
  }

  // empty returns whether the view holds no flag, which is only true of a
  // default-constructed view.
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }

  // highest returns the highest flag set, or no value for an empty view.
  [[nodiscard]] constexpr std::optional<std::size_t> highest() const noexcept {
    if (size_ == 0) {
      return std::nullopt;
    }
    return (size_ - 1) * 8 + detail::highest_bit(vector_[size_ - 1]);
  }

  // count returns the number of flags set.
  [[nodiscard]] constexpr std::size_t count() const noexcept {
    return detail::count_flags(vector_, size_);
  }

  // to_set copies the flags into a set of capacity `Capacity`, with the same
  // contract as `decode()` for flags at or above it.
  template <std::size_t Capacity>
  [[nodiscard]] constexpr decode_result<Capacity> to_set(
      capacity_policy policy = capacity_policy::reject) const noexcept {
    decode_result<Capacity> result;
    const std::optional<std::size_t> top = highest();
    if (top && *top >= Capacity && policy == capacity_policy::reject) {
      result.error = errc::flag_above_capacity;
      return result;
    }
    result.dropped = detail::load_vector(result.flags, vector_, size_);
    return result;
  }

  [[nodiscard]] constexpr iterator begin() const noexcept;
  [[nodiscard]] constexpr iterator end() const noexcept;

  // iterator: a forward iterator over the set flags, in ascending order. It
  // reads the vector up to 8 octets at a time, so runs of empty octets cost
  // one load per 8.
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::size_t;

    constexpr iterator() noexcept = default;

    [[nodiscard]] constexpr std::size_t operator*() const noexcept {
      return index_ * 8 + static_cast<std::size_t>(detail::countr_zero(bits_));
    }

    constexpr iterator& operator++() noexcept {
      bits_ &= bits_ - 1U;
      skip_empty_octets();
      return *this;
    }

    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }

    [[nodiscard]] friend constexpr bool operator==(const iterator& a,
                                                   const iterator& b) noexcept {
      return a.index_ == b.index_ && a.bits_ == b.bits_;
    }

    [[nodiscard]] friend constexpr bool operator!=(const iterator& a,
                                                   const iterator& b) noexcept {
      return !(a == b);
    }

   private:
    friend class flags_view;

    constexpr iterator(const std::uint8_t* vector, std::size_t size,
                       std::size_t index) noexcept
        : vector_(vector), size_(size), index_(index) {
      if (index_ < size_) {
        bits_ = load();
        skip_empty_octets();
      }
    }

    // load reads the (up to) 8 octets from `index_` on.
    [[nodiscard]] constexpr std::uint64_t load() const noexcept {
      const std::size_t left = size_ - index_;
      return detail::load_chunk(vector_ + index_, left < 8 ? left : 8);
    }

    // skip_empty_octets moves to the next set flag, or to the end, where
    // `index_` is `size_` as in end().
    constexpr void skip_empty_octets() noexcept {
      while (bits_ == 0) {
        index_ += 8;
        if (index_ >= size_) {
          index_ = size_;
          return;
        }
        bits_ = load();
      }
    }

    const std::uint8_t* vector_ = nullptr;
    std::size_t size_ = 0;
    std::size_t index_ = 0;
    std::uint64_t bits_ = 0;
  };

 private:
  friend constexpr view_result parse_view(const std::uint8_t* body,
                                          std::size_t size) noexcept;

  constexpr flags_view(const std::uint8_t* vector, std::size_t size) noexcept
      : vector_(vector), size_(size) {}

  const std::uint8_t* vector_ = nullptr;
  std::size_t size_ = 0;
};

constexpr flags_view::iterator flags_view::begin() const noexcept {
  return iterator(vector_, size_, 0);
}

constexpr flags_view::iterator flags_view::end() const noexcept {
  return iterator(vector_, size_, size_);
}

// view_result
//
// The outcome of `parse_view()`: on success `error` is `errc::ok` and `view`
// reads the vector in place; on failure `view` is empty.
struct [[nodiscard]] view_result {
  flags_view view;
  errc error = errc::ok;

  // Returns whether the body was valid.
  constexpr explicit operator bool() const noexcept {
    return error == errc::ok;
  }
};

// parse_view
//
// Validates the body `[body, body + size)` by the same rules as `decode()`
// and, on success, returns a view of its vector that points into `body`.
// `body` may be null when `size` is 0.
[[nodiscard]] constexpr view_result parse_view(const std::uint8_t* body,
                                               std::size_t size) noexcept {
  view_result result;
  result.error = detail::validate_body(body, size);
  if (result.error == errc::ok) {
    result.view = flags_view(body + 1, body[0]);
  }
  return result;
}

// diagnosis
//
// What `diagnose()` found in a body, valid or not.
struct diagnosis {
  // Every flag the body carries: the set bits of the vector octets present.
  // Octets after the vector are not flags and are not read as flags.
  flag_set flags;

  // Every rule the body breaks; empty for a valid body.
  errc_set problems;

  // The first broken rule, the one `decode()` reports; `errc::ok` for a
  // valid body.
  errc error = errc::ok;

  // The value of the length octet (0 when there is none).
  std::size_t length = 0;

  // The number of vector octets present: `length`, or fewer when the body is
  // truncated.
  std::size_t vector_octets = 0;

  // The number of octets after the vector.
  std::size_t trailing_octets = 0;

  // Returns whether the body is valid.
  constexpr explicit operator bool() const noexcept {
    return error == errc::ok;
  }
};

// diagnose
//
// Reads the body `[body, body + size)` as an analyzer would: it never stops
// early, recovers every flag in the vector octets present, and lists every
// rule broken (W2, W5, W6, W7). Whenever `decode()` succeeds on the same
// octets, `diagnose()` finds no problem and the same flags. A truncated
// vector is not checked for a zero last octet, since its last octet is
// missing. `body` may be null when `size` is 0.
[[nodiscard]] constexpr diagnosis diagnose(const std::uint8_t* body,
                                           std::size_t size) noexcept {
  diagnosis result;
  result.error = detail::validate_body(body, size);

  // W2: without a length octet there is nothing more to read.
  if (size == 0) {
    result.problems.add(errc::missing_length_octet);
    return result;
  }
  result.length = body[0];
  const std::size_t present = size - 1;

  // W6: an empty vector.
  if (result.length == 0) {
    result.problems.add(errc::empty_vector);
  }

  // W7: a vector longer than the body, or octets after it.
  if (result.length > present) {
    result.problems.add(errc::truncated_vector);
    result.vector_octets = present;
  } else {
    result.vector_octets = result.length;
    result.trailing_octets = present - result.length;
    if (result.trailing_octets != 0) {
      result.problems.add(errc::trailing_octets);
    }
  }

  // W5: a complete, nonempty vector whose last octet is zero.
  if (result.length != 0 && result.length <= present &&
      body[result.length] == 0) {
    result.problems.add(errc::trailing_zero_octet);
  }

  (void)detail::load_vector(result.flags, body + 1, result.vector_octets);
  return result;
}

// make_flag_set
//
// Returns the set of the `count` flag numbers at `flags`, checked as
// decoding checks the wire: a number above 2039 fails with
// `errc::flag_out_of_range` (W3), and a number at or above `Capacity` is
// rejected (`errc::flag_above_capacity`) or dropped and counted, as `policy`
// says; `dropped` counts each number left out as often as it appears.
// Duplicates are allowed. On failure the set is empty. `flags` may be
// null when `count` is 0. For flags known at compile time the
// `basic_flag_set` constructor, which refuses such numbers at compile time,
// is simpler.
//
// Example:
//
//   const std::size_t wanted[] = {8, 80};  // from a configuration file
//   auto made = tlsflags::make_flag_set<128>(wanted, 2);
//   if (!made) { ... }  // made.error
template <std::size_t Capacity>
[[nodiscard]] constexpr decode_result<Capacity> make_flag_set(
    const std::size_t* flags, std::size_t count,
    capacity_policy policy = capacity_policy::reject) noexcept {
  decode_result<Capacity> result;
  for (std::size_t i = 0; i < count; ++i) {
    // W3: no vector carries a flag above 2039.
    if (flags[i] > kMaxFlag) {
      return decode_result<Capacity>{{}, 0, errc::flag_out_of_range};
    }
    if (!result.flags.set(flags[i])) {
      if (policy == capacity_policy::reject) {
        return decode_result<Capacity>{{}, 0, errc::flag_above_capacity};
      }
      ++result.dropped;
    }
  }
  return result;
}

// make_flag_set
//
// As above, for flags written in place: `make_flag_set<128>({8, 80})`.
template <std::size_t Capacity>
[[nodiscard]] constexpr decode_result<Capacity> make_flag_set(
    std::initializer_list<std::size_t> flags,
    capacity_policy policy = capacity_policy::reject) noexcept {
  return make_flag_set<Capacity>(flags.begin(), flags.size(), policy);
}

// encoded_size returns the size of the body that encodes `flags`: the length
// octet and the octets up to the one holding the highest flag (W4). It
// returns 0 for an empty set, whose extension is left out.
template <std::size_t Capacity>
[[nodiscard]] constexpr std::size_t encoded_size(
    const basic_flag_set<Capacity>& flags) noexcept {
  const std::optional<std::size_t> top = flags.highest();
  return top ? 1 + *top / 8 + 1 : 0;
}

// encode
//
// Writes the minimal body for `flags` to `[out, out + out_size)` (W2-W4). On
// success returns the number of octets written, `encoded_size(flags)`. An
// empty set fails with `errc::empty_set`: the sender leaves the extension out
// (W4). A buffer smaller than the encoding fails with
// `errc::buffer_too_small`. On failure nothing is written.
template <std::size_t Capacity>
[[nodiscard]] constexpr encode_result encode(
    const basic_flag_set<Capacity>& flags, std::uint8_t* out,
    std::size_t out_size) noexcept {
  encode_result result;
  const std::size_t size = encoded_size(flags);
  if (size == 0) {
    result.error = errc::empty_set;
    return result;
  }
  if (size > out_size) {
    result.error = errc::buffer_too_small;
    return result;
  }

  const std::size_t length = size - 1;
  out[0] = static_cast<std::uint8_t>(length);
  std::uint8_t* vector = out + 1;
  for (std::size_t i = 0; i < basic_flag_set<Capacity>::kWordCount; ++i) {
    if (i * 8 >= length) {
      break;
    }
    const std::uint64_t word = flags.word(i);
#if TLSFLAGS_HAS_IS_CONSTANT_EVALUATED && TLSFLAGS_LITTLE_ENDIAN
    if (!TLSFLAGS_IS_CONSTANT_EVALUATED()) {
      // A whole word is one store; only the last may be partial.
      const std::size_t left = length - i * 8;
      if (left >= 8) {
        std::memcpy(vector + i * 8, &word, 8);
      } else {
        detail::store_le(vector + i * 8, word, left);
      }
      continue;
    }
#endif
    for (std::size_t j = i * 8; j < length && j < i * 8 + 8; ++j) {
      vector[j] = static_cast<std::uint8_t>(word >> (8 * (j % 8)));
    }
  }
  result.size = size;
  return result;
}

// encode_array
//
// Returns the body for the flags `Flags...`, known at compile time, as a
// `std::array` of exactly the right size. A flag above 2039 (W3) or an empty
// list (W4) does not compile.
//
// Example:
//
//   constexpr auto body = tlsflags::encode_array<1, 5>();
//   static_assert(body.size() == 2 && body[0] == 0x01 && body[1] == 0x22);
template <std::size_t... Flags>
[[nodiscard]] constexpr auto encode_array() noexcept {
  static_assert(sizeof...(Flags) > 0,
                "W4: an empty flag set is not encoded; leave the extension "
                "out");
  static_assert(((Flags <= kMaxFlag) && ...),
                "W3: flag numbers run from 0 to 2039");
  constexpr std::size_t kHighest = [] {
    std::size_t highest = 0;
    ((highest = Flags > highest ? Flags : highest), ...);
    return highest;
  }();
  std::array<std::uint8_t, 1 + kHighest / 8 + 1> out{};
  out[0] = static_cast<std::uint8_t>(kHighest / 8 + 1);
  ((out[1 + Flags / 8] |= static_cast<std::uint8_t>(1U << (Flags % 8))), ...);
  return out;
}

// encode_array
//
// Returns the body for the flag set that `make()` returns in a constant
// expression, as a `std::array` of exactly the right size. `make` is a
// lambda without captures. An empty set does not compile (W4).
//
// Example:
//
//   constexpr auto body = tlsflags::encode_array(
//       [] { return tlsflags::basic_flag_set<128>{80}; });
template <typename MakeSet>
[[nodiscard]] constexpr auto encode_array(MakeSet make) noexcept {
  constexpr auto kFlags = make();
  static_assert(!kFlags.empty(),
                "W4: an empty flag set is not encoded; leave the extension "
                "out");
  std::array<std::uint8_t, encoded_size(kFlags)> out{};
  (void)encode(kFlags, out.data(), out.size());
  return out;
}

#if TLSFLAGS_HAS_SPAN
// Overloads for `std::span`, with the same contracts as above.

template <std::size_t Capacity>
[[nodiscard]] constexpr decode_result<Capacity> decode(
    std::span<const std::uint8_t> body,
    capacity_policy policy = capacity_policy::reject) noexcept {
  return decode<Capacity>(body.data(), body.size(), policy);
}

[[nodiscard]] constexpr view_result parse_view(
    std::span<const std::uint8_t> body) noexcept {
  return parse_view(body.data(), body.size());
}

[[nodiscard]] constexpr diagnosis diagnose(
    std::span<const std::uint8_t> body) noexcept {
  return diagnose(body.data(), body.size());
}

template <std::size_t Capacity>
[[nodiscard]] constexpr encode_result encode(
    const basic_flag_set<Capacity>& flags,
    std::span<std::uint8_t> out) noexcept {
  return encode(flags, out.data(), out.size());
}
#endif

}  // namespace tlsflags

#endif  // TLSFLAGS_CODEC_HPP_
