// Tests of the handshake messages: the proposing and responding roles (S1,
// S2), which message each one answers, names and their parser (including the
// two Certificate messages), and message_set. Checked at compile time and at
// run time.

#include <optional>
#include <string>
#include <vector>

#include "testing.hpp"
#include "tlsflags/message.hpp"

using tlsflags::message;
using tlsflags::message_set;
using tlsflags::side;

namespace {

struct message_row {
  message m;
  const char* name;
  const char* short_name;
  const char* abbreviation;
  bool proposing;
  bool responding;
  std::optional<message> answers;
  side sender;
  bool cleartext;
};

// One row a message, straight from docs/rules.md S1, S2 and S8 and from the
// TLS 1.3 handshake: who sends it and which proposals it may answer.
constexpr message_row kMessages[] = {
    {message::client_hello, "client_hello", "ch", "CH", true, false,
     std::nullopt, side::client, true},
    {message::server_hello, "server_hello", "sh", "SH", false, true,
     message::client_hello, side::server, true},
    {message::hello_retry_request, "hello_retry_request", "hrr", "HRR", false,
     true, message::client_hello, side::server, true},
    {message::encrypted_extensions, "encrypted_extensions", "ee", "EE", false,
     true, message::client_hello, side::server, false},
    {message::certificate_request, "certificate_request", "cr", "CR", true,
     false, message::client_hello, side::server, false},
    {message::server_certificate, "server_certificate", "sct", "CT", false,
     true, message::client_hello, side::server, false},
    {message::client_certificate, "client_certificate", "cct", "CT", false,
     true, message::certificate_request, side::client, false},
    {message::new_session_ticket, "new_session_ticket", "nst", "NST", true,
     false, std::nullopt, side::server, false},
};

constexpr bool same(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

constexpr bool all_rows_hold() {
  for (const message_row& row : kMessages) {
    if (!same(tlsflags::message_name(row.m), row.name) ||
        !same(tlsflags::message_abbreviation(row.m), row.abbreviation) ||
        tlsflags::is_proposing(row.m) != row.proposing ||
        tlsflags::is_responding(row.m) != row.responding ||
        tlsflags::answers(row.m) != row.answers ||
        tlsflags::sender(row.m) != row.sender ||
        tlsflags::receiver(row.m) == row.sender ||
        tlsflags::is_cleartext(row.m) != row.cleartext ||
        tlsflags::parse_message(row.name) != row.m ||
        tlsflags::parse_message(row.short_name) != row.m) {
      return false;
    }
  }
  return true;
}

constexpr message kInvalid = static_cast<message>(8);

}  // namespace

TEST_CASE("message.roles", "[message]") {
  STATIC_REQUIRE(all_rows_hold());
  STATIC_REQUIRE(sizeof kMessages / sizeof kMessages[0] ==
                 tlsflags::kMessageCount);

  for (const message_row& row : kMessages) {
    CAPTURE(row.name);
    CHECK(std::string(tlsflags::message_name(row.m)) == row.name);
    CHECK(std::string(tlsflags::message_abbreviation(row.m)) ==
          row.abbreviation);
    // S1, S2: every message is exactly one of proposing and responding.
    CHECK(tlsflags::is_proposing(row.m) == row.proposing);
    CHECK(tlsflags::is_responding(row.m) == row.responding);
    CHECK(tlsflags::is_proposing(row.m) != tlsflags::is_responding(row.m));
    CHECK(tlsflags::answers(row.m) == row.answers);
    CHECK(tlsflags::sender(row.m) == row.sender);
    CHECK(tlsflags::receiver(row.m) != row.sender);
    CHECK(tlsflags::is_cleartext(row.m) == row.cleartext);
    // A message answers a proposing message of the other side.
    if (row.answers) {
      CHECK(tlsflags::is_proposing(*row.answers));
      CHECK(tlsflags::sender(*row.answers) != row.sender);
    }
    // S2: every responding message answers something.
    if (row.responding) {
      CHECK(row.answers.has_value());
    }
  }
}

TEST_CASE("message.proposing_and_responding_sets", "[message]") {
  // S1: CH, CR, NST; S2: SH, HRR, EE and both CT; W10: together, all seven
  // IANA abbreviations.
  STATIC_REQUIRE(tlsflags::kProposingMessages ==
                 message_set{message::client_hello,
                             message::certificate_request,
                             message::new_session_ticket});
  STATIC_REQUIRE(
      (tlsflags::kProposingMessages & tlsflags::kRespondingMessages).empty());
  STATIC_REQUIRE((tlsflags::kProposingMessages |
                  tlsflags::kRespondingMessages) == message_set::all());
  STATIC_REQUIRE(tlsflags::kRespondingMessages.size() == 5);

  std::string abbreviations;
  for (message m : message_set::all()) {
    abbreviations += tlsflags::message_abbreviation(m);
    abbreviations += ' ';
  }
  REQUIRE(abbreviations == "CH SH HRR EE CR CT CT NST ");
}

TEST_CASE("message.values_outside_the_enumeration", "[message]") {
  STATIC_REQUIRE_FALSE(tlsflags::is_valid_message(kInvalid));
  STATIC_REQUIRE(tlsflags::is_valid_message(message::new_session_ticket));
  STATIC_REQUIRE_FALSE(tlsflags::is_proposing(kInvalid));
  STATIC_REQUIRE_FALSE(tlsflags::is_responding(kInvalid));
  STATIC_REQUIRE_FALSE(tlsflags::answers(kInvalid).has_value());
  STATIC_REQUIRE_FALSE(message_set::all().contains(kInvalid));
  REQUIRE(std::string(tlsflags::message_name(kInvalid)) == "unknown");
  REQUIRE(std::string(tlsflags::message_abbreviation(kInvalid)).empty());

  message_set set{kInvalid, message::client_hello};
  REQUIRE(set.size() == 1);
  set.insert(static_cast<message>(255));
  REQUIRE(set == message_set{message::client_hello});
}

TEST_CASE("message.parse", "[message]") {
  struct row {
    const char* text;
    std::optional<message> one_argument;
    std::optional<message> at_client;
    std::optional<message> at_server;
  };
  const row rows[] = {
      // "ct" alone is the server's Certificate; with the receiving side it is
      // the Certificate that side receives.
      {"ct", message::server_certificate, message::server_certificate,
       message::client_certificate},
      {"CT", message::server_certificate, message::server_certificate,
       message::client_certificate},
      // "sct", "cct" and the long names are the same on both sides.
      {"sct", message::server_certificate, message::server_certificate,
       message::server_certificate},
      {"cct", message::client_certificate, message::client_certificate,
       message::client_certificate},
      {"client_certificate", message::client_certificate,
       message::client_certificate, message::client_certificate},
      {"CH", message::client_hello, message::client_hello,
       message::client_hello},
      {"New_Session_Ticket", message::new_session_ticket,
       message::new_session_ticket, message::new_session_ticket},
      {"", std::nullopt, std::nullopt, std::nullopt},
      {"c", std::nullopt, std::nullopt, std::nullopt},
      {"certificate", std::nullopt, std::nullopt, std::nullopt},
      {"client_hello ", std::nullopt, std::nullopt, std::nullopt},
      {"unknown", std::nullopt, std::nullopt, std::nullopt},
  };
  for (const row& r : rows) {
    CAPTURE(r.text);
    CHECK(tlsflags::parse_message(r.text) == r.one_argument);
    CHECK(tlsflags::parse_message(r.text, side::client) == r.at_client);
    CHECK(tlsflags::parse_message(r.text, side::server) == r.at_server);
  }

  STATIC_REQUIRE(tlsflags::parse_message("hrr") ==
                 message::hello_retry_request);
  STATIC_REQUIRE(tlsflags::parse_message("ct", side::server) ==
                 message::client_certificate);
  STATIC_REQUIRE_FALSE(tlsflags::parse_message("xx").has_value());
}

TEST_CASE("message.message_set", "[message]") {
  constexpr message_set kSet{message::new_session_ticket,
                             message::client_hello};
  STATIC_REQUIRE(kSet.contains(message::client_hello));
  STATIC_REQUIRE_FALSE(kSet.contains(message::server_hello));
  STATIC_REQUIRE(kSet.size() == 2);
  STATIC_REQUIRE(kSet.bits() == 0x81);
  STATIC_REQUIRE(message_set{}.empty());
  STATIC_REQUIRE((kSet - message_set{message::client_hello}) ==
                 message_set{message::new_session_ticket});
  STATIC_REQUIRE(message_set::all().size() == tlsflags::kMessageCount);

  std::vector<message> order(kSet.begin(), kSet.end());
  REQUIRE(order == std::vector<message>{message::client_hello,
                                        message::new_session_ticket});

  message_set set;
  set.insert(message::encrypted_extensions);
  set.insert(message::encrypted_extensions);
  REQUIRE(set.size() == 1);
  set.erase(message::encrypted_extensions);
  REQUIRE(set.empty());
  set.erase(kInvalid);  // no effect, no fault
  REQUIRE(set.empty());
}
