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
    {errc::unsolicited_flag, "unsolicited_flag", "S2", alert::illegal_parameter,
     alert::illegal_parameter},
    {errc::flag_not_allowed_in_message, "flag_not_allowed_in_message", "S7",
     alert::illegal_parameter, alert::illegal_parameter},
    {errc::unknown_message, "unknown_message", "W10", alert::internal_error,
     alert::internal_error},
    // M7: the request_mtls draft names the alert itself.
    {errc::empty_client_certificate, "empty_client_certificate", "M7",
     alert::bad_certificate, alert::bad_certificate},
    // Framing (RFC 8446 sections 4.2, 4 and 5): syntax is decode_error under
    // both policies; W9 is illegal_parameter; W1 and a full reassembly
    // buffer are the caller's own; record_too_long is record_overflow.
    {errc::truncated_extension_header, "truncated_extension_header", "",
     alert::decode_error, alert::decode_error},
    {errc::extension_length_mismatch, "extension_length_mismatch", "",
     alert::decode_error, alert::decode_error},
    {errc::truncated_extension_block, "truncated_extension_block", "",
     alert::decode_error, alert::decode_error},
    {errc::extension_block_trailing_octets, "extension_block_trailing_octets",
     "", alert::decode_error, alert::decode_error},
    {errc::duplicate_extension, "duplicate_extension", "W9",
     alert::illegal_parameter, alert::illegal_parameter},
    {errc::code_point_mismatch, "code_point_mismatch", "W1",
     alert::internal_error, alert::internal_error},
    {errc::truncated_handshake_message, "truncated_handshake_message", "",
     alert::decode_error, alert::decode_error},
    {errc::unsupported_handshake_type, "unsupported_handshake_type", "",
     alert::unexpected_message, alert::unexpected_message},
    {errc::missing_extension_block, "missing_extension_block", "",
     alert::decode_error, alert::decode_error},
    {errc::malformed_client_hello, "malformed_client_hello", "",
     alert::decode_error, alert::decode_error},
    {errc::malformed_server_hello, "malformed_server_hello", "",
     alert::decode_error, alert::decode_error},
    {errc::malformed_certificate_request, "malformed_certificate_request", "",
     alert::decode_error, alert::decode_error},
    {errc::malformed_certificate, "malformed_certificate", "",
     alert::decode_error, alert::decode_error},
    {errc::malformed_new_session_ticket, "malformed_new_session_ticket", "",
     alert::decode_error, alert::decode_error},
    {errc::handshake_message_too_large, "handshake_message_too_large", "",
     alert::internal_error, alert::internal_error},
    {errc::truncated_record, "truncated_record", "", alert::decode_error,
     alert::decode_error},
    {errc::record_too_long, "record_too_long", "", alert::record_overflow,
     alert::record_overflow},
    {errc::empty_handshake_record, "empty_handshake_record", "",
     alert::decode_error, alert::decode_error},
    {errc::interleaved_record, "interleaved_record", "",
     alert::unexpected_message, alert::unexpected_message},
    {errc::unknown_content_type, "unknown_content_type", "",
     alert::unexpected_message, alert::unexpected_message},
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
  STATIC_REQUIRE(static_cast<int>(alert::record_overflow) == 22);
  STATIC_REQUIRE(static_cast<int>(alert::missing_extension) == 109);
  STATIC_REQUIRE(static_cast<int>(alert::unsupported_extension) == 110);
  STATIC_REQUIRE(static_cast<int>(alert::certificate_required) == 116);
  REQUIRE(std::string(tlsflags::alert_name(alert::illegal_parameter)) ==
          "illegal_parameter");
  REQUIRE(std::string(tlsflags::alert_name(alert::decode_error)) ==
          "decode_error");
  REQUIRE(std::string(tlsflags::alert_name(alert::record_overflow)) ==
          "record_overflow");
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
