// Tests of the body codec (W2-W8): the spec's vectors, malformed bodies,
// every single flag, seeded random sets against the naive reference decoder,
// capacities, the zero-copy view and diagnostic decoding. Vectors are checked
// at compile time and at run time.

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "reference_decoder.hpp"
#include "testing.hpp"
#include "tlsflags/codec.hpp"

using tlsflags::alert;
using tlsflags::alert_policy;
using tlsflags::basic_flag_set;
using tlsflags::capacity_policy;
using tlsflags::errc;
using tlsflags::flag_set;
using tlsflags_test::equal;
using tlsflags_test::hex;
using tlsflags_test::octets;
using tlsflags_test::to_hex;

namespace {

// A body of `length` octets that are all zero but the last.
constexpr octets padded(std::uint8_t length, std::uint8_t last) {
  octets o;
  o.push(length);
  o.push_n(0, length - 1U);
  o.push(last);
  return o;
}

struct valid_row {
  octets body;
  flag_set flags;
  const char* source;
};

// docs/rules.md "Test vectors": every valid row, with where it comes from.
constexpr valid_row kValid[] = {
    {hex("01 01"), {0}, "draft-ietf-tls-tlsflags example (W3)"},
    {hex("01 22"), {1, 5}, "draft-ietf-tls-tlsflags example (W3)"},
    {hex("03 28 00 80"), {3, 5, 23}, "draft-ietf-tls-tlsflags example (W3)"},
    {padded(0x0b, 0x01), {80}, "Cloudflare request-mTLS capture, 0xfe01"},
    {hex("02 00 01"), {8}, "SPARKTLS NewSessionTicket"},
    {hex("02 90 40"), {4, 7, 14}, "jhoyla/tlsflags demo script"},
    {hex("01 02"), {1}, "BoringSSL conformance flag set"},
    {hex("04 00 00 00 80"), {31}, "BoringSSL conformance flag set"},
    {padded(0x0d, 0x10), {100}, "BoringSSL conformance flag set"},
    {padded(0xff, 0x80), {2039}, "BoringSSL set; the largest vector"},
};

struct invalid_row {
  octets body;
  errc error;
  alert rfc8446_alert;
  const char* reason;
};

// Malformed bodies, each with the rule it breaks and the alert it earns.
constexpr invalid_row kInvalid[] = {
    {hex(""), errc::missing_length_octet, alert::decode_error,
     "W2: no length octet at all"},
    {hex("00"), errc::empty_vector, alert::decode_error,
     "W6: empty vector (BoringSSL sends decode_error)"},
    {hex("00 01"), errc::empty_vector, alert::decode_error,
     "W6: empty vector, then a stray octet"},
    {hex("02 02 00"), errc::trailing_zero_octet, alert::illegal_parameter,
     "W5: {1} padded with a trailing zero octet"},
    {hex("01 00"), errc::trailing_zero_octet, alert::illegal_parameter,
     "W5: all-zero vector of one octet"},
    {hex("03 00 00 00"), errc::trailing_zero_octet, alert::illegal_parameter,
     "W5: all-zero vector of three octets"},
    {padded(0xff, 0x00), errc::trailing_zero_octet, alert::illegal_parameter,
     "W5: all-zero vector of 255 octets"},
    {hex("02 01"), errc::truncated_vector, alert::decode_error,
     "W7: L = 2 with one octet present"},
    {hex("ff"), errc::truncated_vector, alert::decode_error,
     "W7: L = 255 with no octet present"},
    {hex("05 01 02"), errc::truncated_vector, alert::decode_error,
     "W7: L = 5 with two octets present"},
    {hex("01 01 00"), errc::trailing_octets, alert::decode_error,
     "W7: a zero octet after the vector"},
    {hex("01 01 01"), errc::trailing_octets, alert::decode_error,
     "W7: a nonzero octet after the vector"},
    {hex("01 00 00"), errc::trailing_octets, alert::decode_error,
     "W7 before W5: octets after an all-zero vector"},
};

constexpr bool same_flags(const flag_set& a, const flag_set& b) {
  return a == b;
}

// Every valid row decodes, views and diagnoses to its flags, and encodes
// back to its body, in a constant expression.
constexpr bool valid_rows_hold() {
  for (const valid_row& row : kValid) {
    auto decoded = tlsflags::decode<2040>(row.body.data, row.body.size);
    if (!decoded || !same_flags(decoded.flags, row.flags)) {
      return false;
    }
    auto viewed = tlsflags::parse_view(row.body.data, row.body.size);
    if (!viewed || viewed.view.count() != row.flags.count() ||
        *viewed.view.highest() != *row.flags.highest()) {
      return false;
    }
    auto diagnosed = tlsflags::diagnose(row.body.data, row.body.size);
    if (!diagnosed || !same_flags(diagnosed.flags, row.flags)) {
      return false;
    }
    std::uint8_t out[256] = {};
    auto encoded = tlsflags::encode(row.flags, out, sizeof out);
    if (!encoded || encoded.size != row.body.size) {
      return false;
    }
    for (std::size_t i = 0; i < encoded.size; ++i) {
      if (out[i] != row.body.data[i]) {
        return false;
      }
    }
  }
  return true;
}

// Every invalid row fails with its error, in a constant expression.
constexpr bool invalid_rows_hold() {
  for (const invalid_row& row : kInvalid) {
    if (tlsflags::decode<2040>(row.body.data, row.body.size).error !=
            row.error ||
        tlsflags::parse_view(row.body.data, row.body.size).error != row.error ||
        tlsflags::diagnose(row.body.data, row.body.size).error != row.error) {
      return false;
    }
  }
  return true;
}

template <std::size_t Capacity>
std::vector<std::size_t> to_vector(const basic_flag_set<Capacity>& set) {
  return std::vector<std::size_t>(set.begin(), set.end());
}

}  // namespace

