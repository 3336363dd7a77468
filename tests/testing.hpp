// Shared helpers for the tests: the Catch2 include for either major version,
// hex literals usable in constant expressions, and hex printing for CAPTURE.

#ifndef TLSFLAGS_TESTS_TESTING_HPP_
#define TLSFLAGS_TESTS_TESTING_HPP_

#if defined(TLSFLAGS_CATCH2_V3)
#include <catch2/catch_test_macros.hpp>
#else
#include <catch2/catch.hpp>
#endif

#include <cstddef>
#include <cstdint>
#include <string>

namespace tlsflags_test {

// octets: up to 512 octets known at compile time, built from hex text.
struct octets {
  std::uint8_t data[512] = {};
  std::size_t size = 0;

  constexpr void push(std::uint8_t octet) { data[size++] = octet; }

  constexpr void push_n(std::uint8_t octet, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      push(octet);
    }
  }
};

// Not constexpr: reaching it makes a constant expression ill-formed.
inline void bad_hex_literal() {}

constexpr int hex_digit(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

// hex turns "01 22" (white space ignored) into octets. An odd number of
// digits or a stray character is a test bug: it does not compile in a
// constant expression and yields no octets at run time.
constexpr octets hex(const char* text) {
  octets out;
  int high = -1;
  for (const char* p = text; *p != '\0'; ++p) {
    if (*p == ' ' || *p == '\n' || *p == '\t') {
      continue;
    }
    const int digit = hex_digit(*p);
    if (digit < 0) {
      bad_hex_literal();
      return octets{};
    }
    if (high < 0) {
      high = digit;
    } else {
      out.push(static_cast<std::uint8_t>(high * 16 + digit));
      high = -1;
    }
  }
  if (high >= 0) {
    bad_hex_literal();
    return octets{};
  }
  return out;
}

// equal compares two arrays of octets in a constant expression, which
// std::array's operator== is not before C++20.
template <typename A, typename B>
constexpr bool equal(const A& a, const B& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

// to_hex prints octets as "01 22", for CAPTURE and failure messages.
inline std::string to_hex(const std::uint8_t* data, std::size_t size) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    if (i != 0) {
      out += ' ';
    }
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 15];
  }
  return out;
}

inline std::string to_hex(const octets& o) {
  return to_hex(o.data, o.size);
}

}  // namespace tlsflags_test

#endif  // TLSFLAGS_TESTS_TESTING_HPP_
