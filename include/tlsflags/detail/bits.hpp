// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: detail/bits.hpp
// -----------------------------------------------------------------------------
//
// constexpr bit counting on 64-bit words, the C++20 <bit> functions for a
// C++17 floor. Not part of the public API.

#ifndef TLSFLAGS_DETAIL_BITS_HPP_
#define TLSFLAGS_DETAIL_BITS_HPP_

#include <cstdint>

#include "tlsflags/config.hpp"

namespace tlsflags {
namespace detail {

// countr_zero returns the number of zero bits below the lowest set bit of
// `x`. Precondition: `x != 0`.
[[nodiscard]] constexpr int countr_zero(std::uint64_t x) noexcept {
#if TLSFLAGS_HAS_BUILTIN_BITOPS
  return __builtin_ctzll(x);
#else
  int n = 0;
  while ((x & 1U) == 0U) {
    x >>= 1U;
    ++n;
  }
  return n;
#endif
}

// countl_zero returns the number of zero bits above the highest set bit of
// `x`. Precondition: `x != 0`.
[[nodiscard]] constexpr int countl_zero(std::uint64_t x) noexcept {
#if TLSFLAGS_HAS_BUILTIN_BITOPS
  return __builtin_clzll(x);
#else
  int n = 0;
  while ((x & (std::uint64_t{1} << 63U)) == 0U) {
    x <<= 1U;
    ++n;
  }
  return n;
#endif
}

// popcount returns the number of set bits of `x`.
[[nodiscard]] constexpr int popcount(std::uint64_t x) noexcept {
#if TLSFLAGS_HAS_INLINE_POPCOUNT
  return __builtin_popcountll(x);
#else
  // Bit counts of pairs, then of nibbles, then of octets; the product adds
  // the eight octet counts into the top octet.
  x -= (x >> 1U) & 0x5555555555555555U;
  x = (x & 0x3333333333333333U) + ((x >> 2U) & 0x3333333333333333U);
  x = (x + (x >> 4U)) & 0x0f0f0f0f0f0f0f0fU;
  return static_cast<int>((x * 0x0101010101010101U) >> 56U);
#endif
}

}  // namespace detail
}  // namespace tlsflags

#endif  // TLSFLAGS_DETAIL_BITS_HPP_
