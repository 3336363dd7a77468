// Tests of the error enumeration: names, rule ids, and the two alert
// policies (W5-W8).

#include <cstring>
#include <set>
#include <string>

#include "testing.hpp"
#include "tlsflags/error.hpp"

using tlsflags::alert;
using tlsflags::alert_for;
using tlsflags::alert_policy;
using tlsflags::errc;

namespace {

struct alert_row {
  errc error;
  const char* name;
  const char* rule;
  alert rfc8446;
  alert draft_literal;
};

// The documented default maps syntax to decode_error (W6, W7) and W5 to
// illegal_parameter; the draft-literal policy sends illegal_parameter for
// every invalid extension (W8). Local errors are internal_error in both.
constexpr alert_row kAlerts[] = {
    {errc::missing_length_octet, "missing_length_octet", "W2",
     alert::decode_error, alert::illegal_parameter},
    {errc::empty_vector, "empty_vector", "W6", alert::decode_error,
     alert::illegal_parameter},
    {errc::truncated_vector, "truncated_vector", "W7", alert::decode_error,
     alert::illegal_parameter},
    {errc::trailing_octets, "trailing_octets", "W7", alert::decode_error,
     alert::illegal_parameter},
    {errc::trailing_zero_octet, "trailing_zero_octet", "W5",
     alert::illegal_parameter, alert::illegal_parameter},
    {errc::flag_above_capacity, "flag_above_capacity", "",
     alert::illegal_parameter, alert::illegal_parameter},
    {errc::buffer_too_small, "buffer_too_small", "", alert::internal_error,
     alert::internal_error},
    {errc::flag_out_of_range, "flag_out_of_range", "W3", alert::internal_error,
     alert::internal_error},
    {errc::empty_set, "empty_set", "W4", alert::internal_error,
     alert::internal_error},
};

constexpr bool equal(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

constexpr bool all_rows_hold() {
  for (const alert_row& row : kAlerts) {
    if (!equal(tlsflags::error_name(row.error), row.name) ||
        !equal(tlsflags::error_rule(row.error), row.rule) ||
        alert_for(row.error) != row.rfc8446 ||
        alert_for(row.error, alert_policy::draft_literal) !=
            row.draft_literal) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("error.alert_mapping", "[error]") {
  STATIC_REQUIRE(all_rows_hold());
  for (const alert_row& row : kAlerts) {
    CAPTURE(row.name);
    CHECK(std::string(tlsflags::error_name(row.error)) == row.name);
    CHECK(std::string(tlsflags::error_rule(row.error)) == row.rule);
    CHECK(alert_for(row.error) == row.rfc8446);
    CHECK(alert_for(row.error, alert_policy::draft_literal) ==
          row.draft_literal);
    CHECK(std::strlen(tlsflags::error_message(row.error)) > 0);
  }
}

TEST_CASE("error.names_are_unique", "[error]") {
  std::set<std::string> names;
  for (const alert_row& row : kAlerts) {
    names.insert(tlsflags::error_name(row.error));
  }
  REQUIRE(names.size() == sizeof kAlerts / sizeof kAlerts[0]);
  REQUIRE(std::string(tlsflags::error_name(errc::ok)) == "ok");
  REQUIRE(std::string(tlsflags::error_name(static_cast<errc>(200))) ==
          "unknown");
}

TEST_CASE("error.alert_numbers", "[error]") {
  // RFC 8446 section 6.
  STATIC_REQUIRE(static_cast<int>(alert::illegal_parameter) == 47);
  STATIC_REQUIRE(static_cast<int>(alert::decode_error) == 50);
  STATIC_REQUIRE(static_cast<int>(alert::internal_error) == 80);
  STATIC_REQUIRE(static_cast<int>(alert::bad_certificate) == 42);
  STATIC_REQUIRE(static_cast<int>(alert::unexpected_message) == 10);
  STATIC_REQUIRE(static_cast<int>(alert::missing_extension) == 109);
  STATIC_REQUIRE(static_cast<int>(alert::unsupported_extension) == 110);
  STATIC_REQUIRE(static_cast<int>(alert::certificate_required) == 116);
  REQUIRE(std::string(tlsflags::alert_name(alert::illegal_parameter)) ==
          "illegal_parameter");
  REQUIRE(std::string(tlsflags::alert_name(alert::decode_error)) ==
          "decode_error");
  REQUIRE(std::string(tlsflags::alert_name(static_cast<alert>(0))) ==
          "unknown");
}

TEST_CASE("error.errc_set", "[error]") {
  constexpr tlsflags::errc_set kSet = [] {
    tlsflags::errc_set s;
    s.add(errc::trailing_zero_octet);
    s.add(errc::truncated_vector);
    s.add(errc::ok);  // not an error: ignored
    return s;
  }();
  STATIC_REQUIRE(kSet.size() == 2);
  STATIC_REQUIRE(kSet.contains(errc::truncated_vector));
  STATIC_REQUIRE_FALSE(kSet.contains(errc::ok));
  STATIC_REQUIRE_FALSE(kSet.contains(errc::empty_vector));
  std::string order;
  for (errc e : kSet) {
    order += tlsflags::error_name(e);
    order += ' ';
  }
  REQUIRE(order == "truncated_vector trailing_zero_octet ");
  REQUIRE(tlsflags::errc_set{}.empty());
}
