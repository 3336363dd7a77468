// The decoders the library's is measured against, run on the same bodies.
// Each first checks the framing that `tlsflags::decode()` checks (W2, W5-W7),
// so that the comparison is of decoding, not of validation skipped:
//
//   * bit_by_bit: tests every bit of the vector and appends each set flag's
//     number to a list, as the Go implementation does. The list is the
//     caller's buffer, so no allocation is counted (Go's slice allocates).
//   * byte_loop: ORs each octet into its place in 64-bit words, one octet at
//     a time: the library's own constant-evaluation path, on its own.
//   * load32: copies up to 4 octets into a zeroed 4-octet buffer and reads it
//     as a 32-bit little-endian integer, as BoringSSL does. It only holds
//     flags 0-31: a longer vector is rejected. Compilers turn its copy of 1
//     to 4 octets into a call to memcpy, as they do in BoringSSL.
//   * load32_inline: the same without the buffer: the 1 to 4 octets are read
//     one by one, with no call. The harder of the two 32-bit baselines.
//   * copy: a plain memcpy of the vector octets, with no check at all. The
//     floor: no decoder that copies the octets can be faster.

#ifndef TLSFLAGS_BENCH_BASELINES_HPP_
#define TLSFLAGS_BENCH_BASELINES_HPP_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tlsflags_bench {
namespace baseline {

// framing_ok returns whether `[body, body + size)` is a length octet and a
// nonempty vector of exactly that length whose last octet is not zero.
inline bool framing_ok(const std::uint8_t* body, std::size_t size) {
  return size != 0 &&            //
         body[0] != 0 &&         //
         body[0] == size - 1 &&  //
         body[size - 1] != 0;
}

// bit_by_bit stores the set flags of a valid body in `list`, which has room
// for 2040, and returns their number; -1 for an invalid body.
inline std::ptrdiff_t bit_by_bit(const std::uint8_t* body, std::size_t size,
                                 std::uint16_t* list) {
  if (!framing_ok(body, size)) {
    return -1;
  }
  std::ptrdiff_t n = 0;
  for (std::size_t octet = 0; octet < size - 1; ++octet) {
    for (unsigned bit = 0; bit < 8; ++bit) {
      if (((body[1 + octet] >> bit) & 1U) != 0) {
        list[n++] = static_cast<std::uint16_t>(octet * 8 + bit);
      }
    }
  }
  return n;
}

// byte_loop stores the flags of a valid body in `words` (32 words, flag `n`
// in bit `n % 64` of word `n / 64`) and returns true; false for an invalid
// body.
inline bool byte_loop(const std::uint8_t* body, std::size_t size,
                      std::uint64_t* words) {
  if (!framing_ok(body, size)) {
    return false;
  }
  for (std::size_t i = 0; i < 32; ++i) {
    words[i] = 0;
  }
  for (std::size_t i = 0; i < size - 1; ++i) {
    words[i / 8] |= std::uint64_t{body[1 + i]} << (8 * (i % 8));
  }
  return true;
}

// load32 stores the flags of a valid body of at most 4 vector octets in
// `out` and returns true; false for an invalid or a longer body.
inline bool load32(const std::uint8_t* body, std::size_t size,
                   std::uint32_t* out) {
  if (!framing_ok(body, size) || size - 1 > 4) {
    return false;
  }
  std::uint8_t padded[4] = {0, 0, 0, 0};
  std::memcpy(padded, body + 1, size - 1);
  *out = std::uint32_t{padded[0]} | (std::uint32_t{padded[1]} << 8) |
         (std::uint32_t{padded[2]} << 16) | (std::uint32_t{padded[3]} << 24);
  return true;
}

// load32_inline returns the same as load32, reading the octets directly.
inline bool load32_inline(const std::uint8_t* body, std::size_t size,
                          std::uint32_t* out) {
  if (!framing_ok(body, size) || size - 1 > 4) {
    return false;
  }
  const std::uint8_t* vector = body + 1;
  std::uint32_t flags = vector[0];
  if (size > 2) {
    flags |= std::uint32_t{vector[1]} << 8;
  }
  if (size > 3) {
    flags |= std::uint32_t{vector[2]} << 16;
  }
  if (size > 4) {
    flags |= std::uint32_t{vector[3]} << 24;
  }
  *out = flags;
  return true;
}

// copy copies the `size - 1` octets after the length octet to `out`, which
// has room for 255, and returns their number. Precondition: `size >= 1`.
inline std::size_t copy(const std::uint8_t* body, std::size_t size,
                        std::uint8_t* out) {
  std::memcpy(out, body + 1, size - 1);
  return size - 1;
}

}  // namespace baseline
}  // namespace tlsflags_bench

#endif  // TLSFLAGS_BENCH_BASELINES_HPP_
