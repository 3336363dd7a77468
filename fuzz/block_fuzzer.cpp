// The extension-block walker (W9). Oracles: parse_extension_block() agrees
// with a plain reference walk (std::set of seen types) on validity, error
// and offset; every extension it yields lies inside the input; the
// extensions, framed again, reproduce the input exactly; find_flags() finds
// tls_flags exactly where the reference walk saw it.

#include <cstddef>
#include <cstdint>
#include <set>
#include <vector>

#include "fuzz_common.hpp"
#include "tlsflags/extension.hpp"

namespace {

struct walk {
  tlsflags::errc error = tlsflags::errc::ok;
  std::size_t offset = 0;
  std::size_t count = 0;
  bool has_62 = false;
};

walk reference_walk(const std::uint8_t* data, std::size_t size) {
  walk w;
  std::set<unsigned> seen;
  std::size_t at = 0;
  while (at < size) {
    if (size - at < 4) {
      w.error = tlsflags::errc::truncated_extension_header;
      w.offset = at;
      return w;
    }
    const unsigned type = unsigned{data[at]} << 8 | data[at + 1];
    const std::size_t length = std::size_t{data[at + 2]} << 8 | data[at + 3];
    if (size - at - 4 < length) {
      w.error = tlsflags::errc::extension_length_mismatch;
      w.offset = at;
      return w;
    }
    if (!seen.insert(type).second) {
      w.error = tlsflags::errc::duplicate_extension;
      w.offset = at;
      return w;
    }
    w.has_62 = w.has_62 || type == 62;
    ++w.count;
    at += 4 + length;
  }
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const auto parsed = tlsflags::parse_extension_block(data, size);
  const walk expected = reference_walk(data, size);
  TLSFLAGS_FUZZ_CHECK(parsed.error == expected.error);
  if (!parsed) {
    TLSFLAGS_FUZZ_CHECK(parsed.offset == expected.offset);
    return 0;
  }
  TLSFLAGS_FUZZ_CHECK(parsed.count == expected.count);

  std::vector<std::uint8_t> reframed;
  for (const tlsflags::extension ext : parsed.block) {
    TLSFLAGS_FUZZ_CHECK(
        ext.body_size == 0 ||
        (ext.body >= data && ext.body + ext.body_size <= data + size));
    reframed.push_back(static_cast<std::uint8_t>(ext.type >> 8));
    reframed.push_back(static_cast<std::uint8_t>(ext.type & 0xff));
    reframed.push_back(static_cast<std::uint8_t>(ext.body_size >> 8));
    reframed.push_back(static_cast<std::uint8_t>(ext.body_size & 0xff));
    reframed.insert(reframed.end(), ext.body, ext.body + ext.body_size);
  }
  TLSFLAGS_FUZZ_CHECK(reframed == std::vector<std::uint8_t>(data, data + size));

  const auto found = tlsflags::find_flags(parsed.block);
  TLSFLAGS_FUZZ_CHECK(found.found == expected.has_62);
  if (found.found) {
    TLSFLAGS_FUZZ_CHECK(
        found.error ==
        tlsflags::parse_view(found.ext.body, found.ext.body_size).error);
  }
  return 0;
}
