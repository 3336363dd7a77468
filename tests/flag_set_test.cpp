// Tests of basic_flag_set: membership, capacity limits, iteration order and
// the set operators, each at compile time and at run time.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "testing.hpp"
#include "tlsflags/flag_set.hpp"

using tlsflags::basic_flag_set;
using tlsflags::flag_set;

namespace {

template <std::size_t Capacity>
std::vector<std::size_t> to_vector(const basic_flag_set<Capacity>& set) {
  return std::vector<std::size_t>(set.begin(), set.end());
}

constexpr basic_flag_set<128> kProposed{8, 80};
constexpr basic_flag_set<2040> kSpread{2039, 0, 63, 64, 1000, 5};

}  // namespace

TEST_CASE("flag_set.membership", "[flag_set]") {
  STATIC_REQUIRE(kProposed.test(8));
  STATIC_REQUIRE(kProposed.test(80));
  STATIC_REQUIRE_FALSE(kProposed.test(9));
  STATIC_REQUIRE(kProposed.count() == 2);
  STATIC_REQUIRE(*kProposed.highest() == 80);
  STATIC_REQUIRE_FALSE(basic_flag_set<64>{}.highest().has_value());
  STATIC_REQUIRE(basic_flag_set<64>{}.empty());

  basic_flag_set<128> set;
  REQUIRE(set.empty());
  REQUIRE(set.set(0));
  REQUIRE(set.set(127));
  REQUIRE(set.set(64));
  REQUIRE(set.count() == 3);
  REQUIRE(set.test(64));
  set.reset(64);
  REQUIRE_FALSE(set.test(64));
  set.reset(64);  // not in the set: unchanged
  REQUIRE(set.count() == 2);
  REQUIRE(*set.highest() == 127);
  set.clear();
  REQUIRE(set.empty());
}

TEST_CASE("flag_set.capacity_limits", "[flag_set]") {
  STATIC_REQUIRE(basic_flag_set<8>::capacity() == 8);
  STATIC_REQUIRE(basic_flag_set<8>::kWordCount == 1);
  STATIC_REQUIRE(basic_flag_set<65>::kWordCount == 2);
  STATIC_REQUIRE(flag_set::capacity() == 2040);
  STATIC_REQUIRE(flag_set::kWordCount == 32);

  basic_flag_set<8> small;
  REQUIRE_FALSE(small.set(8));  // at capacity: refused, not stored
  REQUIRE(small.empty());
  REQUIRE_FALSE(small.test(8));
  REQUIRE_FALSE(small.test(1000000));
  small.reset(8);  // out of range: no effect, no fault
  REQUIRE(small.set(7));
  REQUIRE(to_vector(small) == std::vector<std::size_t>{7});

  flag_set all;
  REQUIRE(all.set(2039));
  REQUIRE_FALSE(all.set(2040));
  REQUIRE(*all.highest() == 2039);
}

TEST_CASE("flag_set.iteration_is_ascending", "[flag_set]") {
  REQUIRE(to_vector(kSpread) ==
          std::vector<std::size_t>{0, 5, 63, 64, 1000, 2039});
  REQUIRE(to_vector(basic_flag_set<64>{}).empty());

  // Iteration is usable in constant expressions.
  constexpr std::size_t kSum = [] {
    std::size_t sum = 0;
    for (std::size_t flag : kSpread) {
      sum += flag;
    }
    return sum;
  }();
  STATIC_REQUIRE(kSum == 0 + 5 + 63 + 64 + 1000 + 2039);

  // Every single flag, alone, is visited exactly once.
  for (std::size_t flag = 0; flag < 2040; ++flag) {
    flag_set one;
    REQUIRE(one.set(flag));
    REQUIRE(to_vector(one) == std::vector<std::size_t>{flag});
  }
}

TEST_CASE("flag_set.operators", "[flag_set]") {
  constexpr basic_flag_set<128> kA{1, 5, 70};
  constexpr basic_flag_set<128> kB{5, 70, 100};
  STATIC_REQUIRE((kA | kB) == basic_flag_set<128>{1, 5, 70, 100});
  STATIC_REQUIRE((kA & kB) == basic_flag_set<128>{5, 70});
  STATIC_REQUIRE((kA - kB) == basic_flag_set<128>{1});
  STATIC_REQUIRE((kB - kA) == basic_flag_set<128>{100});
  STATIC_REQUIRE(kA != kB);
  STATIC_REQUIRE((kA & kB).is_subset_of(kA));
  STATIC_REQUIRE_FALSE(kA.is_subset_of(kB));
  STATIC_REQUIRE(basic_flag_set<128>{}.is_subset_of(kA));

  // Across capacities.
  constexpr basic_flag_set<64> kSmall{5};
  STATIC_REQUIRE(kSmall.is_subset_of(kA));
  STATIC_REQUIRE_FALSE(kA.is_subset_of(kSmall));
  constexpr basic_flag_set<128> kWidened = kSmall;
  STATIC_REQUIRE(kWidened == basic_flag_set<128>{5});

  basic_flag_set<128> c = kA;
  c |= kB;
  c -= basic_flag_set<128>{1};
  c &= basic_flag_set<128>{5, 100, 127};
  REQUIRE(to_vector(c) == std::vector<std::size_t>{5, 100});
}

TEST_CASE("flag_set.word_layout_matches_the_wire", "[flag_set]") {
  // W3: flag n is bit n % 64 of word n / 64, so that word order is the
  // little-endian reading of the vector.
  constexpr basic_flag_set<256> kSet{0, 63, 64, 255};
  STATIC_REQUIRE(kSet.word(0) == (std::uint64_t{1} | std::uint64_t{1} << 63));
  STATIC_REQUIRE(kSet.word(1) == 1);
  STATIC_REQUIRE(kSet.word(3) == std::uint64_t{1} << 63);
  STATIC_REQUIRE(kSet.word(4) == 0);  // beyond the set: 0, not a fault
}
