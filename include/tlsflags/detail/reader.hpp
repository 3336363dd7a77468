// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: detail/reader.hpp
// -----------------------------------------------------------------------------
//
// A bounds-checked cursor over octets, the one way the framing layers
// (extensions, handshake messages, records) read the wire. Not part of the
// public API.
//
// A `reader` covers `[data, data + size)` and never reads outside it. Every
// read tests the length first. On short input it returns false and leaves
// both the reader and its output unchanged, so a parser can try a structure
// on a copy of its reader and commit the copy only once the whole structure
// is there. Integers are big-endian, as everywhere in TLS.

#ifndef TLSFLAGS_DETAIL_READER_HPP_
#define TLSFLAGS_DETAIL_READER_HPP_

#include <cstddef>
#include <cstdint>

#include "tlsflags/config.hpp"

namespace tlsflags {
namespace detail {

// reader
//
// A cursor over `[data, data + size)`. The octets must outlive the reader and
// every child reader made from it. `data` may be null when `size` is 0.
class reader {
 public:
  // Constructs a reader over no octets.
  constexpr reader() noexcept = default;

  // Constructs a reader over `[data, data + size)`.
  constexpr reader(const std::uint8_t* data, std::size_t size) noexcept
      : data_(data), size_(size) {}

  // data returns the first unread octet (or the end of the range).
  [[nodiscard]] constexpr const std::uint8_t* data() const noexcept {
    return data_;
  }

  // remaining returns the number of unread octets.
  [[nodiscard]] constexpr std::size_t remaining() const noexcept {
    return size_;
  }

  // empty returns whether every octet has been read.
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }

  // skip moves past `n` octets and returns true, or returns false when fewer
  // than `n` remain.
  [[nodiscard]] constexpr bool skip(std::size_t n) noexcept {
    if (n > size_) {
      return false;
    }
    data_ += n;
    size_ -= n;
    return true;
  }

  // read_u8, read_u16, read_u24 and read_u32 read a big-endian integer of 1,
  // 2, 3 or 4 octets into `out` and return true, or return false when too
  // few octets remain.
  [[nodiscard]] constexpr bool read_u8(std::uint8_t& out) noexcept {
    std::uint32_t value = 0;
    if (!read_uint(1, value)) {
      return false;
    }
    out = static_cast<std::uint8_t>(value);
    return true;
  }

  [[nodiscard]] constexpr bool read_u16(std::uint16_t& out) noexcept {
    std::uint32_t value = 0;
    if (!read_uint(2, value)) {
      return false;
    }
    out = static_cast<std::uint16_t>(value);
    return true;
  }

  [[nodiscard]] constexpr bool read_u24(std::uint32_t& out) noexcept {
    return read_uint(3, out);
  }

  [[nodiscard]] constexpr bool read_u32(std::uint32_t& out) noexcept {
    return read_uint(4, out);
  }

  // read_bytes sets `out` to a reader over the next `n` octets, moves past
  // them and returns true, or returns false when fewer than `n` remain.
  [[nodiscard]] constexpr bool read_bytes(std::size_t n, reader& out) noexcept {
    if (n > size_) {
      return false;
    }
    out = reader(data_, n);
    data_ += n;
    size_ -= n;
    return true;
  }

  // copy_bytes copies the next `n` octets to `[out, out + n)`, moves past
  // them and returns true, or returns false when fewer than `n` remain.
  [[nodiscard]] constexpr bool copy_bytes(std::size_t n,
                                          std::uint8_t* out) noexcept {
    if (n > size_) {
      return false;
    }
    for (std::size_t i = 0; i < n; ++i) {
      out[i] = data_[i];
    }
    data_ += n;
    size_ -= n;
    return true;
  }

  // read_u8_prefixed, read_u16_prefixed and read_u24_prefixed read a length
  // of 1, 2 or 3 octets and set `out` to a reader over the octets it frames,
  // the TLS `opaque x<..>` vector. They return false, and consume nothing,
  // when the length or the octets it announces are not all there.
  [[nodiscard]] constexpr bool read_u8_prefixed(reader& out) noexcept {
    return read_prefixed(1, out);
  }

  [[nodiscard]] constexpr bool read_u16_prefixed(reader& out) noexcept {
    return read_prefixed(2, out);
  }

  [[nodiscard]] constexpr bool read_u24_prefixed(reader& out) noexcept {
    return read_prefixed(3, out);
  }

 private:
  // read_uint reads a big-endian integer of `width` octets, 1 to 4.
  constexpr bool read_uint(std::size_t width, std::uint32_t& out) noexcept {
    if (width > size_) {
      return false;
    }
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < width; ++i) {
      value = (value << 8U) | data_[i];
    }
    out = value;
    data_ += width;
    size_ -= width;
    return true;
  }

  // read_prefixed works on a copy, so that a length read before a short
  // body is not consumed.
  constexpr bool read_prefixed(std::size_t width, reader& out) noexcept {
    reader copy = *this;
    std::uint32_t length = 0;
    if (!copy.read_uint(width, length) || !copy.read_bytes(length, out)) {
      return false;
    }
    *this = copy;
    return true;
  }

  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace detail
}  // namespace tlsflags

#endif  // TLSFLAGS_DETAIL_READER_HPP_