TEST_CASE("codec.spec_vectors", "[codec][valid]") {
  STATIC_REQUIRE(valid_rows_hold());

  for (const valid_row& row : kValid) {
    CAPTURE(row.source, to_hex(row.body));
    const std::vector<std::size_t> expected = to_vector(row.flags);

    auto decoded = tlsflags::decode<2040>(row.body.data, row.body.size);
    REQUIRE(decoded.error == errc::ok);
    CHECK(to_vector(decoded.flags) == expected);
    CHECK(decoded.dropped == 0);

    auto viewed = tlsflags::parse_view(row.body.data, row.body.size);
    REQUIRE(viewed.error == errc::ok);
    CHECK(std::vector<std::size_t>(viewed.view.begin(), viewed.view.end()) ==
          expected);
    CHECK(viewed.view.vector() == row.body.data + 1);  // zero-copy
    CHECK(viewed.view.vector_size() == row.body.size - 1);

    std::uint8_t out[256] = {};
    auto encoded = tlsflags::encode(row.flags, out, sizeof out);
    REQUIRE(encoded.error == errc::ok);
    CHECK(to_hex(out, encoded.size) == to_hex(row.body));
    CHECK(tlsflags::encoded_size(row.flags) == row.body.size);

    auto reference =
        tlsflags_test::reference_decode(row.body.data, row.body.size);
    CHECK(reference.valid);
    CHECK(reference.flags == expected);
  }
}

TEST_CASE("codec.invalid_bodies", "[codec][invalid]") {
  STATIC_REQUIRE(invalid_rows_hold());

  for (const invalid_row& row : kInvalid) {
    CAPTURE(row.reason, to_hex(row.body));
    auto decoded = tlsflags::decode<2040>(row.body.data, row.body.size);
    CHECK(decoded.error == row.error);
    CHECK_FALSE(decoded);
    CHECK(decoded.flags.empty());
    CHECK(tlsflags::alert_for(decoded.error) == row.rfc8446_alert);
    // W8: the draft's own words make every one of them illegal_parameter.
    CHECK(tlsflags::alert_for(decoded.error, alert_policy::draft_literal) ==
          alert::illegal_parameter);

    auto small = tlsflags::decode<64>(row.body.data, row.body.size,
                                      capacity_policy::drop);
    CHECK(small.error == row.error);

    auto viewed = tlsflags::parse_view(row.body.data, row.body.size);
    CHECK(viewed.error == row.error);
    CHECK(viewed.view.empty());

    auto diagnosed = tlsflags::diagnose(row.body.data, row.body.size);
    CHECK(diagnosed.error == row.error);
    CHECK(diagnosed.problems.contains(row.error));

    auto reference =
        tlsflags_test::reference_decode(row.body.data, row.body.size);
    CHECK_FALSE(reference.valid);
    CHECK(reference.reason == tlsflags::error_name(row.error));
  }

  // A null pointer with size 0 is an empty body, not a fault.
  CHECK(tlsflags::decode<64>(nullptr, 0).error == errc::missing_length_octet);
  CHECK(tlsflags::parse_view(nullptr, 0).error == errc::missing_length_octet);
  CHECK(tlsflags::diagnose(nullptr, 0).error == errc::missing_length_octet);
}

