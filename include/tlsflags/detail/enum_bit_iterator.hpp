// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: detail/enum_bit_iterator.hpp
// -----------------------------------------------------------------------------
//
// The iterator of the small enumeration sets (`errc_set`, `message_set`):
// each set bit of a word, lowest first, as the enumerator whose value is the
// bit's position. Not part of the public API.

#ifndef TLSFLAGS_DETAIL_ENUM_BIT_ITERATOR_HPP_
#define TLSFLAGS_DETAIL_ENUM_BIT_ITERATOR_HPP_

#include <cstddef>
#include <cstdint>
#include <iterator>

#include "tlsflags/detail/bits.hpp"

namespace tlsflags {
namespace detail {

// enum_bit_iterator
//
// A forward iterator over the set bits of a `Word`, yielding bit `n` as
// `static_cast<Enum>(n)`. It holds the bits not yet visited, so the end
// iterator is the one holding none.
template <typename Enum, typename Word>
class enum_bit_iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = Enum;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = Enum;

  constexpr enum_bit_iterator() noexcept = default;

  // Constructs an iterator over the set bits of `bits`.
  constexpr explicit enum_bit_iterator(Word bits) noexcept : bits_(bits) {}

  [[nodiscard]] constexpr Enum operator*() const noexcept {
    return static_cast<Enum>(countr_zero(bits_));
  }

  constexpr enum_bit_iterator& operator++() noexcept {
    bits_ = static_cast<Word>(bits_ & (bits_ - 1U));
    return *this;
  }

  constexpr enum_bit_iterator operator++(int) noexcept {
    enum_bit_iterator old = *this;
    ++*this;
    return old;
  }

  [[nodiscard]] friend constexpr bool operator==(enum_bit_iterator a,
                                                 enum_bit_iterator b) noexcept {
    return a.bits_ == b.bits_;
  }

  [[nodiscard]] friend constexpr bool operator!=(enum_bit_iterator a,
                                                 enum_bit_iterator b) noexcept {
    return a.bits_ != b.bits_;
  }

 private:
  Word bits_ = 0;
};

}  // namespace detail
}  // namespace tlsflags

#endif  // TLSFLAGS_DETAIL_ENUM_BIT_ITERATOR_HPP_
