// A deliberately naive decoder of the FlagExtensions body, written straight
// from the rules and sharing no code with the library: the oracle that the
// word-at-a-time decoder is checked against. It reads bit by bit and builds a
// list of flag numbers, as the Go implementation does.

#ifndef TLSFLAGS_TESTS_REFERENCE_DECODER_HPP_
#define TLSFLAGS_TESTS_REFERENCE_DECODER_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tlsflags_test {

struct reference_result {
  bool valid = false;
  std::string reason;              // the broken rule's error name, or ""
  std::vector<std::size_t> flags;  // ascending; empty unless valid
};

inline reference_result reference_decode(const std::uint8_t* body,
                                         std::size_t size) {
  reference_result r;
  if (size < 1) {
    r.reason = "missing_length_octet";  // W2
    return r;
  }
  const std::size_t length = body[0];
  if (length == 0) {
    r.reason = "empty_vector";  // W6
    return r;
  }
  if (1 + length > size) {
    r.reason = "truncated_vector";  // W7
    return r;
  }
  if (1 + length < size) {
    r.reason = "trailing_octets";  // W7
    return r;
  }
  if (body[length] == 0) {
    r.reason = "trailing_zero_octet";  // W5
    return r;
  }
  for (std::size_t octet = 0; octet < length; ++octet) {
    for (std::size_t bit = 0; bit < 8; ++bit) {
      if (((body[1 + octet] >> bit) & 1) == 1) {
        r.flags.push_back(octet * 8 + bit);  // W3
      }
    }
  }
  r.valid = true;
  return r;
}

// reference_encode: the minimal body for an ascending list of flags, or no
// octets for an empty list (W4).
inline std::vector<std::uint8_t> reference_encode(
    const std::vector<std::size_t>& flags) {
  std::vector<std::uint8_t> body;
  if (flags.empty()) {
    return body;
  }
  const std::size_t length = flags.back() / 8 + 1;
  body.assign(1 + length, 0);
  body[0] = static_cast<std::uint8_t>(length);
  for (std::size_t flag : flags) {
    body[1 + flag / 8] =
        static_cast<std::uint8_t>(body[1 + flag / 8] | (1U << (flag % 8)));
  }
  return body;
}

}  // namespace tlsflags_test

#endif  // TLSFLAGS_TESTS_REFERENCE_DECODER_HPP_
