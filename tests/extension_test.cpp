// Tests of whole extensions and extension blocks: the code point parameter
// (W1), exact framing, duplicate types (W9), the tls_flags lookup under one
// or several code points, and the bounds-checked reader underneath. Tables
// are checked at compile time and at run time; randomized blocks are checked
// against a naive reference walker.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <set>
#include <vector>

#include "testing.hpp"
#include "tlsflags/detail/reader.hpp"
#include "tlsflags/extension.hpp"
#include "wire.hpp"

using tlsflags::alert;
using tlsflags::basic_flag_set;
using tlsflags::errc;
using tlsflags::flag_set;
using tlsflags::kCloudflareCodePoint;
using tlsflags::kDefaultCodePoint;
using tlsflags_test::equal;
using tlsflags_test::ext;
using tlsflags_test::hex;
using tlsflags_test::to_hex;
using tlsflags_test::wire;

namespace {

// ---------------------------------------------------------------------------
// Whole extensions.

struct extension_row {
  wire bytes;
  std::uint16_t code_point;
  errc error;      // of decode_extension()
  errc framing;    // of parse_extension(), which ignores type and body
  flag_set flags;  // when valid
  const char* reason;
};

constexpr extension_row kExtensions[] = {
    {tlsflags_test::cloudflare_mtls(),
     kCloudflareCodePoint,
     errc::ok,
     errc::ok,
     {80},
     "W1: docs/rules.md vector, Cloudflare's ClientHello, 0xfe01"},
    {tlsflags_test::sparktls_nst(),
     kDefaultCodePoint,
     errc::ok,
     errc::ok,
     {8},
     "W1: docs/rules.md vector, SPARKTLS's NewSessionTicket, 62"},
    {hex("003e 0002 01 01"),
     kDefaultCodePoint,
     errc::ok,
     errc::ok,
     {0},
     "draft example {0}"},
    {hex("fe01 0005 04 00 00 00 80"),
     kCloudflareCodePoint,
     errc::ok,
     errc::ok,
     {31},
     "BoringSSL set {31} under 0xfe01"},
    {hex("1234 0002 01 01"),
     0x1234,
     errc::ok,
     errc::ok,
     {0},
     "W1: any code point the caller chooses"},

    {hex(""),
     kDefaultCodePoint,
     errc::truncated_extension_header,
     errc::truncated_extension_header,
     {},
     "no octet at all"},
    {hex("00"),
     kDefaultCodePoint,
     errc::truncated_extension_header,
     errc::truncated_extension_header,
     {},
     "one octet of the type"},
    {hex("003e 00"),
     kDefaultCodePoint,
     errc::truncated_extension_header,
     errc::truncated_extension_header,
     {},
     "half of the length"},
    {hex("003e 0003 02 00"),
     kDefaultCodePoint,
     errc::extension_length_mismatch,
     errc::extension_length_mismatch,
     {},
     "overlong: 3 announced, 2 present"},
    {hex("003e ffff 02 00 01"),
     kDefaultCodePoint,
     errc::extension_length_mismatch,
     errc::extension_length_mismatch,
     {},
     "overlong: 65535 announced"},
    {hex("003e 0002 02 00 01"),
     kDefaultCodePoint,
     errc::extension_length_mismatch,
     errc::extension_length_mismatch,
     {},
     "short: 2 announced, 3 present"},
    {hex("003e 0003 02 00 01 ff"),
     kDefaultCodePoint,
     errc::extension_length_mismatch,
     errc::extension_length_mismatch,
     {},
     "trailing octet after the extension"},
    {tlsflags_test::cloudflare_mtls(),
     kDefaultCodePoint,
     errc::code_point_mismatch,
     errc::ok,
     {},
     "W1: the 0xfe01 vector asked for under 62"},
    {tlsflags_test::sparktls_nst(),
     kCloudflareCodePoint,
     errc::code_point_mismatch,
     errc::ok,
     {},
     "W1: the 62 vector asked for under 0xfe01"},
    {hex("fe01 0004 02 00 01"),
     kDefaultCodePoint,
     errc::extension_length_mismatch,
     errc::extension_length_mismatch,
     {},
     "framing is checked before the code point"},
    {hex("003e 0000"),
     kDefaultCodePoint,
     errc::missing_length_octet,
     errc::ok,
     {},
     "W2: empty extension_data"},
    {hex("003e 0001 00"),
     kDefaultCodePoint,
     errc::empty_vector,
     errc::ok,
     {},
     "W6: empty vector"},
    {hex("003e 0003 02 02 00"),
     kDefaultCodePoint,
     errc::trailing_zero_octet,
     errc::ok,
     {},
     "W5: {1} padded"},
    {hex("003e 0003 01 01 00"),
     kDefaultCodePoint,
     errc::trailing_octets,
     errc::ok,
     {},
     "W7: octets after the vector, inside the body"},
    {hex("003e 0003 05 01 02"),
     kDefaultCodePoint,
     errc::truncated_vector,
     errc::ok,
     {},
     "W7: vector longer than the body"},
};

constexpr bool extension_rows_hold() {
  for (const extension_row& row : kExtensions) {
    const auto decoded = tlsflags::decode_extension<2040>(
        row.bytes.data, row.bytes.size, row.code_point);
    if (decoded.error != row.error || decoded.flags != row.flags) {
      return false;
    }
    const auto parsed =
        tlsflags::parse_extension(row.bytes.data, row.bytes.size);
    if (parsed.error != row.framing) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("extension.code_point_parameter", "[extension][W1]") {
  // W1: the docs/rules.md vectors, encoded at compile time under each code
  // point, and decoded back only under the code point they carry.
  constexpr auto kMtls = tlsflags::encode_extension_array<80>(0xfe01);
  constexpr auto kNst = tlsflags::encode_extension_array<8>();
  constexpr wire kMtlsVector = tlsflags_test::cloudflare_mtls();
  constexpr wire kNstVector = tlsflags_test::sparktls_nst();
  STATIC_REQUIRE(kMtls.size() == kMtlsVector.size);
  STATIC_REQUIRE(kNst.size() == kNstVector.size);
  STATIC_REQUIRE(equal(kNst, std::array<std::uint8_t, 7>{0x00, 0x3e, 0x00, 0x03,
                                                         0x02, 0x00, 0x01}));
  STATIC_REQUIRE(kDefaultCodePoint == 62);
  STATIC_REQUIRE(kCloudflareCodePoint == 65025);
  STATIC_REQUIRE(tlsflags::decode_extension<128>(kMtls.data(), kMtls.size(),
                                                 kCloudflareCodePoint)
                     .flags.test(80));
  STATIC_REQUIRE(
      tlsflags::decode_extension<128>(kMtls.data(), kMtls.size()).error ==
      errc::code_point_mismatch);
  STATIC_REQUIRE(
      tlsflags::decode_extension<64>(kNst.data(), kNst.size()).flags.test(8));
  STATIC_REQUIRE(tlsflags::error_rule(errc::code_point_mismatch)[0] == 'W');
  STATIC_REQUIRE(tlsflags::error_rule(errc::code_point_mismatch)[1] == '1');

  CHECK(to_hex(kMtls.data(), kMtls.size()) == to_hex(kMtlsVector));
  CHECK(to_hex(kNst.data(), kNst.size()) == to_hex(kNstVector));

  // The same bytes at run time, into a caller buffer.
  std::uint8_t out[32] = {};
  const auto mtls = tlsflags::encode_extension(basic_flag_set<128>{80}, out,
                                               sizeof out, 0xfe01);
  REQUIRE(mtls.error == errc::ok);
  CHECK(to_hex(out, mtls.size) == to_hex(kMtlsVector));
  const auto nst =
      tlsflags::encode_extension(basic_flag_set<64>{8}, out, sizeof out);
  REQUIRE(nst.error == errc::ok);
  CHECK(to_hex(out, nst.size) == to_hex(kNstVector));

  // The lambda form, for a set built in a constant expression.
  constexpr auto kFromSet = tlsflags::encode_extension_array(
      [] { return basic_flag_set<128>{80}; }, kCloudflareCodePoint);
  STATIC_REQUIRE(equal(kFromSet, kMtls));

  // Every flag round-trips under both code points, and only under its own.
  for (const std::uint16_t code_point :
       {kDefaultCodePoint, kCloudflareCodePoint}) {
    const std::uint16_t other = code_point == kDefaultCodePoint
                                    ? kCloudflareCodePoint
                                    : kDefaultCodePoint;
    for (std::size_t flag = 0; flag <= tlsflags::kMaxFlag; ++flag) {
      CAPTURE(code_point, flag);
      flag_set set;
      REQUIRE(set.set(flag));
      std::uint8_t buffer[tlsflags::kExtensionHeaderSize + 256] = {};
      const auto encoded =
          tlsflags::encode_extension(set, buffer, sizeof buffer, code_point);
      REQUIRE(encoded.error == errc::ok);
      REQUIRE(encoded.size == tlsflags::encoded_extension_size(set));
      REQUIRE(encoded.size == 4 + flag / 8 + 2);
      const auto decoded =
          tlsflags::decode_extension<2040>(buffer, encoded.size, code_point);
      REQUIRE(decoded.error == errc::ok);
      REQUIRE(decoded.flags == set);
      REQUIRE(
          tlsflags::decode_extension<2040>(buffer, encoded.size, other).error ==
          errc::code_point_mismatch);
    }
  }
}

TEST_CASE("extension.whole_extension_framing", "[extension]") {
  STATIC_REQUIRE(extension_rows_hold());

  for (const extension_row& row : kExtensions) {
    CAPTURE(row.reason, to_hex(row.bytes), row.code_point);
    const auto decoded = tlsflags::decode_extension<2040>(
        row.bytes.data, row.bytes.size, row.code_point);
    CHECK(decoded.error == row.error);
    CHECK(decoded.flags == row.flags);
    CHECK(static_cast<bool>(decoded) == (row.error == errc::ok));

    const auto parsed =
        tlsflags::parse_extension(row.bytes.data, row.bytes.size);
    CHECK(parsed.error == row.framing);
    if (parsed) {
      // The body is exactly the octets after the header, in place.
      CHECK(parsed.ext.body == row.bytes.data + 4);
      CHECK(parsed.ext.body_size == row.bytes.size - 4);
      CHECK(parsed.ext.type ==
            ((unsigned{row.bytes.data[0]} << 8U) | row.bytes.data[1]));
    } else {
      CHECK(parsed.ext.body == nullptr);
      CHECK(parsed.ext.body_size == 0);
      CHECK(tlsflags::alert_for(parsed.error) == alert::decode_error);
    }
  }
  CHECK(tlsflags::parse_extension(nullptr, 0).error ==
        errc::truncated_extension_header);
}

TEST_CASE("extension.encode_errors", "[extension][encode]") {
  std::uint8_t out[8] = {0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa};

  // W4: an empty set is left out, not encoded.
  const auto empty =
      tlsflags::encode_extension(basic_flag_set<64>{}, out, sizeof out);
  CHECK(empty.error == errc::empty_set);
  CHECK(empty.size == 0);
  CHECK(tlsflags::encoded_extension_size(basic_flag_set<64>{}) == 0);

  // One octet short: nothing written.
  constexpr basic_flag_set<64> kSet{23};
  STATIC_REQUIRE(tlsflags::encoded_extension_size(kSet) == 8);
  const auto small = tlsflags::encode_extension(kSet, out, 7);
  CHECK(small.error == errc::buffer_too_small);
  CHECK(small.size == 0);
  CHECK(to_hex(out, 8) == "aa aa aa aa aa aa aa aa");
  CHECK(tlsflags::encode_extension(kSet, nullptr, 0).error ==
        errc::buffer_too_small);

  // Exactly enough.
  const auto exact = tlsflags::encode_extension(kSet, out, 8, 0xfe01);
  CHECK(exact.error == errc::ok);
  CHECK(to_hex(out, 8) == "fe 01 00 04 03 00 00 80");
}

namespace {

// ---------------------------------------------------------------------------
// Extension blocks.

struct block_row {
  wire list;  // the block's contents, without the 2-octet length
  errc error;
  std::size_t count;
  std::size_t offset;
  std::uint16_t type;
  const char* reason;
};

// many returns `n` extensions with empty bodies of types `base`, `base + 1`,
// ... and, when `repeat` is below `n`, one more of the type of extension
// number `repeat`.
constexpr wire many(std::size_t n, unsigned base, std::size_t repeat) {
  wire w;
  for (std::size_t i = 0; i < n; ++i) {
    w.append(ext(static_cast<unsigned>(base + i), wire()));
  }
  if (repeat < n) {
    w.append(ext(static_cast<unsigned>(base + repeat), wire()));
  }
  return w;
}

constexpr wire concat(const wire& a, const wire& b) {
  wire w = a;
  w.append(b);
  return w;
}

constexpr std::size_t kNone = ~std::size_t{0};

constexpr block_row kBlocks[] = {
    // Valid.
    {hex(""), errc::ok, 0, 0, 0, "an empty block"},
    {hex("0000 0000"), errc::ok, 1, 0, 0, "one extension, empty body"},
    {concat(tlsflags_test::supported_versions_ch(),
            tlsflags_test::cloudflare_mtls()),
     errc::ok, 2, 0, 0, "supported_versions, tls_flags under 0xfe01"},
    {concat(tlsflags_test::cloudflare_mtls(), tlsflags_test::sparktls_nst()),
     errc::ok, 2, 0, 0, "62 and 0xfe01 are different types"},
    {many(32, 0x0a0a, kNone), errc::ok, 32, 0, 0, "32 distinct types"},
    {many(200, 0xff00, kNone), errc::ok, 200, 0, 0,
     "200 distinct types, up to 0xffc7: the large set"},
    {many(64, 0xffc0, kNone), errc::ok, 64, 0, 0, "types up to 0xffff"},

    // Truncated.
    {hex("00"), errc::truncated_extension_header, 0, 0, 0,
     "one octet: no room for a header"},
    {hex("003e 00"), errc::truncated_extension_header, 0, 0, 0,
     "three octets of a header"},
    {concat(tlsflags_test::supported_versions_ch(), hex("00 2b")),
     errc::truncated_extension_header, 0, 7, 0,
     "a type without its length after a whole extension"},
    {hex("003e 0002 01 01 00"), errc::truncated_extension_header, 0, 6, 0,
     "one stray octet after the last extension"},

    // Overlong.
    {hex("003e 0004 01 01"), errc::extension_length_mismatch, 0, 0, 62,
     "length 4 with 2 octets left"},
    {concat(tlsflags_test::supported_versions_ch(), hex("003e ffff 01 01")),
     errc::extension_length_mismatch, 0, 7, 62,
     "length 65535 in the second extension"},
    {hex("0000 0000 0000 0005 00"), errc::extension_length_mismatch, 0, 4, 0,
     "framing is checked before duplicates, extension by extension"},

    // Duplicates (W9).
    {hex("003e 0002 0101 003e 0002 0102"), errc::duplicate_extension, 0, 6, 62,
     "W9: tls_flags twice, adjacent"},
    {concat(concat(tlsflags_test::cloudflare_mtls(),
                   tlsflags_test::supported_versions_ch()),
            tlsflags_test::cloudflare_mtls()),
     errc::duplicate_extension, 0, 23, 0xfe01, "W9: 0xfe01 twice, apart"},
    {hex("0000 0000 0000 0000 00"), errc::duplicate_extension, 0, 4, 0,
     "W9: duplicate type 0 reported before a later truncation"},
    {hex("ffff 0000 ffff 0000"), errc::duplicate_extension, 0, 4, 0xffff,
     "W9: duplicate type 0xffff"},
    {many(32, 0x0100, 0), errc::duplicate_extension, 0, 128, 0x0100,
     "W9: 33rd extension repeats the 1st (small set, full)"},
    {many(33, 0x0100, 32), errc::duplicate_extension, 0, 132, 0x0120,
     "W9: 34th extension repeats the 33rd (large set)"},
    {many(100, 0xff80, 7), errc::duplicate_extension, 0, 400, 0xff87,
     "W9: 101st extension repeats the 8th (large set)"},
    {many(100, 0xff9c, 99), errc::duplicate_extension, 0, 400, 0xffff,
     "W9: 0xffff twice among 100 (large set)"},
};

constexpr bool block_rows_hold() {
  for (const block_row& row : kBlocks) {
    const auto parsed =
        tlsflags::parse_extension_block(row.list.data, row.list.size);
    if (parsed.error != row.error || parsed.offset != row.offset ||
        parsed.type != row.type || parsed.count != row.count) {
      return false;
    }
    if (parsed && (parsed.block.size() != row.count ||
                   parsed.block.size_bytes() != row.list.size)) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("extension.block_framing", "[extension][block]") {
  STATIC_REQUIRE(block_rows_hold());

  for (const block_row& row : kBlocks) {
    CAPTURE(row.reason, to_hex(row.list));
    const auto parsed =
        tlsflags::parse_extension_block(row.list.data, row.list.size);
    CHECK(parsed.error == row.error);
    CHECK(parsed.offset == row.offset);
    CHECK(parsed.type == row.type);
    CHECK(parsed.count == row.count);
    if (row.error != errc::ok) {
      CHECK_FALSE(parsed);
      CHECK(parsed.block.empty());
      continue;
    }
    // Iteration walks every extension in place, in wire order, and the
    // bodies tile the block exactly.
    CHECK(parsed.block.data() == row.list.data);
    std::size_t at = 0;
    std::size_t n = 0;
    for (const tlsflags::extension e : parsed.block) {
      CHECK(e.type ==
            ((unsigned{row.list.data[at]} << 8U) | row.list.data[at + 1]));
      CHECK(e.body == row.list.data + at + 4);
      at += 4 + e.body_size;
      ++n;
      REQUIRE(at <= row.list.size);
    }
    CHECK(at == row.list.size);
    CHECK(n == row.count);
  }
}

TEST_CASE("extension.extensions_field", "[extension][block]") {
  struct row {
    wire field;
    errc error;
    std::size_t count;
    std::size_t offset;
    const char* reason;
  };
  const wire list = concat(tlsflags_test::supported_versions_ch(),
                           tlsflags_test::cloudflare_mtls());
  const row rows[] = {
      {wire().vec16(list), errc::ok, 2, 0, "a 2-octet length and its block"},
      {hex("0000"), errc::ok, 0, 0, "an empty block"},
      {hex(""), errc::truncated_extension_block, 0, 0, "no length"},
      {hex("00"), errc::truncated_extension_block, 0, 0, "half a length"},
      {wire().vec16(list).truncated(list.size + 1),
       errc::truncated_extension_block, 0, 0, "the block cut by one octet"},
      {wire().u16(0xffff).append(list), errc::truncated_extension_block, 0, 0,
       "overlong length"},
      {wire().vec16(list).u8(0), errc::extension_block_trailing_octets, 0,
       2 + list.size, "trailing octet after the block"},
      {wire().vec16(list).append(list), errc::extension_block_trailing_octets,
       0, 2 + list.size, "a second block after the first"},
      {wire().vec16(hex("003e 0002 0101 003e 0002 0102")),
       errc::duplicate_extension, 0, 8, "W9: offsets count the length"},
      {wire().vec16(hex("003e 0004 01 01")), errc::extension_length_mismatch, 0,
       2, "overlong extension inside a well-framed block"},
  };
  for (const row& r : rows) {
    CAPTURE(r.reason, to_hex(r.field));
    const auto parsed =
        tlsflags::parse_extensions_field(r.field.data, r.field.size);
    CHECK(parsed.error == r.error);
    CHECK(parsed.count == r.count);
    CHECK(parsed.offset == r.offset);
    if (parsed) {
      CHECK(parsed.block.data() == r.field.data + 2);
    }
    if (r.error != errc::ok && r.error != errc::duplicate_extension) {
      CHECK(tlsflags::alert_for(parsed.error) == alert::decode_error);
    }
  }
  CHECK(tlsflags::parse_extensions_field(nullptr, 0).error ==
        errc::truncated_extension_block);
}

TEST_CASE("extension.duplicate_extension", "[extension][W9]") {
  // W9: a type at most once per block; a duplicate is illegal_parameter
  // under both policies, whichever code point or distance.
  STATIC_REQUIRE(tlsflags::alert_for(errc::duplicate_extension) ==
                 alert::illegal_parameter);
  STATIC_REQUIRE(tlsflags::alert_for(errc::duplicate_extension,
                                     tlsflags::alert_policy::draft_literal) ==
                 alert::illegal_parameter);
  constexpr wire kTwice = hex("003e 0002 0101 003e 0002 0102");
  STATIC_REQUIRE(
      tlsflags::parse_extension_block(kTwice.data, kTwice.size).error ==
      errc::duplicate_extension);

  // Every pair of positions among 40 extensions, on both sides of the
  // 32-type small set: the duplicate is found at its second occurrence.
  for (std::size_t first = 0; first < 40; ++first) {
    for (std::size_t second = first + 1; second < 41; ++second) {
      std::vector<std::uint8_t> list;
      for (std::size_t i = 0; i < 41; ++i) {
        const unsigned type = i == second ? static_cast<unsigned>(first * 7)
                                          : static_cast<unsigned>(i * 7);
        list.push_back(static_cast<std::uint8_t>(type >> 8U));
        list.push_back(static_cast<std::uint8_t>(type));
        list.push_back(0);
        list.push_back(1);
        list.push_back(static_cast<std::uint8_t>(i));
      }
      CAPTURE(first, second);
      const auto parsed =
          tlsflags::parse_extension_block(list.data(), list.size());
      REQUIRE(parsed.error == errc::duplicate_extension);
      REQUIRE(parsed.offset == second * 5);
      REQUIRE(parsed.type == first * 7);
    }
  }

  // Every type appears once in a block of all 65536 types with empty bodies
  // (the largest block that fits a 2-octet length holds 16383 of them, but
  // the list API takes any size): no false duplicate at any type.
  std::vector<std::uint8_t> all;
  for (unsigned type = 0; type < 65536; ++type) {
    all.push_back(static_cast<std::uint8_t>(type >> 8U));
    all.push_back(static_cast<std::uint8_t>(type));
    all.push_back(0);
    all.push_back(0);
  }
  const auto every = tlsflags::parse_extension_block(all.data(), all.size());
  CHECK(every.error == errc::ok);
  CHECK(every.count == 65536);
  all.insert(all.end(), {0x80, 0x00, 0x00, 0x00});
  const auto again = tlsflags::parse_extension_block(all.data(), all.size());
  CHECK(again.error == errc::duplicate_extension);
  CHECK(again.type == 0x8000);
  CHECK(again.offset == 65536 * 4);
}

namespace {
constexpr wire kBoth =
    concat(tlsflags_test::cloudflare_mtls(), tlsflags_test::sparktls_nst());
}  // namespace

TEST_CASE("extension.find_flags_candidates", "[extension][W1]") {
  struct row {
    wire list;
    std::vector<std::uint16_t> candidates;
    bool found;
    std::uint16_t code_point;
    std::size_t matches;
    errc error;
    std::vector<std::size_t> flags;
    const char* reason;
  };
  const wire mtls = tlsflags_test::cloudflare_mtls();
  const wire nst = tlsflags_test::sparktls_nst();
  const wire sv = tlsflags_test::supported_versions_ch();
  const row rows[] = {
      {concat(sv, nst), {62}, true, 62, 1, errc::ok, {8}, "W1: 62 alone"},
      {concat(sv, mtls),
       {62, 0xfe01},
       true,
       0xfe01,
       1,
       errc::ok,
       {80},
       "W1: 0xfe01 as second candidate"},
      {concat(mtls, nst),
       {62, 0xfe01},
       true,
       62,
       2,
       errc::ok,
       {8},
       "W1: both present, the first candidate wins"},
      {concat(mtls, nst),
       {0xfe01, 62},
       true,
       0xfe01,
       2,
       errc::ok,
       {80},
       "W1: both present, order is the caller's"},
      {concat(sv, mtls),
       {62},
       false,
       0,
       0,
       errc::ok,
       {},
       "W1: 0xfe01 is not looked for unless asked"},
      {sv, {62, 0xfe01}, false, 0, 0, errc::ok, {}, "absent: not an error"},
      {concat(sv, nst), {}, false, 0, 0, errc::ok, {}, "no candidate"},
      {concat(sv, hex("003e 0002 01 00")),
       {62},
       true,
       62,
       1,
       errc::trailing_zero_octet,
       {},
       "W5: found, body invalid"},
      {concat(hex("003e 0000"), mtls),
       {62, 0xfe01},
       true,
       62,
       2,
       errc::missing_length_octet,
       {},
       "W2: the preferred code point's body is judged, not the other"},
  };
  for (const row& r : rows) {
    CAPTURE(r.reason, to_hex(r.list));
    const auto block =
        tlsflags::parse_extension_block(r.list.data, r.list.size);
    REQUIRE(block.error == errc::ok);
    const auto result = tlsflags::find_flags(block.block, r.candidates.data(),
                                             r.candidates.size());
    CHECK(result.found == r.found);
    CHECK(result.code_point == r.code_point);
    CHECK(result.matches == r.matches);
    CHECK(result.error == r.error);
    CHECK(std::vector<std::size_t>(result.view.begin(), result.view.end()) ==
          r.flags);
    if (result.found) {
      // The body found lies inside the block, after its header.
      CHECK(result.ext.type == r.code_point);
      CHECK(result.ext.body >= r.list.data + 4);
      CHECK(result.ext.body + result.ext.body_size <=
            r.list.data + r.list.size);
      // An analyzer can still diagnose a body that failed.
      CHECK(tlsflags::diagnose(result.ext.body, result.ext.body_size).error ==
            r.error);
    }
  }

  // The other overloads: one code point (62 by default) and a braced list.
  constexpr auto kBlock =
      tlsflags::parse_extension_block(kBoth.data, kBoth.size).block;
  STATIC_REQUIRE(tlsflags::find_flags(kBlock).code_point == 62);
  STATIC_REQUIRE(tlsflags::find_flags(kBlock).view.test(8));
  STATIC_REQUIRE(tlsflags::find_flags(kBlock, 0xfe01).view.test(80));
  STATIC_REQUIRE(tlsflags::find_flags(kBlock, {0xfe01, 62}).code_point ==
                 0xfe01);
  STATIC_REQUIRE(tlsflags::find_flags(kBlock, {0xfe01, 62}).matches == 2);
  STATIC_REQUIRE_FALSE(tlsflags::find_flags(kBlock, 0x1234).found);
  STATIC_REQUIRE(kBlock.find(0xfe01)->body_size == 12);
  STATIC_REQUIRE_FALSE(kBlock.find(43).has_value());
  STATIC_REQUIRE_FALSE(tlsflags::find_flags(tlsflags::extension_block()).found);
#if TLSFLAGS_HAS_SPAN
  constexpr std::array<std::uint16_t, 2> kCandidates{kCloudflareCodePoint,
                                                     kDefaultCodePoint};
  STATIC_REQUIRE(
      tlsflags::find_flags(kBlock, std::span(kCandidates)).code_point ==
      0xfe01);
  STATIC_REQUIRE(
      tlsflags::parse_extension_block(std::span(kBoth.data, kBoth.size))
          .count == 2);
#endif
}

namespace {
constexpr wire kReaderData = hex("01 0203 040506 0708090a 02 aabb 00");
}  // namespace

TEST_CASE("extension.reader", "[extension][reader]") {
  using tlsflags::detail::reader;

  // Integers are big-endian and each read consumes exactly its width.
  STATIC_REQUIRE([] {
    reader r(kReaderData.data, kReaderData.size);
    std::uint8_t a = 0;
    std::uint16_t b = 0;
    std::uint32_t c = 0;
    std::uint32_t d = 0;
    reader child;
    return r.read_u8(a) && a == 1 && r.read_u16(b) && b == 0x0203 &&
           r.read_u24(c) && c == 0x040506 && r.read_u32(d) && d == 0x0708090a &&
           r.read_u8_prefixed(child) && child.remaining() == 2 &&
           child.data()[0] == 0xaa && r.remaining() == 1 && !r.read_u16(b) &&
           r.remaining() == 1;
  }());

  // On every prefix of the data, every read either succeeds, consuming its
  // width, or fails leaving the reader and the output as they were.
  for (std::size_t size = 0; size <= kReaderData.size; ++size) {
    CAPTURE(size);
    const reader start(kReaderData.data, size);
    for (std::size_t width = 1; width <= 4; ++width) {
      reader r = start;
      std::uint32_t out = 0xdeadbeef;
      bool ok = false;
      if (width == 1) {
        std::uint8_t v = 0xee;
        ok = r.read_u8(v);
        out = ok ? v : (v == 0xee ? 0xdeadbeef : 0);
      } else if (width == 2) {
        std::uint16_t v = 0xeeee;
        ok = r.read_u16(v);
        out = ok ? v : (v == 0xeeee ? 0xdeadbeef : 0);
      } else if (width == 3) {
        ok = r.read_u24(out);
      } else {
        ok = r.read_u32(out);
      }
      CAPTURE(width);
      CHECK(ok == (width <= size));
      if (ok) {
        CHECK(r.remaining() == size - width);
        CHECK(r.data() == kReaderData.data + width);
      } else {
        CHECK(r.remaining() == size);
        CHECK(r.data() == kReaderData.data);
        CHECK(out == 0xdeadbeef);
      }
    }

    // Length-prefixed children: 01 announces one octet (02), 0203 announces
    // 515, 010203 announces 66051.
    reader r = start;
    reader child(kReaderData.data, 1);
    CHECK(r.read_u8_prefixed(child) == (size >= 2));
    r = start;
    CHECK_FALSE(r.read_u16_prefixed(child));
    CHECK_FALSE(r.read_u24_prefixed(child));
    CHECK(r.remaining() == size);
    CHECK(r.data() == kReaderData.data);

    std::uint8_t copy[16] = {};
    CHECK(r.copy_bytes(size + 1, copy) == false);
    CHECK(copy[0] == 0);
    CHECK_FALSE(r.skip(size + 1));
    CHECK(r.skip(size));
    CHECK(r.empty());
  }

  // A failed length-prefixed read leaves the child as it was.
  reader r(kReaderData.data, 3);  // 01 02 03
  reader child(kReaderData.data + 5, 2);
  CHECK_FALSE(r.read_u16_prefixed(child));  // 0102 = 258 > 1
  CHECK(child.data() == kReaderData.data + 5);
  CHECK(child.remaining() == 2);

  // The empty reader, over a null pointer.
  reader none;
  std::uint8_t v = 0;
  CHECK(none.empty());
  CHECK_FALSE(none.read_u8(v));
  CHECK(none.skip(0));
  CHECK(none.read_bytes(0, child));
  CHECK(child.empty());
}

namespace {

// A block walker written straight from RFC 8446 section 4.2 with a std::set
// for duplicates, sharing no code with the library: the oracle.
struct reference_block {
  errc error = errc::ok;
  std::size_t offset = 0;
  unsigned type = 0;
  std::size_t count = 0;
};

reference_block reference_walk(const std::vector<std::uint8_t>& list) {
  reference_block r;
  std::set<unsigned> seen;
  std::size_t i = 0;
  while (i < list.size()) {
    if (list.size() - i < 4) {
      return {errc::truncated_extension_header, i, 0, 0};
    }
    const unsigned type = (unsigned{list[i]} << 8U) | list[i + 1];
    const std::size_t length = (std::size_t{list[i + 2]} << 8U) | list[i + 3];
    if (list.size() - i - 4 < length) {
      return {errc::extension_length_mismatch, i, type, 0};
    }
    if (!seen.insert(type).second) {
      return {errc::duplicate_extension, i, type, 0};
    }
    i += 4 + length;
    ++r.count;
  }
  return r;
}

// random_block returns a list of random extensions, with types drawn from a
// pool small enough to repeat now and then, and sometimes a mutation.
std::vector<std::uint8_t> random_block(std::mt19937_64& rng) {
  std::vector<std::uint8_t> list;
  const std::size_t n = rng() % 48;
  const unsigned pool = static_cast<unsigned>(rng() % 400) + 1;
  const unsigned base = static_cast<unsigned>(rng() % 65536);
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned type = (base + static_cast<unsigned>(rng() % pool)) % 65536;
    const std::size_t length = rng() % 6;
    list.push_back(static_cast<std::uint8_t>(type >> 8U));
    list.push_back(static_cast<std::uint8_t>(type));
    list.push_back(0);
    list.push_back(static_cast<std::uint8_t>(length));
    for (std::size_t j = 0; j < length; ++j) {
      list.push_back(static_cast<std::uint8_t>(rng()));
    }
  }
  switch (rng() % 4) {
    case 0:
      if (!list.empty()) {
        list.resize(rng() % list.size());  // truncate anywhere
      }
      break;
    case 1:
      if (!list.empty()) {
        list[rng() % list.size()] = static_cast<std::uint8_t>(rng());
      }
      break;
    case 2:
      list.push_back(static_cast<std::uint8_t>(rng()));
      break;
    default:
      break;  // keep it as built
  }
  return list;
}

}  // namespace

TEST_CASE("extension.random_blocks_agree_with_reference", "[extension][W9]") {
  std::mt19937_64 rng(0x626c6f636b);  // fixed seed: reproducible
  std::size_t valid = 0;
  std::size_t duplicates = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::vector<std::uint8_t> list = random_block(rng);
    // An exact-size heap copy, so that ASan sees any read past the end.
    const auto copy = tlsflags_test::exact_copy(list.data(), list.size());
    CAPTURE(round, to_hex(list.data(), list.size()));
    const reference_block expected = reference_walk(list);
    const auto parsed =
        tlsflags::parse_extension_block(copy.get(), list.size());
    REQUIRE(parsed.error == expected.error);
    REQUIRE(parsed.offset == expected.offset);
    REQUIRE(parsed.type == expected.type);
    REQUIRE(parsed.count == expected.count);
    if (parsed) {
      ++valid;
      std::size_t n = 0;
      for (const tlsflags::extension e : parsed.block) {
        REQUIRE(tlsflags_test::in_range(e.body, e.body_size, copy.get(),
                                        list.size()));
        ++n;
      }
      REQUIRE(n == expected.count);
    }
    duplicates += parsed.error == errc::duplicate_extension ? 1 : 0;
  }
  // The generator reaches both outcomes often.
  CHECK(valid > 2000);
  CHECK(duplicates > 2000);
}

TEST_CASE("extension.robustness", "[extension][fuzz]") {
  // Random octets and mutations of valid extensions and blocks, fed to
  // every entry point: no crash (under ASan and UBSan), and every view
  // returned lies inside the input.
  std::mt19937_64 rng(0x726f627573);
  const wire seeds[] = {
      tlsflags_test::cloudflare_mtls(),
      tlsflags_test::sparktls_nst(),
      concat(tlsflags_test::supported_versions_ch(),
             tlsflags_test::cloudflare_mtls()),
      wire().vec16(
          concat(tlsflags_test::key_share_ch(), tlsflags_test::sparktls_nst())),
  };
  for (int round = 0; round < 50000; ++round) {
    std::vector<std::uint8_t> input;
    if (round % 2 == 0) {
      input.resize(rng() % 40);
      for (std::uint8_t& octet : input) {
        octet = static_cast<std::uint8_t>(rng() % 4 == 0 ? 0 : rng());
      }
    } else {
      const wire& seed = seeds[rng() % (sizeof seeds / sizeof seeds[0])];
      input.assign(seed.data, seed.data + seed.size);
      const std::size_t edits = rng() % 4;
      for (std::size_t i = 0; i < edits && !input.empty(); ++i) {
        input[rng() % input.size()] = static_cast<std::uint8_t>(rng());
      }
      input.resize(rng() % (input.size() + 2));
    }
    const auto copy = tlsflags_test::exact_copy(input.data(), input.size());
    const std::uint8_t* base = copy.get();
    const std::size_t size = input.size();
    CAPTURE(round, to_hex(input.data(), size));

    const auto parsed = tlsflags::parse_extension(base, size);
    REQUIRE(tlsflags_test::in_range(parsed.ext.body, parsed.ext.body_size, base,
                                    size));
    for (const std::uint16_t code_point :
         {kDefaultCodePoint, kCloudflareCodePoint}) {
      const auto decoded =
          tlsflags::decode_extension<2040>(base, size, code_point);
      REQUIRE((decoded.error == errc::ok) ==
              (parsed && parsed.ext.type == code_point &&
               tlsflags::decode<2040>(parsed.ext.body, parsed.ext.body_size)));
    }
    for (const auto& block : {tlsflags::parse_extension_block(base, size),
                              tlsflags::parse_extensions_field(base, size)}) {
      REQUIRE(block.offset <= size);
      REQUIRE(tlsflags_test::in_range(block.block.data(),
                                      block.block.size_bytes(), base, size));
      for (const tlsflags::extension e : block.block) {
        REQUIRE(tlsflags_test::in_range(e.body, e.body_size, base, size));
      }
      const auto found = tlsflags::find_flags(block.block, {62, 0xfe01});
      REQUIRE(tlsflags_test::in_range(found.ext.body, found.ext.body_size, base,
                                      size));
      REQUIRE(tlsflags_test::in_range(found.view.vector(),
                                      found.view.vector_size(), base, size));
    }
  }
}