namespace {

// Round trip of one flag at compile time: encode, check length and last
// octet, decode back.
constexpr bool single_flag_round_trips(std::size_t flag) {
  flag_set set;
  set.set(flag);
  std::uint8_t out[256] = {};
  auto encoded = tlsflags::encode(set, out, sizeof out);
  if (!encoded || encoded.size != flag / 8 + 2 || out[0] != flag / 8 + 1 ||
      out[encoded.size - 1] != 1U << (flag % 8)) {
    return false;
  }
  auto decoded = tlsflags::decode<2040>(out, encoded.size);
  return decoded && decoded.flags == set;
}

}  // namespace

TEST_CASE("codec.every_single_flag_round_trips", "[codec][round_trip]") {
  STATIC_REQUIRE(single_flag_round_trips(0));
  STATIC_REQUIRE(single_flag_round_trips(7));
  STATIC_REQUIRE(single_flag_round_trips(8));
  STATIC_REQUIRE(single_flag_round_trips(63));
  STATIC_REQUIRE(single_flag_round_trips(64));
  STATIC_REQUIRE(single_flag_round_trips(80));
  STATIC_REQUIRE(single_flag_round_trips(1023));
  STATIC_REQUIRE(single_flag_round_trips(2039));

  for (std::size_t flag = 0; flag <= tlsflags::kMaxFlag; ++flag) {
    CAPTURE(flag);
    flag_set set;
    REQUIRE(set.set(flag));
    std::uint8_t out[256] = {};
    auto encoded = tlsflags::encode(set, out, sizeof out);
    REQUIRE(encoded.error == errc::ok);
    REQUIRE(encoded.size == flag / 8 + 2);
    REQUIRE(out[0] == flag / 8 + 1);
    REQUIRE(out[encoded.size - 1] == 1U << (flag % 8));
    auto decoded = tlsflags::decode<2040>(out, encoded.size);
    REQUIRE(decoded.error == errc::ok);
    REQUIRE(to_vector(decoded.flags) == std::vector<std::size_t>{flag});
    auto viewed = tlsflags::parse_view(out, encoded.size);
    REQUIRE(viewed.error == errc::ok);
    REQUIRE(viewed.view.test(flag));
    REQUIRE(viewed.view.count() == 1);
  }
}

TEST_CASE("codec.random_sets_agree_with_reference", "[codec][round_trip]") {
  std::mt19937_64 rng(0x746c73666c616773);  // fixed seed: reproducible
  for (int round = 0; round < 4000; ++round) {
    // Vary the highest flag and the density, so that short and long vectors
    // and sparse and dense octets all occur.
    const std::size_t top = rng() % 2040;
    const unsigned density = static_cast<unsigned>(rng() % 64) + 1;
    std::vector<std::size_t> flags;
    flag_set set;
    for (std::size_t f = 0; f < top; ++f) {
      if (rng() % density == 0) {
        flags.push_back(f);
        REQUIRE(set.set(f));
      }
    }
    flags.push_back(top);
    REQUIRE(set.set(top));

    const std::vector<std::uint8_t> body =
        tlsflags_test::reference_encode(flags);
    CAPTURE(round, top, density);
    std::uint8_t out[256] = {};
    auto encoded = tlsflags::encode(set, out, sizeof out);
    REQUIRE(encoded.error == errc::ok);
    REQUIRE(std::vector<std::uint8_t>(out, out + encoded.size) == body);

    auto decoded = tlsflags::decode<2040>(body.data(), body.size());
    REQUIRE(decoded.error == errc::ok);
    REQUIRE(to_vector(decoded.flags) == flags);
    auto viewed = tlsflags::parse_view(body.data(), body.size());
    REQUIRE(std::vector<std::size_t>(viewed.view.begin(), viewed.view.end()) ==
            flags);
  }
}

