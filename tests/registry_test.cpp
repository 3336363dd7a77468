// Tests of the flag registry: the built-in entries against docs/rules.md,
// lookups by value and by name for every entry, and registries that a user
// builds at compile time, extending or replacing the built-in one. Registries
// that must not compile are in tests/compile_fail/.

#include <array>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "testing.hpp"
#include "tlsflags/registry.hpp"

using tlsflags::flag_info;
using tlsflags::kBuiltinRegistry;
using tlsflags::message;
using tlsflags::message_set;
using tlsflags::recommended;

namespace {

struct entry_row {
  std::size_t value;
  std::string_view name;
  message_set proposed_in;
  message_set acknowledged_in;
  char rec;
  std::string_view reference;
  bool provisional;
};

// docs/rules.md "The registry": request_mtls as the editor's copy has it
// (proposed in CH, acknowledged in CR), its value provisional.
constexpr entry_row kExpected[] = {
    {8,
     "resumption_across_names",
     {message::new_session_ticket},
     {},
     'N',
     "draft-ietf-tls-cross-sni-resumption",
     false},
    {80,
     "request_mtls",
     {message::client_hello},
     {message::certificate_request},
     'N',
     "draft-jhoyla-req-mtls-flag",
     true},
};

constexpr bool matches(const flag_info& info, const entry_row& row) {
  return info.value == row.value && info.name == row.name &&
         info.proposed_in == row.proposed_in &&
         info.acknowledged_in == row.acknowledged_in &&
         tlsflags::recommended_letter(info.rec) == row.rec &&
         info.reference == row.reference && info.provisional == row.provisional;
}

constexpr bool builtin_matches_spec() {
  if (kBuiltinRegistry.size() != sizeof kExpected / sizeof kExpected[0]) {
    return false;
  }
  for (const entry_row& row : kExpected) {
    const flag_info* by_value = tlsflags::find_flag(row.value);
    const flag_info* by_name = tlsflags::find_flag(row.name);
    if (by_value == nullptr || by_value != by_name ||
        !matches(*by_value, row)) {
      return false;
    }
  }
  return true;
}

// Every entry of `registry` is found by its value and by its name, and both
// lookups give that very entry.
template <typename Registry>
constexpr bool lookups_find_every_entry(const Registry& registry) {
  for (const flag_info& info : registry) {
    if (registry.find(std::size_t{info.value}) != &info ||
        registry.find(info.name) != &info) {
      return false;
    }
  }
  return true;
}

// A user's registry: the built-in flags and two of the user's own, built at
// compile time.
constexpr auto kExtended = tlsflags::extend_registry(
    kBuiltinRegistry, {{42,
                        "example_ee_flag",
                        {message::client_hello},
                        {message::encrypted_extensions},
                        recommended::no,
                        "draft-example",
                        false},
                       {2039,
                        "example_client_ct_flag",
                        {message::certificate_request},
                        {message::client_certificate},
                        recommended::discouraged,
                        "RFC YYYY",
                        false}});

// A registry that replaces the built-in one: request_mtls at another value
// (as once IANA assigns one) and resumption_across_names left out.
constexpr auto kReplaced = tlsflags::make_registry(
    {{0,
      "example_zero",
      {message::client_hello, message::new_session_ticket},
      {message::server_hello, message::hello_retry_request},
      recommended::yes,
      "RFC ZZZZ",
      false},
     {81,
      "request_mtls",
      {message::client_hello},
      {message::certificate_request},
      recommended::no,
      "draft-jhoyla-req-mtls-flag",
      false}});

constexpr auto kEmpty = tlsflags::make_registry();

// Names "f0000" to "f2039", five characters each, for a registry of every
// flag the wire can carry.
struct flag_names {
  char text[tlsflags::kMaxFlags * 5] = {};
};

constexpr flag_names kFlagNames = [] {
  flag_names names;
  for (std::size_t i = 0; i < tlsflags::kMaxFlags; ++i) {
    names.text[i * 5] = 'f';
    std::size_t n = i;
    for (std::size_t d = 4; d > 0; --d) {
      names.text[i * 5 + d] = static_cast<char>('0' + n % 10);
      n /= 10;
    }
  }
  return names;
}();

constexpr std::array<flag_info, tlsflags::kMaxFlags> every_flag() {
  std::array<flag_info, tlsflags::kMaxFlags> entries{};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i] = flag_info{static_cast<std::uint16_t>(i),
                           std::string_view(kFlagNames.text + i * 5, 5),
                           {message::client_hello},
                           {message::encrypted_extensions},
                           recommended::no,
                           "draft-example",
                           false};
  }
  return entries;
}

