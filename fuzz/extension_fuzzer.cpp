// One whole extension (W1). Oracles: parse_extension() accepts exactly the
// inputs whose 2-octet length frames the rest, and its body is the input
// after the header; re-framing type, length and body reproduces the input;
// decode_extension() under a code point agrees with the codec on the body
// when the type matches, and fails with code_point_mismatch when not.

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "fuzz_common.hpp"
#include "tlsflags/extension.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const auto parsed = tlsflags::parse_extension(data, size);
  const bool framed =
      size >= 4 && (std::size_t{data[2]} << 8 | data[3]) == size - 4;
  TLSFLAGS_FUZZ_CHECK(static_cast<bool>(parsed) == framed);
  if (!parsed) {
    return 0;
  }
  const tlsflags::extension& ext = parsed.ext;
  TLSFLAGS_FUZZ_CHECK(ext.body == data + 4);
  TLSFLAGS_FUZZ_CHECK(ext.body_size == size - 4);
  const std::uint8_t header[4] = {
      static_cast<std::uint8_t>(ext.type >> 8),
      static_cast<std::uint8_t>(ext.type & 0xff),
      static_cast<std::uint8_t>(ext.body_size >> 8),
      static_cast<std::uint8_t>(ext.body_size & 0xff)};
  TLSFLAGS_FUZZ_CHECK(std::memcmp(header, data, 4) == 0);

  for (std::uint16_t code_point :
       {tlsflags::kDefaultCodePoint, tlsflags::kCloudflareCodePoint}) {
    const auto decoded =
        tlsflags::decode_extension<tlsflags::kMaxFlags>(data, size, code_point);
    if (ext.type != code_point) {
      TLSFLAGS_FUZZ_CHECK(decoded.error == tlsflags::errc::code_point_mismatch);
      continue;
    }
    const auto body =
        tlsflags::decode<tlsflags::kMaxFlags>(ext.body, ext.body_size);
    TLSFLAGS_FUZZ_CHECK(decoded.error == body.error);
    TLSFLAGS_FUZZ_CHECK(decoded.flags == body.flags);
    if (decoded) {
      // Encoding the flags again gives the same extension.
      std::uint8_t out[4 + 256];
      const auto encoded = tlsflags::encode_extension(decoded.flags, out,
                                                      sizeof out, code_point);
      TLSFLAGS_FUZZ_CHECK(encoded && encoded.size == size);
      TLSFLAGS_FUZZ_CHECK(std::memcmp(out, data, size) == 0);
    }
  }
  return 0;
}