TEST_CASE("codec.random_octets_agree_with_reference", "[codec][invalid]") {
  // Arbitrary bodies, mostly malformed: the library and the reference agree
  // on validity, on the reason, and on the flags.
  std::mt19937_64 rng(0x5eed);
  for (int round = 0; round < 20000; ++round) {
    const std::size_t size = rng() % 24;
    std::vector<std::uint8_t> body(size);
    for (std::uint8_t& octet : body) {
      // Favour zero octets and small length octets.
      const std::uint64_t r = rng();
      octet = (r % 3 == 0) ? 0 : static_cast<std::uint8_t>(r >> 8);
    }
    if (size > 0 && rng() % 2 == 0) {
      body[0] = static_cast<std::uint8_t>(rng() % (size + 2));
    }
    CAPTURE(to_hex(body.data(), body.size()));
    auto reference = tlsflags_test::reference_decode(body.data(), body.size());
    auto decoded = tlsflags::decode<2040>(body.data(), body.size());
    REQUIRE(static_cast<bool>(decoded) == reference.valid);
    if (reference.valid) {
      REQUIRE(to_vector(decoded.flags) == reference.flags);
      auto diagnosed = tlsflags::diagnose(body.data(), body.size());
      REQUIRE(diagnosed.problems.empty());
      REQUIRE(diagnosed.flags == decoded.flags);
    } else {
      REQUIRE(reference.reason == tlsflags::error_name(decoded.error));
      REQUIRE(tlsflags::diagnose(body.data(), body.size()).error ==
              decoded.error);
    }
    REQUIRE(tlsflags::parse_view(body.data(), body.size()).error ==
            decoded.error);
  }
}

namespace {

// Decodes every valid row into a set of capacity `Capacity`, both ways, and
// checks that no flag is lost silently.
template <std::size_t Capacity>
void check_capacity() {
  for (const valid_row& row : kValid) {
    CAPTURE(Capacity, row.source, to_hex(row.body));
    const std::size_t highest = *row.flags.highest();

    auto strict = tlsflags::decode<Capacity>(row.body.data, row.body.size);
    if (highest >= Capacity) {
      CHECK(strict.error == errc::flag_above_capacity);
      CHECK(strict.flags.empty());
      CHECK(tlsflags::alert_for(strict.error) == alert::illegal_parameter);
    } else {
      CHECK(strict.error == errc::ok);
      CHECK(to_vector(strict.flags) == to_vector(row.flags));
    }

    auto dropping = tlsflags::decode<Capacity>(row.body.data, row.body.size,
                                               capacity_policy::drop);
    REQUIRE(dropping.error == errc::ok);
    std::vector<std::size_t> kept;
    std::size_t dropped = 0;
    for (std::size_t flag : row.flags) {
      if (flag < Capacity) {
        kept.push_back(flag);
      } else {
        ++dropped;
      }
    }
    CHECK(to_vector(dropping.flags) == kept);
    CHECK(dropping.dropped == dropped);
    CHECK(dropping.flags.count() + dropping.dropped == row.flags.count());

    auto viewed = tlsflags::parse_view(row.body.data, row.body.size);
    auto from_view =
        viewed.view.template to_set<Capacity>(capacity_policy::drop);
    CHECK(from_view.flags == dropping.flags);
    CHECK(from_view.dropped == dropping.dropped);
    CHECK(viewed.view.template to_set<Capacity>().error == strict.error);
  }
}

}  // namespace

TEST_CASE("codec.capacities", "[codec][capacity]") {
  check_capacity<8>();
  check_capacity<64>();
  check_capacity<128>();
  check_capacity<2040>();
  // Capacities that end inside an octet.
  check_capacity<5>();
  check_capacity<81>();

  // At compile time: {3, 5, 23} into 8 flags.
  constexpr auto kBody = tlsflags::encode_array<3, 5, 23>();
  STATIC_REQUIRE(tlsflags::decode<8>(kBody.data(), kBody.size()).error ==
                 errc::flag_above_capacity);
  constexpr auto kDropped =
      tlsflags::decode<8>(kBody.data(), kBody.size(), capacity_policy::drop);
  STATIC_REQUIRE(kDropped.flags == basic_flag_set<8>{3, 5});
  STATIC_REQUIRE(kDropped.dropped == 1);
  STATIC_REQUIRE(tlsflags::decode<24>(kBody.data(), kBody.size()).flags ==
                 basic_flag_set<24>{3, 5, 23});

  // Many flags dropped from one octet and from whole octets beyond.
  const octets dense = hex("03 ff ff ff");
  auto five =
      tlsflags::decode<5>(dense.data, dense.size, capacity_policy::drop);
  REQUIRE(five.error == errc::ok);
  CHECK(to_vector(five.flags) == std::vector<std::size_t>{0, 1, 2, 3, 4});
  CHECK(five.dropped == 19);
}