// Every value 0 to 2039 in one registry: checking it at compile time must
// stay within the compilers' default limits on constant evaluation.
constexpr auto kFull = tlsflags::make_registry(every_flag());

}  // namespace

TEST_CASE("registry.builtin_entries", "[registry]") {
  STATIC_REQUIRE(builtin_matches_spec());
  STATIC_REQUIRE(tlsflags::kResumptionAcrossNames == 8);
  STATIC_REQUIRE(tlsflags::kRequestMtls == 80);
  STATIC_REQUIRE(tlsflags::find_flag(tlsflags::kRequestMtls)->provisional);
  STATIC_REQUIRE(
      tlsflags::find_flag(tlsflags::kRequestMtls)->messages() ==
      message_set{message::client_hello, message::certificate_request});

  for (const entry_row& row : kExpected) {
    CAPTURE(std::string(row.name));
    const flag_info* info = tlsflags::find_flag(row.value);
    REQUIRE(info != nullptr);
    CHECK(info == tlsflags::find_flag(row.name));
    CHECK(info->value == row.value);
    CHECK(info->name == row.name);
    CHECK(info->proposed_in == row.proposed_in);
    CHECK(info->acknowledged_in == row.acknowledged_in);
    CHECK(tlsflags::recommended_letter(info->rec) == row.rec);
    CHECK(info->reference == row.reference);
    CHECK(info->provisional == row.provisional);
  }
}

TEST_CASE("registry.lookup_both_ways", "[registry]") {
  STATIC_REQUIRE(lookups_find_every_entry(kBuiltinRegistry));
  STATIC_REQUIRE(lookups_find_every_entry(kExtended));
  STATIC_REQUIRE(lookups_find_every_entry(kReplaced));
  STATIC_REQUIRE(lookups_find_every_entry(kEmpty));

  for (const flag_info& info : kBuiltinRegistry) {
    CAPTURE(std::string(info.name));
    CHECK(kBuiltinRegistry.find(std::size_t{info.value}) == &info);
    CHECK(kBuiltinRegistry.find(info.name) == &info);
    CHECK(tlsflags::find_flag(std::size_t{info.value}) == &info);
    CHECK(tlsflags::find_flag(info.name) == &info);
  }
  for (const flag_info& info : kExtended) {
    CAPTURE(std::string(info.name));
    CHECK(kExtended.find(std::size_t{info.value}) == &info);
    CHECK(kExtended.find(info.name) == &info);
  }

  // Absent values and names, including values no vector can carry, and
  // names that differ only in case or by a prefix.
  const std::size_t absent_values[] = {0, 7, 9, 79, 81, 2039, 2040, 65536};
  for (std::size_t value : absent_values) {
    CAPTURE(value);
    CHECK(tlsflags::find_flag(value) == nullptr);
  }
  const char* absent_names[] = {"", "request", "Request_MTLS", "request_mtls ",
                                "request_client_auth"};
  for (const char* name : absent_names) {
    CAPTURE(name);
    CHECK(tlsflags::find_flag(name) == nullptr);
  }
  STATIC_REQUIRE(tlsflags::find_flag(std::size_t{0}) == nullptr);
  STATIC_REQUIRE(tlsflags::find_flag("request_client_auth") == nullptr);
}

