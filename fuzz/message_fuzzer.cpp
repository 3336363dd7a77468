// Handshake-message framing: the first octet is the handshake type, the
// rest the message body. Oracles: every extension block returned lies inside
// the body and validates again on its own with the same extensions; for
// every type but Certificate the block is the last field, so it ends where
// the body ends; an error's offset lies within the body.

#include <cstddef>
#include <cstdint>

#include "fuzz_common.hpp"
#include "tlsflags/handshake.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const tlsflags::handshake_message message{
      static_cast<tlsflags::handshake_type>(data[0]), data + 1, size - 1};
  const auto framed = tlsflags::parse_message_extensions(message);
  const std::uint8_t* begin = message.body;
  const std::uint8_t* end = message.body + message.body_size;
  if (!framed) {
    TLSFLAGS_FUZZ_CHECK(framed.offset <= message.body_size);
    TLSFLAGS_FUZZ_CHECK(framed.extensions.empty());
    return 0;
  }
  std::size_t blocks = 0;
  for (const tlsflags::extension_block block : framed.extensions) {
    ++blocks;
    TLSFLAGS_FUZZ_CHECK(
        block.size_bytes() == 0 ||
        (block.data() >= begin && block.data() + block.size_bytes() <= end));
    const auto again =
        tlsflags::parse_extension_block(block.data(), block.size_bytes());
    TLSFLAGS_FUZZ_CHECK(again && again.count == block.size());
    if (message.type != tlsflags::handshake_type::certificate) {
      TLSFLAGS_FUZZ_CHECK(block.size_bytes() == 0 ||
                          block.data() + block.size_bytes() == end);
    }
  }
  TLSFLAGS_FUZZ_CHECK(blocks == framed.extensions.size());
  return 0;
}
