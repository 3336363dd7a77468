// Builders of wire octets for the framing tests: extensions, extension
// blocks, the handshake messages that carry them, and records. Usable in
// constant expressions, so that the tests can check whole messages at
// compile time. They share no code with the library's parsers.

#ifndef TLSFLAGS_TESTS_WIRE_HPP_
#define TLSFLAGS_TESTS_WIRE_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "testing.hpp"

namespace tlsflags_test {

// Not constexpr: reaching it makes a constant expression ill-formed.
inline void wire_overflow() {}

// wire: up to 1024 octets built front to back.
struct wire {
  static constexpr std::size_t kCapacity = 1024;
  std::uint8_t data[kCapacity] = {};
  std::size_t size = 0;

  constexpr wire() = default;

  // Implicit, so that hex("...") can be passed where a wire is expected.
  constexpr wire(const octets& o) { append(o.data, o.size); }

  constexpr wire& u8(unsigned long value) {
    if (size == kCapacity) {
      wire_overflow();
      return *this;
    }
    data[size++] = static_cast<std::uint8_t>(value & 0xffU);
    return *this;
  }

  constexpr wire& u16(unsigned long value) { return u8(value >> 8U).u8(value); }

  constexpr wire& u24(unsigned long value) {
    return u8(value >> 16U).u8(value >> 8U).u8(value);
  }

  constexpr wire& u32(unsigned long value) {
    return u16(value >> 16U).u16(value);
  }

  constexpr wire& fill(std::uint8_t octet, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      u8(octet);
    }
    return *this;
  }

  constexpr wire& append(const std::uint8_t* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      u8(p[i]);
    }
    return *this;
  }

  constexpr wire& append(const wire& w) { return append(w.data, w.size); }

  // vec8, vec16 and vec24: `w` after a length of 1, 2 or 3 octets.
  constexpr wire& vec8(const wire& w) { return u8(w.size).append(w); }
  constexpr wire& vec16(const wire& w) { return u16(w.size).append(w); }
  constexpr wire& vec24(const wire& w) { return u24(w.size).append(w); }

  // truncated returns the first `n` octets.
  constexpr wire truncated(std::size_t n) const {
    wire w;
    w.append(data, n < size ? n : size);
    return w;
  }

  // sub returns the `n` octets from `from` (fewer at the end).
  constexpr wire sub(std::size_t from, std::size_t n) const {
    wire w;
    for (std::size_t i = from; i < size && i - from < n; ++i) {
      w.u8(data[i]);
    }
    return w;
  }

  // with returns a copy whose octet at `i` is `octet`.
  constexpr wire with(std::size_t i, std::uint8_t octet) const {
    wire w = *this;
    w.data[i] = octet;
    return w;
  }
};

inline std::string to_hex(const wire& w) {
  return to_hex(w.data, w.size);
}

// join: the parts back to back.
template <typename... Parts>
constexpr wire join(const Parts&... parts) {
  wire w;
  (w.append(parts), ...);
  return w;
}

// ext: one whole extension.
constexpr wire ext(unsigned type, const wire& body) {
  return wire().u16(type).vec16(body);
}

// Extensions seen in real hellos, as filler around tls_flags.
constexpr wire supported_versions_ch() {
  return ext(43, hex("02 03 04"));
}
constexpr wire supported_versions_sh() {
  return ext(43, hex("03 04"));
}
constexpr wire key_share_ch() {
  return ext(51, hex("00 00"));
}
constexpr wire key_share_hrr() {
  return ext(51, hex("00 1d"));
}

// docs/rules.md vectors: Cloudflare's request-mTLS ClientHello extension and
// SPARKTLS's NewSessionTicket extension.
constexpr wire cloudflare_mtls() {
  return hex("fe01 000c 0b 00000000000000000000 01");
}
constexpr wire sparktls_nst() {
  return hex("003e 0003 02 00 01");
}

// The 32 octets of SHA-256("HelloRetryRequest"), written out independently
// of the library's constant (RFC 8446 section 4.1.3).
constexpr wire hrr_random() {
  return hex(
      "cf21ad74e59a6111be1d8c021e65b891"
      "c2a211167abb8c5e079e09e2c8a8339c");
}

// Message bodies (after the 4-octet handshake header), RFC 8446 section 4.
// Field offsets of client_hello_body(), used by the tests' expectations:
// legacy_session_id at 34, cipher_suites at 67, legacy_compression_methods
// at 73, extensions at 75, the first extension at 77.
constexpr wire client_hello_body(const wire& extensions) {
  return wire()
      .u16(0x0303)
      .fill(0x11, 32)
      .vec8(wire().fill(0x22, 32))
      .vec16(wire().u16(0x1301).u16(0x1302))
      .vec8(wire().u8(0))
      .vec16(extensions);
}

// server_hello_body: legacy_session_id_echo at 34, cipher_suite at 67,
// legacy_compression_method at 69, extensions at 70, the first extension
// at 72.
constexpr wire server_hello_body(const wire& random, const wire& extensions) {
  return wire()
      .u16(0x0303)
      .append(random)
      .vec8(wire().fill(0x22, 32))
      .u16(0x1301)
      .u8(0)
      .vec16(extensions);
}

constexpr wire encrypted_extensions_body(const wire& extensions) {
  return wire().vec16(extensions);
}

constexpr wire certificate_request_body(const wire& context,
                                        const wire& extensions) {
  return wire().vec8(context).vec16(extensions);
}

constexpr wire certificate_entry(const wire& cert_data,
                                 const wire& extensions) {
  return wire().vec24(cert_data).vec16(extensions);
}

constexpr wire certificate_body(const wire& context, const wire& entries) {
  return wire().vec8(context).vec24(entries);
}

// new_session_ticket_body: ticket_nonce at 8, then the ticket, then the
// extensions.
constexpr wire new_session_ticket_body(const wire& nonce, const wire& ticket,
                                       const wire& extensions) {
  return wire()
      .u32(7200)
      .u32(0x01020304)
      .vec8(nonce)
      .vec16(ticket)
      .vec16(extensions);
}

// handshake: a whole handshake message.
constexpr wire handshake(unsigned type, const wire& body) {
  return wire().u8(type).vec24(body);
}

// record: a TLSPlaintext record.
constexpr wire record(unsigned type, const wire& fragment) {
  return wire().u8(type).u16(0x0303).vec16(fragment);
}

// exact_copy copies `size` octets to a heap block of exactly that size, so
// that AddressSanitizer reports any read past the end.
inline std::unique_ptr<std::uint8_t[]> exact_copy(const std::uint8_t* data,
                                                  std::size_t size) {
  std::unique_ptr<std::uint8_t[]> copy(new std::uint8_t[size]);
  for (std::size_t i = 0; i < size; ++i) {
    copy[i] = data[i];
  }
  return copy;
}

// in_range returns whether `[p, p + n)` lies inside `[base, base + size)`;
// a null `p` with `n == 0` (an empty view) is inside anything.
inline bool in_range(const std::uint8_t* p, std::size_t n,
                     const std::uint8_t* base, std::size_t size) {
  if (p == nullptr) {
    return n == 0;
  }
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  const auto begin = reinterpret_cast<std::uintptr_t>(base);
  return at >= begin && at - begin <= size && n <= size - (at - begin);
}

}  // namespace tlsflags_test

#endif  // TLSFLAGS_TESTS_WIRE_HPP_
