// The record and handshake walkers. Oracles: every message returned lies
// inside the input or the reassembly buffer; framed again (type, 3-octet
// length, body), the messages reproduce exactly the concatenated fragments
// of the handshake records read, and of the bare input in message framing
// (a prefix of them when the walk stops at an error).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_common.hpp"
#include "tlsflags/handshake.hpp"

namespace {

bool inside(const std::uint8_t* p, std::size_t n, const std::uint8_t* begin,
            std::size_t size) {
  return n == 0 || (p >= begin && p + n <= begin + size);
}

void append_framed(std::vector<std::uint8_t>& out,
                   const tlsflags::handshake_message& m) {
  out.push_back(static_cast<std::uint8_t>(m.type));
  out.push_back(static_cast<std::uint8_t>(m.body_size >> 16));
  out.push_back(static_cast<std::uint8_t>(m.body_size >> 8));
  out.push_back(static_cast<std::uint8_t>(m.body_size));
  out.insert(out.end(), m.body, m.body + m.body_size);
}

bool is_prefix(const std::vector<std::uint8_t>& a,
               const std::vector<std::uint8_t>& b) {
  return a.size() <= b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  // Records, with a small buffer so that "too large" is reached too.
  std::uint8_t buffer[512];
  auto records = tlsflags::handshake_reader::from_records(data, size, buffer,
                                                          sizeof buffer);
  std::vector<std::uint8_t> messages;
  tlsflags::handshake_message m;
  while (records.next(m)) {
    TLSFLAGS_FUZZ_CHECK(inside(m.body, m.body_size, data, size) ||
                        inside(m.body, m.body_size, buffer, sizeof buffer));
    append_framed(messages, m);
  }
  std::vector<std::uint8_t> fragments;
  std::size_t at = 0;
  while (size - at >= 5) {
    const std::size_t length = std::size_t{data[at + 3]} << 8 | data[at + 4];
    if (size - at - 5 < length) {
      break;
    }
    if (data[at] == 22) {
      fragments.insert(fragments.end(), data + at + 5, data + at + 5 + length);
    }
    at += 5 + length;
  }
  if (records.error() == tlsflags::errc::ok) {
    TLSFLAGS_FUZZ_CHECK(messages == fragments);
  } else {
    TLSFLAGS_FUZZ_CHECK(is_prefix(messages, fragments));
    TLSFLAGS_FUZZ_CHECK(records.error_offset() <= size);
  }

  // Bare messages: the input itself, framed again.
  auto bare = tlsflags::handshake_reader::from_messages(data, size);
  std::vector<std::uint8_t> again;
  while (bare.next(m)) {
    TLSFLAGS_FUZZ_CHECK(inside(m.body, m.body_size, data, size));
    append_framed(again, m);
  }
  const std::vector<std::uint8_t> input(data, data + size);
  if (bare.error() == tlsflags::errc::ok) {
    TLSFLAGS_FUZZ_CHECK(again == input);
  } else {
    TLSFLAGS_FUZZ_CHECK(is_prefix(again, input));
  }
  return 0;
}
