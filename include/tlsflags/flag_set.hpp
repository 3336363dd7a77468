// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: flag_set.hpp
// -----------------------------------------------------------------------------
//
// A flag set is a set of flag numbers, the in-memory form of a tls_flags
// vector. `basic_flag_set<Capacity>` holds flags 0 to Capacity - 1 in an
// array of 64-bit words, in the same order as the wire (W3: flag `n` is bit
// `n % 64` of word `n / 64`), so that decoding is a copy.
//
// The wire can carry flags 0 to 2039 (W3). A TLS stack keeps the few dozen it
// knows in one or two words; an analyzer keeps all 2040 with `flag_set`.
// Every operation is constexpr and noexcept and never allocates.
//
// Example:
//
//   constexpr tlsflags::basic_flag_set<128> proposed{8, 80};
//   static_assert(proposed.test(80));
//   for (std::size_t flag : proposed) { ... }  // 8, then 80

#ifndef TLSFLAGS_FLAG_SET_HPP_
#define TLSFLAGS_FLAG_SET_HPP_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <type_traits>

#include "tlsflags/config.hpp"
#include "tlsflags/detail/bits.hpp"

namespace tlsflags {

// kMaxVectorSize is the most octets a flags vector holds: `flags<1..255>`
// (W2).
inline constexpr std::size_t kMaxVectorSize = 255;

// kMaxFlags is the number of flags the wire can carry, 0 to 2039 (W3).
inline constexpr std::size_t kMaxFlags = kMaxVectorSize * 8;

// kMaxFlag is the highest flag number the wire can carry (W3).
inline constexpr std::size_t kMaxFlag = kMaxFlags - 1;

template <std::size_t Capacity>
class basic_flag_set;

namespace detail {

// flag_set_access gives the codec direct access to a set's words, so that
// decoding and encoding can copy whole words. Not part of the public API.
struct flag_set_access {
  template <std::size_t Capacity>
  static constexpr std::uint64_t* words(basic_flag_set<Capacity>& set) {
    return set.words_;
  }
};

// Not constexpr on purpose: reaching it in a constant expression makes the
// expression ill-formed, so a bad flag number in a constexpr flag set is a
// compile error.
inline void flag_number_is_not_below_capacity() noexcept {}

}  // namespace detail

// basic_flag_set
//
// A fixed-capacity set of flag numbers 0 to `Capacity - 1`, where `Capacity`
// is between 1 and `kMaxFlags` (2040). Its size is `Capacity` bits rounded up
// to whole 64-bit words. Flags at or above `Capacity` cannot be stored:
// `set()` reports them and leaves the set unchanged, `test()` answers false.
//
// Iteration visits set flags in ascending order, at a cost per set flag, not
// per bit. The set operators (`|`, `&`, `-`) and comparisons work between sets
// of the same capacity; `is_subset_of()` works across capacities, and a set
// converts implicitly to any set of equal or larger capacity.
template <std::size_t Capacity>
class basic_flag_set {
  static_assert(Capacity >= 1 && Capacity <= kMaxFlags,
                "a flag set holds between 1 and 2040 flags (W3)");

 public:
  // kWordCount is the number of 64-bit words the set occupies.
  static constexpr std::size_t kWordCount = (Capacity + 63) / 64;

  class iterator;
  using value_type = std::size_t;
  using size_type = std::size_t;
  using const_iterator = iterator;

  // Constructs an empty set.
  constexpr basic_flag_set() noexcept = default;

  // Constructs the set of `flags`. Precondition: every flag is below
  // `Capacity`. In a constant expression a flag at or above `Capacity` does
  // not compile; at run time it is not added. Use `set()` to check each flag
  // at run time.
  constexpr basic_flag_set(std::initializer_list<std::size_t> flags) noexcept {
    for (std::size_t flag : flags) {
      if (!set(flag)) {
        detail::flag_number_is_not_below_capacity();
      }
    }
  }

  // Constructs a copy of `other`, a set of smaller capacity. The conversion
  // never loses a flag, so it is implicit.
  template <std::size_t Other, typename = std::enable_if_t<(Other < Capacity)>>
  // cppcheck-suppress noExplicitConstructor
  constexpr basic_flag_set(const basic_flag_set<Other>& other) noexcept {
    for (std::size_t i = 0; i < basic_flag_set<Other>::kWordCount; ++i) {
      words_[i] = other.word(i);
    }
  }

  // capacity returns `Capacity`: every flag stored is below it.
  [[nodiscard]] static constexpr std::size_t capacity() noexcept {
    return Capacity;
  }

  // set adds `flag` and returns true, or returns false and leaves the set
  // unchanged when `flag` is at or above `Capacity`.
  constexpr bool set(std::size_t flag) noexcept {
    if (flag >= Capacity) {
      return false;
    }
    words_[flag / 64] |= bit(flag);
    return true;
  }

  // reset removes `flag`; a flag that is not in the set, or is at or above
  // `Capacity`, leaves the set unchanged.
  constexpr void reset(std::size_t flag) noexcept {
    if (flag < Capacity) {
      words_[flag / 64] &= ~bit(flag);
    }
  }

  // clear removes every flag.
  constexpr void clear() noexcept {
    for (std::uint64_t& w : words_) {
      w = 0;
    }
  }