TEST_CASE("codec.encode_errors", "[codec][encode]") {
  std::uint8_t out[8] = {0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa};

  // W4: an empty set is not encoded; the extension is left out.
  auto empty = tlsflags::encode(basic_flag_set<64>{}, out, sizeof out);
  CHECK(empty.error == errc::empty_set);
  CHECK(empty.size == 0);
  CHECK(tlsflags::encoded_size(basic_flag_set<64>{}) == 0);
  CHECK(out[0] == 0xaa);

  // Too small by one octet: nothing is written.
  constexpr basic_flag_set<64> kSet{23};
  REQUIRE(tlsflags::encoded_size(kSet) == 4);
  auto small = tlsflags::encode(kSet, out, 3);
  CHECK(small.error == errc::buffer_too_small);
  CHECK(small.size == 0);
  CHECK(to_hex(out, 8) == "aa aa aa aa aa aa aa aa");
  CHECK(tlsflags::encode(kSet, nullptr, 0).error == errc::buffer_too_small);

  // Exactly the right size: written, and nothing beyond it.
  auto exact = tlsflags::encode(kSet, out, 4);
  CHECK(exact.error == errc::ok);
  CHECK(to_hex(out, 8) == "03 00 00 80 aa aa aa aa");
  STATIC_REQUIRE(tlsflags::alert_for(errc::buffer_too_small) ==
                 alert::internal_error);
}

TEST_CASE("codec.encode_array", "[codec][encode]") {
  constexpr auto kDraft = tlsflags::encode_array<3, 5, 23>();
  STATIC_REQUIRE(
      equal(kDraft, std::array<std::uint8_t, 4>{0x03, 0x28, 0x00, 0x80}));
  constexpr auto kOne = tlsflags::encode_array<0>();
  STATIC_REQUIRE(equal(kOne, std::array<std::uint8_t, 2>{0x01, 0x01}));
  constexpr auto kLargest = tlsflags::encode_array<2039>();
  STATIC_REQUIRE(kLargest.size() == 256);
  STATIC_REQUIRE(kLargest[0] == 0xff && kLargest[255] == 0x80);

  // The same bytes from a flag set built in a constant expression.
  constexpr auto kMtls =
      tlsflags::encode_array([] { return basic_flag_set<128>{80}; });
  STATIC_REQUIRE(kMtls.size() == 12);
  STATIC_REQUIRE(kMtls[0] == 0x0b && kMtls[11] == 0x01);
  constexpr auto kUnordered = tlsflags::encode_array<23, 3, 5>();
  STATIC_REQUIRE(equal(kUnordered, kDraft));
  REQUIRE(to_hex(kMtls.data(), kMtls.size()) ==
          "0b 00 00 00 00 00 00 00 00 00 00 01");
}

namespace {
constexpr octets kViewBody = hex("03 28 00 80");
}  // namespace

TEST_CASE("codec.view", "[codec][view]") {
  constexpr auto kView =
      tlsflags::parse_view(kViewBody.data, kViewBody.size).view;
  STATIC_REQUIRE(kView.test(3));
  STATIC_REQUIRE(kView.test(23));
  STATIC_REQUIRE_FALSE(kView.test(4));
  STATIC_REQUIRE_FALSE(kView.test(24));      // beyond the vector
  STATIC_REQUIRE_FALSE(kView.test(100000));  // far beyond: no read
  STATIC_REQUIRE(kView.count() == 3);
  STATIC_REQUIRE(*kView.highest() == 23);

  constexpr tlsflags::flags_view kEmpty;
  STATIC_REQUIRE(kEmpty.empty());
  STATIC_REQUIRE_FALSE(kEmpty.highest().has_value());
  STATIC_REQUIRE(kEmpty.begin() == kEmpty.end());
  STATIC_REQUIRE(kEmpty.to_set<64>().flags.empty());
}