TEST_CASE("registry.user_extends_builtin", "[registry][user]") {
  STATIC_REQUIRE(kExtended.size() == 4);
  // The built-in entries come first, unchanged.
  STATIC_REQUIRE(matches(*kExtended.find(std::size_t{80}), kExpected[1]));
  STATIC_REQUIRE(matches(*kExtended.find(std::size_t{8}), kExpected[0]));
  STATIC_REQUIRE(kExtended.find("example_ee_flag")->value == 42);
  STATIC_REQUIRE(kExtended.find(std::size_t{2039})->acknowledged_in ==
                 message_set{message::client_certificate});
  STATIC_REQUIRE(tlsflags::recommended_letter(
                     kExtended.find("example_client_ct_flag")->rec) == 'D');

  std::string order;
  for (const flag_info& info : kExtended) {
    order += std::string(info.name) + ' ';
  }
  REQUIRE(order ==
          "resumption_across_names request_mtls example_ee_flag "
          "example_client_ct_flag ");
  // The built-in registry itself is not changed.
  REQUIRE(kBuiltinRegistry.find(std::size_t{42}) == nullptr);
}

TEST_CASE("registry.user_replaces_builtin", "[registry][user]") {
  STATIC_REQUIRE(kReplaced.size() == 2);
  STATIC_REQUIRE(kReplaced.find(std::size_t{8}) == nullptr);
  STATIC_REQUIRE(kReplaced.find(std::size_t{80}) == nullptr);
  STATIC_REQUIRE(kReplaced.find("request_mtls")->value == 81);
  STATIC_REQUIRE(kReplaced.find(std::size_t{0})->name == "example_zero");
  REQUIRE(kReplaced.find("resumption_across_names") == nullptr);

  STATIC_REQUIRE(kEmpty.size() == 0);
  STATIC_REQUIRE(kEmpty.begin() == kEmpty.end());
  STATIC_REQUIRE(kEmpty.find(std::size_t{80}) == nullptr);
  REQUIRE(kEmpty.find("request_mtls") == nullptr);
}

TEST_CASE("registry.every_value_at_compile_time", "[registry][user]") {
  STATIC_REQUIRE(kFull.size() == 2040);
  STATIC_REQUIRE(kFull.find(std::size_t{0})->name == "f0000");
  STATIC_REQUIRE(kFull.find(std::size_t{2039})->name == "f2039");
  STATIC_REQUIRE(kFull.find("f1234")->value == 1234);
  STATIC_REQUIRE(kFull.find(std::size_t{2040}) == nullptr);

  std::size_t found = 0;
  for (const flag_info& info : kFull) {
    if (kFull.find(std::size_t{info.value}) == &info &&
        kFull.find(info.name) == &info) {
      ++found;
    }
  }
  REQUIRE(found == tlsflags::kMaxFlags);
}

TEST_CASE("registry.entries_are_consistent", "[registry]") {
  // What the compile-time checks enforce, restated for the built-in entries:
  // unique values and names, values 0 to 2039 (W3), proposals only in
  // proposing messages (S1), acknowledgements only in messages that answer a
  // proposal of the same flag (S2, S3).
  std::set<std::size_t> values;
  std::set<std::string_view> names;
  for (const flag_info& info : kExtended) {
    CAPTURE(std::string(info.name));
    CHECK(values.insert(info.value).second);
    CHECK(names.insert(info.name).second);
    CHECK(info.value <= tlsflags::kMaxFlag);
    CHECK((info.proposed_in - tlsflags::kProposingMessages).empty());
    for (message m : info.acknowledged_in) {
      REQUIRE(tlsflags::answers(m).has_value());
      CHECK(info.proposed_in.contains(*tlsflags::answers(m)));
    }
  }

  // S8: the built-in flags are never acknowledged where a passive observer
  // sees it.
  for (const flag_info& info : kBuiltinRegistry) {
    CHECK((info.acknowledged_in & tlsflags::kCleartextMessages).empty());
  }
}

TEST_CASE("registry.recommended_letters", "[registry]") {
  STATIC_REQUIRE(tlsflags::recommended_letter(recommended::yes) == 'Y');
  STATIC_REQUIRE(tlsflags::recommended_letter(recommended::no) == 'N');
  STATIC_REQUIRE(tlsflags::recommended_letter(recommended::discouraged) == 'D');
  REQUIRE(tlsflags::recommended_letter(static_cast<recommended>(3)) == '?');
}
