// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: config.hpp
// -----------------------------------------------------------------------------
//
// Feature detection for the rest of the library, gathered in one place. Every
// knob follows the same ladder: a value the user defined before including
// tlsflags wins, then detection from standard feature-test macros and compiler
// built-ins, then a portable default. Nothing else in the library tests the
// compiler or the standard library directly.
//
// C++17 is the floor. Features of later standards are used when present and
// never change results, only how they are computed.

#ifndef TLSFLAGS_CONFIG_HPP_
#define TLSFLAGS_CONFIG_HPP_

#if defined(_MSVC_LANG) && _MSVC_LANG > __cplusplus
#define TLSFLAGS_CPLUSPLUS _MSVC_LANG
#else
#define TLSFLAGS_CPLUSPLUS __cplusplus
#endif

#if TLSFLAGS_CPLUSPLUS < 201703L
#error "tlsflags requires C++17 or later"
#endif

// TLSFLAGS_VERSION_MAJOR, _MINOR, _PATCH: the library version. CMake reads
// it from here; this is the only place it is written.
#define TLSFLAGS_VERSION_MAJOR 0
#define TLSFLAGS_VERSION_MINOR 1
#define TLSFLAGS_VERSION_PATCH 0

#include <version>

// TLSFLAGS_HAS_SPAN: 1 when std::span is available, adding span overloads to
// every entry point that takes bytes.
#ifndef TLSFLAGS_HAS_SPAN
#if defined(__cpp_lib_span) && __cpp_lib_span >= 202002L
#define TLSFLAGS_HAS_SPAN 1
#else
#define TLSFLAGS_HAS_SPAN 0
#endif
#endif

// TLSFLAGS_HAS_IS_CONSTANT_EVALUATED: 1 when the library can tell constant
// evaluation from run time, and so use word-at-a-time code at run time. When
// it is 0 every path is the portable byte loop, with the same results.
#ifndef TLSFLAGS_HAS_IS_CONSTANT_EVALUATED
#if defined(__cpp_lib_is_constant_evaluated) && \
    __cpp_lib_is_constant_evaluated >= 201811L
#define TLSFLAGS_HAS_IS_CONSTANT_EVALUATED 1
#define TLSFLAGS_IS_CONSTANT_EVALUATED() std::is_constant_evaluated()
#include <type_traits>
#elif defined(__GNUC__) && __GNUC__ >= 9
#define TLSFLAGS_HAS_IS_CONSTANT_EVALUATED 1
#define TLSFLAGS_IS_CONSTANT_EVALUATED() __builtin_is_constant_evaluated()
#elif defined(__clang__) && __clang_major__ >= 9
#define TLSFLAGS_HAS_IS_CONSTANT_EVALUATED 1
#define TLSFLAGS_IS_CONSTANT_EVALUATED() __builtin_is_constant_evaluated()
#else
#define TLSFLAGS_HAS_IS_CONSTANT_EVALUATED 0
#endif
#endif

// TLSFLAGS_HAS_BUILTIN_BITOPS: 1 when __builtin_ctzll, __builtin_clzll and
// __builtin_popcountll are usable in constant expressions (GCC and Clang).
#ifndef TLSFLAGS_HAS_BUILTIN_BITOPS
#if defined(__GNUC__) || defined(__clang__)
#define TLSFLAGS_HAS_BUILTIN_BITOPS 1
#else
#define TLSFLAGS_HAS_BUILTIN_BITOPS 0
#endif
#endif

// TLSFLAGS_HAS_INLINE_POPCOUNT: 1 when __builtin_popcountll compiles to
// inline code (Clang always; GCC with a popcount instruction: x86 with
// -mpopcnt or a -march that has it, AArch64). GCC otherwise calls its
// runtime library, and the library counts bits with shifts and masks
// instead, in a dozen instructions and no call.
#ifndef TLSFLAGS_HAS_INLINE_POPCOUNT
#if TLSFLAGS_HAS_BUILTIN_BITOPS && \
    (defined(__clang__) || defined(__POPCNT__) || defined(__aarch64__))
#define TLSFLAGS_HAS_INLINE_POPCOUNT 1
#else
#define TLSFLAGS_HAS_INLINE_POPCOUNT 0
#endif
#endif

// TLSFLAGS_LITTLE_ENDIAN: 1 on little-endian targets, where the wire order of
// a flags vector is already the memory order of 64-bit words and decoding is
// a copy. Other targets use the byte loop.
#ifndef TLSFLAGS_LITTLE_ENDIAN
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TLSFLAGS_LITTLE_ENDIAN 1
#elif defined(_MSC_VER) && \
    (defined(_M_X64) || defined(_M_IX86) || defined(_M_ARM64))
#define TLSFLAGS_LITTLE_ENDIAN 1
#else
#define TLSFLAGS_LITTLE_ENDIAN 0
#endif
#endif

#endif  // TLSFLAGS_CONFIG_HPP_