TEST_CASE("codec.diagnose_recovers_flags", "[codec][diagnose]") {
  struct row {
    octets body;
    std::vector<std::size_t> flags;
    std::vector<errc> problems;
    std::size_t vector_octets;
    std::size_t trailing_octets;
    const char* reason;
  };
  const row rows[] = {
      {hex(""), {}, {errc::missing_length_octet}, 0, 0, "W2: nothing"},
      {hex("00 ff"),
       {},
       {errc::empty_vector, errc::trailing_octets},
       0,
       1,
       "W6 and W7: the stray octet is not read as flags"},
      {hex("05 01 02"),
       {0, 9},
       {errc::truncated_vector},
       2,
       0,
       "W7: flags of the octets present are recovered"},
      {hex("05 00"),
       {},
       {errc::truncated_vector},
       1,
       0,
       "W7: a truncated vector is not judged by its last octet"},
      {hex("02 02 00 ff"),
       {1},
       {errc::trailing_octets, errc::trailing_zero_octet},
       2,
       1,
       "W7 and W5 together"},
      {hex("01 00"), {}, {errc::trailing_zero_octet}, 1, 0, "W5: all zero"},
      {hex("03 28 00 80"), {3, 5, 23}, {}, 3, 0, "valid"},
  };
  for (const row& r : rows) {
    CAPTURE(r.reason, to_hex(r.body));
    auto d = tlsflags::diagnose(r.body.data, r.body.size);
    CHECK(to_vector(d.flags) == r.flags);
    CHECK(std::vector<errc>(d.problems.begin(), d.problems.end()) ==
          r.problems);
    CHECK(d.vector_octets == r.vector_octets);
    CHECK(d.trailing_octets == r.trailing_octets);
    // The first problem is the one strict decoding reports.
    CHECK(d.error == tlsflags::decode<2040>(r.body.data, r.body.size).error);
    CHECK(static_cast<bool>(d) == r.problems.empty());
  }

  constexpr octets kTruncated = hex("05 01 02");
  STATIC_REQUIRE(
      tlsflags::diagnose(kTruncated.data, kTruncated.size).flags.test(9));
}

#if TLSFLAGS_HAS_SPAN
TEST_CASE("codec.span_overloads", "[codec][span]") {
  constexpr std::array<std::uint8_t, 2> kBody{0x01, 0x22};
  STATIC_REQUIRE(tlsflags::decode<64>(std::span(kBody)).flags.test(5));
  STATIC_REQUIRE(tlsflags::parse_view(std::span(kBody)).view.test(1));
  STATIC_REQUIRE(tlsflags::diagnose(std::span(kBody)).flags.count() == 2);
  std::array<std::uint8_t, 2> out{};
  REQUIRE(tlsflags::encode(basic_flag_set<64>{1, 5}, std::span(out)).size == 2);
  REQUIRE(out == kBody);
}
#endif

TEST_CASE("codec.make_flag_set", "[codec][flag_set]") {
  // W3: numbers above 2039 exist in no vector; a checked set refuses them.
  STATIC_REQUIRE(tlsflags::make_flag_set<64>({8, 3}).flags ==
                 basic_flag_set<64>{3, 8});
  STATIC_REQUIRE(tlsflags::make_flag_set<2040>({2039}).flags.test(2039));
  STATIC_REQUIRE(tlsflags::make_flag_set<2040>({2040}).error ==
                 errc::flag_out_of_range);
  STATIC_REQUIRE(tlsflags::make_flag_set<64>({80}).error ==
                 errc::flag_above_capacity);
  STATIC_REQUIRE(tlsflags::make_flag_set<64>({}).flags.empty());

  struct row {
    std::vector<std::size_t> flags;
    capacity_policy policy;
    errc error;
    std::vector<std::size_t> kept;
    std::size_t dropped;
    const char* reason;
  };
  const row rows[] = {
      {{1, 5, 1},
       capacity_policy::reject,
       errc::ok,
       {1, 5},
       0,
       "duplicates are one flag"},
      {{63, 64},
       capacity_policy::reject,
       errc::flag_above_capacity,
       {},
       0,
       "64 is at capacity: rejected, set empty"},
      {{63, 64, 80, 64},
       capacity_policy::drop,
       errc::ok,
       {63},
       3,
       "dropped and counted, each time it appears"},
      {{1, 2040},
       capacity_policy::drop,
       errc::flag_out_of_range,
       {},
       0,
       "W3: above 2039 fails even under drop"},
      {{1, static_cast<std::size_t>(-1)},
       capacity_policy::reject,
       errc::flag_out_of_range,
       {},
       0,
       "W3: the largest size_t"},
  };
  for (const row& r : rows) {
    CAPTURE(r.reason);
    auto made =
        tlsflags::make_flag_set<64>(r.flags.data(), r.flags.size(), r.policy);
    CHECK(made.error == r.error);
    CHECK(to_vector(made.flags) == r.kept);
    CHECK(made.dropped == r.dropped);
  }
  CHECK(tlsflags::make_flag_set<64>(nullptr, 0).flags.empty());
}