  // test returns whether `flag` is in the set; false for any flag at or above
  // `Capacity`.
  [[nodiscard]] constexpr bool test(std::size_t flag) const noexcept {
    return flag < Capacity && (words_[flag / 64] & bit(flag)) != 0;
  }

  // count returns the number of flags in the set.
  [[nodiscard]] constexpr std::size_t count() const noexcept {
    std::size_t n = 0;
    for (std::uint64_t w : words_) {
      n += static_cast<std::size_t>(detail::popcount(w));
    }
    return n;
  }

  // empty returns whether the set holds no flag.
  [[nodiscard]] constexpr bool empty() const noexcept {
    for (std::uint64_t w : words_) {
      if (w != 0) {
        return false;
      }
    }
    return true;
  }

  // highest returns the highest flag in the set, or no value when the set is
  // empty.
  [[nodiscard]] constexpr std::optional<std::size_t> highest() const noexcept {
    for (std::size_t i = kWordCount; i > 0; --i) {
      const std::uint64_t w = words_[i - 1];
      if (w != 0) {
        return (i - 1) * 64 + 63 -
               static_cast<std::size_t>(detail::countl_zero(w));
      }
    }
    return std::nullopt;
  }

  // word returns the 64-bit word that holds flags `64 * i` to `64 * i + 63`
  // (flag `64 * i` in the least significant bit), or 0 when `i` is at or
  // beyond `kWordCount`.
  [[nodiscard]] constexpr std::uint64_t word(std::size_t i) const noexcept {
    return i < kWordCount ? words_[i] : 0;
  }

  // is_subset_of returns whether every flag of this set is in `other`, which
  // may have any capacity.
  template <std::size_t Other>
  [[nodiscard]] constexpr bool is_subset_of(
      const basic_flag_set<Other>& other) const noexcept {
    for (std::size_t i = 0; i < kWordCount; ++i) {
      if ((words_[i] & ~other.word(i)) != 0) {
        return false;
      }
    }
    return true;
  }

  [[nodiscard]] constexpr iterator begin() const noexcept {
    return iterator(words_, 0);
  }

  [[nodiscard]] constexpr iterator end() const noexcept {
    return iterator(words_, kWordCount);
  }

  // Union, intersection and difference (the flags of this set that are not
  // in `other`).
  constexpr basic_flag_set& operator|=(const basic_flag_set& other) noexcept {
    for (std::size_t i = 0; i < kWordCount; ++i) {
      words_[i] |= other.words_[i];
    }
    return *this;
  }

  constexpr basic_flag_set& operator&=(const basic_flag_set& other) noexcept {
    for (std::size_t i = 0; i < kWordCount; ++i) {
      words_[i] &= other.words_[i];
    }
    return *this;
  }

  constexpr basic_flag_set& operator-=(const basic_flag_set& other) noexcept {
    for (std::size_t i = 0; i < kWordCount; ++i) {
      words_[i] &= ~other.words_[i];
    }
    return *this;
  }

  [[nodiscard]] friend constexpr basic_flag_set operator|(
      basic_flag_set a, const basic_flag_set& b) noexcept {
    return a |= b;
  }

  [[nodiscard]] friend constexpr basic_flag_set operator&(
      basic_flag_set a, const basic_flag_set& b) noexcept {
    return a &= b;
  }

  [[nodiscard]] friend constexpr basic_flag_set operator-(
      basic_flag_set a, const basic_flag_set& b) noexcept {
    return a -= b;
  }

  [[nodiscard]] friend constexpr bool operator==(
      const basic_flag_set& a, const basic_flag_set& b) noexcept {
    for (std::size_t i = 0; i < kWordCount; ++i) {
      if (a.words_[i] != b.words_[i]) {
        return false;
      }
    }
    return true;
  }

  [[nodiscard]] friend constexpr bool operator!=(
      const basic_flag_set& a, const basic_flag_set& b) noexcept {
    return !(a == b);
  }

  // iterator
  //
  // A forward iterator over the flags of a set, in ascending order. It reads
  // the set it was made from, which must outlive it and not change while it
  // is in use.
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::size_t;

    constexpr iterator() noexcept = default;

    [[nodiscard]] constexpr std::size_t operator*() const noexcept {
      return index_ * 64 + static_cast<std::size_t>(detail::countr_zero(bits_));
    }

    constexpr iterator& operator++() noexcept {
      bits_ &= bits_ - 1;
      skip_empty_words();
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
    friend class basic_flag_set;

    constexpr iterator(const std::uint64_t* words, std::size_t index) noexcept
        : words_(words), index_(index) {
      if (index_ < kWordCount) {
        bits_ = words_[index_];
        skip_empty_words();
      }
    }

    constexpr void skip_empty_words() noexcept {
      while (bits_ == 0 && ++index_ < kWordCount) {
        bits_ = words_[index_];
      }
    }

    const std::uint64_t* words_ = nullptr;
    std::size_t index_ = kWordCount;
    std::uint64_t bits_ = 0;
  };

 private:
  friend struct detail::flag_set_access;

  static constexpr std::uint64_t bit(std::size_t flag) noexcept {
    return std::uint64_t{1} << (flag % 64);
  }

  std::uint64_t words_[kWordCount] = {};
};

// flag_set holds every flag the wire can carry (0 to 2039): what an analyzer
// or a diagnostic decoder keeps.
using flag_set = basic_flag_set<kMaxFlags>;

}  // namespace tlsflags

#endif  // TLSFLAGS_FLAG_SET_HPP_
