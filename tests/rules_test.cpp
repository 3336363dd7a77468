// Tests of the handshake rules (S1, S2, S4-S7, M1-M7): accepted and rejected
// flags in every message, with the alert each rejection earns; unknown flags
// in proposing messages; unsolicited flags in every responding message;
// request_mtls wherever it must not appear, on each side; the one-call check
// of received body octets; and negotiation. Tables are checked at compile
// time and at run time.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "testing.hpp"
#include "tlsflags/rules.hpp"

using tlsflags::alert;
using tlsflags::alert_policy;
using tlsflags::basic_flag_set;
using tlsflags::errc;
using tlsflags::flag_set;
using tlsflags::kBuiltinRegistry;
using tlsflags::message;
using tlsflags::recommended;
using tlsflags_test::hex;
using tlsflags_test::octets;
using tlsflags_test::to_hex;

namespace {

// The capacity a TLS stack would keep.
using flags = basic_flag_set<128>;

constexpr message kCH = message::client_hello;
constexpr message kSH = message::server_hello;
constexpr message kHRR = message::hello_retry_request;
constexpr message kEE = message::encrypted_extensions;
constexpr message kCR = message::certificate_request;
constexpr message kSCT = message::server_certificate;
constexpr message kCCT = message::client_certificate;
constexpr message kNST = message::new_session_ticket;
constexpr message kNotAMessage = static_cast<message>(8);

constexpr message kAllMessages[] = {kCH, kSH, kHRR, kEE, kCR, kSCT, kCCT, kNST};

// Flags the built-in registry does not know.
constexpr std::size_t kUnknownLow = 3;
constexpr std::size_t kUnknownHigh = 127;

constexpr std::size_t kMtls = tlsflags::kRequestMtls;
constexpr std::size_t kResumption = tlsflags::kResumptionAcrossNames;

template <std::size_t Capacity>
std::vector<std::size_t> to_vector(const basic_flag_set<Capacity>& set) {
  return std::vector<std::size_t>(set.begin(), set.end());
}

constexpr bool same(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

struct accepted_row {
  message received_in;
  flags received;
  flags proposed;  // what this side sent in the message answered
  const char* reason;
};

// Flags that are acceptable where they arrive, with the built-in registry.
constexpr accepted_row kAccepted[] = {
    // Proposing messages (S1): proposals need no invitation.
    {kCH, {kMtls}, {}, "M1, S1: the client proposes request_mtls in CH"},
    {kCH, {kUnknownLow, 100}, {}, "S4: unknown flags in CH are ignored"},
    {kCH,
     {kUnknownLow, kMtls, kUnknownHigh},
     {},
     "S4, S5: known and unknown proposals in one CH"},
    {kCR, {kUnknownLow}, {}, "S4: unknown flags in CR are ignored"},
    {kCR, {kMtls}, {kMtls}, "M3: CR echoes request_mtls the client proposed"},
    {kCR,
     {kUnknownLow, kMtls},
     {kMtls},
     "S4, S5, M3: an unknown proposal beside the echo"},
    {kNST,
     {kResumption},
     {},
     "S1: the server proposes resumption_across_names in NST"},
    {kNST, {kResumption, 100}, {}, "S4: unknown flags in NST are ignored"},
    {kNST, {0}, {}, "S4: an unknown flag alone in NST"},

    // Responding messages (S2): acknowledgements of this side's proposals.
    {kSH, {kUnknownLow}, {kUnknownLow}, "S2: SH acknowledges a CH proposal"},
    {kHRR,
     {kUnknownLow},
     {kUnknownLow, 5},
     "S2: HRR acknowledges one of two CH proposals"},
    {kEE,
     {kUnknownLow, 5},
     {kUnknownLow, 5, 100},
     "S2, S5: EE acknowledges two CH proposals at once"},
    {kSCT,
     {kUnknownHigh},
     {kUnknownHigh},
     "S2: the server's CT acknowledges a CH proposal"},
    {kCCT,
     {kUnknownLow},
     {kUnknownLow},
     "S2: the client's CT acknowledges a CR proposal"},

    // S6: a 0-RTT handshake carries the extension in CH, SH and EE as usual.
    {kCH, {kUnknownLow, kMtls}, {}, "S6: 0-RTT CH proposes as usual"},
    {kSH, {5}, {5, kUnknownLow}, "S6: 0-RTT SH acknowledges as usual"},
    {kEE,
     {kUnknownLow},
     {5, kUnknownLow},
     "S6: 0-RTT EE acknowledges as usual"},
};

struct rejected_row {
  message received_in;
  flags received;
  flags proposed;
  errc error;
  std::optional<std::size_t> flag;
  alert alert_to_send;
  const char* rule;
  const char* reason;
};

// Flags that end the handshake, with the error, the offending flag, the
// alert (RFC 8446 policy) and the rule the result names.
constexpr rejected_row kRejected[] = {
    // S2: an unsolicited flag in every responding message.
    {kSH,
     {kUnknownLow},
     {},
     errc::unsolicited_flag,
     kUnknownLow,
     alert::illegal_parameter,
     "S2",
     "S2: unsolicited flag in SH"},
    {kHRR,
     {kUnknownLow},
     {5},
     errc::unsolicited_flag,
     kUnknownLow,
     alert::illegal_parameter,
     "S2",
     "S2: unsolicited flag in HRR"},
    {kEE,
     {kUnknownLow, 5},
     {kUnknownLow},
     errc::unsolicited_flag,
     5,
     alert::illegal_parameter,
     "S2",
     "S2, S5: EE acknowledges one proposal and one flag never proposed"},
    {kSCT,
     {kUnknownHigh},
     {126},
     errc::unsolicited_flag,
     kUnknownHigh,
     alert::illegal_parameter,
     "S2",
     "S2: unsolicited flag in the server's CT"},
    {kCCT,
     {kUnknownLow},
     {},
     errc::unsolicited_flag,
     kUnknownLow,
     alert::illegal_parameter,
     "S2",
     "S2: unsolicited flag in the client's CT"},
    {kCCT,
     {kUnknownLow},
     {4},
     errc::unsolicited_flag,
     kUnknownLow,
     alert::illegal_parameter,
     "S2",
     "S2: the client's CT acknowledges a flag CR did not propose"},

    // M4: request_mtls in CR only when the client proposed it.
    {kCR,
     {kMtls},
     {},
     errc::unsolicited_flag,
     kMtls,
     alert::illegal_parameter,
     "M4",
     "M4: CR carries request_mtls the client did not send"},
    {kCR,
     {kUnknownLow, kMtls},
     {kUnknownLow},
     errc::unsolicited_flag,
     kMtls,
     alert::illegal_parameter,
     "M4",
     "M4: the unknown proposal is ignored, the unsolicited echo is not"},

    // M5: request_mtls at the client anywhere but CR, even when proposed.
    {kSH,
     {kMtls},
     {kMtls},
     errc::flag_not_allowed_in_message,
     kMtls,
     alert::illegal_parameter,
     "M5",
     "M5: request_mtls in SH"},
    {kHRR,
     {kMtls},
     {kMtls},
     errc::flag_not_allowed_in_message,
     kMtls,
     alert::illegal_parameter,
     "M5",
     "M5: request_mtls in HRR"},
    {kEE,
     {kMtls},
     {kMtls},
     errc::flag_not_allowed_in_message,
     kMtls,
     alert::illegal_parameter,
     "M5",
     "M5: request_mtls in EE"},
    {kSCT,
     {kMtls},
     {kMtls},
     errc::flag_not_allowed_in_message,
     kMtls,
     alert::illegal_parameter,
     "M5",
     "M5: request_mtls in the server's CT"},
    {kNST,
     {kMtls},
     {},
     errc::flag_not_allowed_in_message,
     kMtls,
     alert::illegal_parameter,
     "M5",
     "M5: request_mtls in NST"},
    {kEE,
     {kMtls},
     {},
     errc::flag_not_allowed_in_message,
     kMtls,
     alert::illegal_parameter,
     "M5",
     "M5 before M4: unsolicited and in the wrong message"},
    // M5: request_mtls at the server anywhere but CH.
    {kCCT,
     {kMtls},
     {kMtls},
     errc::flag_not_allowed_in_message,
     kMtls,
     alert::illegal_parameter,
     "M5",
     "M5: request_mtls in the client's CT"},
    {kCCT,
     {kMtls},
     {},
     errc::flag_not_allowed_in_message,
     kMtls,
     alert::illegal_parameter,
     "M5",
     "M5: request_mtls unsolicited in the client's CT"},

    // S7: resumption_across_names anywhere but NST, proposed or not.
    {kCH,
     {kResumption},
     {},
     errc::flag_not_allowed_in_message,
     kResumption,
     alert::illegal_parameter,
     "S7",
     "S7: resumption_across_names in CH"},
    {kSH,
     {kResumption},
     {kResumption},
     errc::flag_not_allowed_in_message,
     kResumption,
     alert::illegal_parameter,
     "S7",
     "S7: resumption_across_names in SH"},
    {kHRR,
     {kResumption},
     {kResumption},
     errc::flag_not_allowed_in_message,
     kResumption,
     alert::illegal_parameter,
     "S7",
     "S7: resumption_across_names in HRR"},
    {kEE,
     {kResumption},
     {kResumption},
     errc::flag_not_allowed_in_message,
     kResumption,
     alert::illegal_parameter,
     "S7",
     "S7: resumption_across_names in EE"},
    {kCR,
     {kResumption},
     {kResumption},
     errc::flag_not_allowed_in_message,
     kResumption,
     alert::illegal_parameter,
     "S7",
     "S7: resumption_across_names in CR"},
    {kSCT,
     {kResumption},
     {kResumption},
     errc::flag_not_allowed_in_message,
     kResumption,
     alert::illegal_parameter,
     "S7",
     "S7: resumption_across_names in the server's CT"},
    {kCCT,
     {kResumption},
     {kResumption},
     errc::flag_not_allowed_in_message,
     kResumption,
     alert::illegal_parameter,
     "S7",
     "S7: resumption_across_names in the client's CT"},
    {kCH,
     {kUnknownLow, kResumption, kMtls},
     {},
     errc::flag_not_allowed_in_message,
     kResumption,
     alert::illegal_parameter,
     "S7",
     "S4, S5, S7: one misplaced flag among acceptable proposals"},

    // The lowest offending flag is reported.
    {kEE,
     {kUnknownLow, kResumption},
     {},
     errc::unsolicited_flag,
     kUnknownLow,
     alert::illegal_parameter,
     "S2",
     "S2 at flag 3 comes before S7 at flag 8"},
    {kEE,
     {kResumption, 100},
     {},
     errc::flag_not_allowed_in_message,
     kResumption,
     alert::illegal_parameter,
     "S7",
     "S7 at flag 8 comes before S2 at flag 100"},

    // W10: a value outside the enumeration is the caller's bug.
    {kNotAMessage,
     {kUnknownLow},
     {kUnknownLow},
     errc::unknown_message,
     std::nullopt,
     alert::internal_error,
     "W10",
     "W10: not a message that carries tls_flags"},
    {kNotAMessage,
     {},
     {},
     errc::unknown_message,
     std::nullopt,
     alert::internal_error,
     "W10",
     "W10: even with no flag"},
};

constexpr bool accepted_rows_hold() {
  for (const accepted_row& row : kAccepted) {
    const tlsflags::check_result r =
        tlsflags::check_flags(row.received_in, row.received, row.proposed);
    if (!r || r.flag.has_value() || !same(r.rule, "")) {
      return false;
    }
  }
  return true;
}

constexpr bool rejected_rows_hold() {
  for (const rejected_row& row : kRejected) {
    const tlsflags::check_result r =
        tlsflags::check_flags(row.received_in, row.received, row.proposed);
    if (r || r.error != row.error || r.flag != row.flag ||
        r.alert_to_send != row.alert_to_send || !same(r.rule, row.rule)) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("rules.accepted", "[rules][valid]") {
  STATIC_REQUIRE(accepted_rows_hold());

  for (const accepted_row& row : kAccepted) {
    CAPTURE(row.reason, tlsflags::message_name(row.received_in),
            to_vector(row.received), to_vector(row.proposed));
    const tlsflags::check_result r =
        tlsflags::check_flags(row.received_in, row.received, row.proposed);
    CHECK(r.error == errc::ok);
    CHECK(static_cast<bool>(r));
    CHECK_FALSE(r.flag.has_value());
    CHECK(std::string(r.rule).empty());
  }
}

TEST_CASE("rules.rejected", "[rules][invalid]") {
  STATIC_REQUIRE(rejected_rows_hold());

  for (const rejected_row& row : kRejected) {
    CAPTURE(row.reason, tlsflags::message_name(row.received_in),
            to_vector(row.received), to_vector(row.proposed));
    const tlsflags::check_result r =
        tlsflags::check_flags(row.received_in, row.received, row.proposed);
    CHECK_FALSE(r);
    CHECK(std::string(tlsflags::error_name(r.error)) ==
          tlsflags::error_name(row.error));
    CHECK(r.flag == row.flag);
    CHECK(std::string(tlsflags::alert_name(r.alert_to_send)) ==
          tlsflags::alert_name(row.alert_to_send));
    CHECK(std::string(r.rule) == row.rule);
    CHECK(r.alert_to_send == tlsflags::alert_for(row.error));
  }
}

TEST_CASE("rules.alert_policies", "[rules][invalid]") {
  // The draft's words and RFC 8446 agree on the handshake rules: every
  // rejection is illegal_parameter under both policies (S2, S7, M4, M5).
  for (const rejected_row& row : kRejected) {
    CAPTURE(row.reason);
    const tlsflags::check_result r =
        tlsflags::check_flags(row.received_in, row.received, row.proposed,
                              kBuiltinRegistry, alert_policy::draft_literal);
    CHECK(r.error == row.error);
    CHECK(r.alert_to_send ==
          tlsflags::alert_for(row.error, alert_policy::draft_literal));
    if (row.error != errc::unknown_message) {
      CHECK(r.alert_to_send == alert::illegal_parameter);
    }
  }
}

namespace {

// What docs/rules.md says about one flag in one message, written rule by rule
// for the three kinds of flag the built-in registry distinguishes, without
// looking at the registry.
constexpr errc spec_outcome(message m, std::size_t flag, bool proposed) {
  if (flag == kMtls) {
    if (m == kCH) {
      return errc::ok;  // M1
    }
    if (m == kCR) {
      return proposed ? errc::ok : errc::unsolicited_flag;  // M3, M4
    }
    return errc::flag_not_allowed_in_message;  // M5
  }
  if (flag == kResumption) {
    return m == kNST ? errc::ok  // S1: proposed in NST, never acknowledged
                     : errc::flag_not_allowed_in_message;  // S7
  }
  if (m == kCH || m == kCR || m == kNST) {
    return errc::ok;  // S4
  }
  return proposed ? errc::ok : errc::unsolicited_flag;  // S2
}

constexpr std::size_t kSweepFlags[] = {0, kUnknownLow, kResumption, kMtls,
                                       kUnknownHigh};

constexpr bool sweep_agrees_with_spec() {
  for (message m : kAllMessages) {
    for (std::size_t flag : kSweepFlags) {
      for (bool proposed : {false, true}) {
        flags received;
        received.set(flag);
        flags proposal;
        if (proposed) {
          proposal.set(flag);
        }
        if (tlsflags::check_flags(m, received, proposal).error !=
            spec_outcome(m, flag, proposed)) {
          return false;
        }
      }
    }
  }
  return true;
}

}  // namespace

TEST_CASE("rules.every_message_every_kind_of_flag", "[rules]") {
  STATIC_REQUIRE(sweep_agrees_with_spec());

  for (message m : kAllMessages) {
    for (std::size_t flag : kSweepFlags) {
      for (bool proposed : {false, true}) {
        CAPTURE(tlsflags::message_name(m), flag, proposed);
        flags received;
        REQUIRE(received.set(flag));
        flags proposal;
        if (proposed) {
          REQUIRE(proposal.set(flag));
        }
        const tlsflags::check_result r =
            tlsflags::check_flags(m, received, proposal);
        const errc expected = spec_outcome(m, flag, proposed);
        CHECK(std::string(tlsflags::error_name(r.error)) ==
              tlsflags::error_name(expected));
        if (expected != errc::ok) {
          CHECK(r.flag == flag);
          CHECK(r.alert_to_send == alert::illegal_parameter);
        }
      }
    }
  }
}

TEST_CASE("rules.request_mtls_where_it_must_not_appear", "[rules][mtls]") {
  // M5, on each side: a client receives SH, HRR, EE, the server's CT, CR and
  // NST; a server receives CH and the client's CT. request_mtls belongs in
  // CH (received by the server) and CR (received by the client) only.
  std::size_t rejected_at_client = 0;
  std::size_t rejected_at_server = 0;
  for (message m : kAllMessages) {
    for (const flags& proposal : {flags{}, flags{kMtls}}) {
      CAPTURE(tlsflags::message_name(m), to_vector(proposal));
      const tlsflags::check_result r =
          tlsflags::check_flags(m, flags{kMtls}, proposal);
      if (m == kCH) {
        CHECK(r.error == errc::ok);  // M1
        continue;
      }
      if (m == kCR) {
        // M3, M4: an echo of the client's own proposal only.
        CHECK(static_cast<bool>(r) == proposal.test(kMtls));
        continue;
      }
      CHECK(r.error == errc::flag_not_allowed_in_message);
      CHECK(r.alert_to_send == alert::illegal_parameter);
      CHECK(r.flag == kMtls);
      CHECK(std::string(r.rule) == "M5");
      ++(tlsflags::receiver(m) == tlsflags::side::client ? rejected_at_client
                                                         : rejected_at_server);
    }
  }
  // SH, HRR, EE, server CT and NST at the client; the client's CT at the
  // server; each with and without a proposal.
  CHECK(rejected_at_client == 10);
  CHECK(rejected_at_server == 2);
}

TEST_CASE("rules.user_registry", "[rules][user]") {
  // A user's flags: one proposed in CH and acknowledged in EE, one proposed
  // by the server in CR and acknowledged in the client's CT.
  static constexpr auto kRegistry =
      tlsflags::extend_registry(kBuiltinRegistry, {{42,
                                                    "example_ee_flag",
                                                    {kCH},
                                                    {kEE},
                                                    recommended::no,
                                                    "draft-example",
                                                    false},
                                                   {1000,
                                                    "example_client_ct_flag",
                                                    {kCR},
                                                    {kCCT},
                                                    recommended::no,
                                                    "RFC YYYY",
                                                    false}});

  struct row {
    message received_in;
    flag_set received;
    flag_set proposed;
    errc error;
    const char* reason;
  };
  static constexpr row kRows[] = {
      {kCH, {42}, {}, errc::ok, "S1: proposed in CH"},
      {kEE, {42}, {42}, errc::ok, "S2: acknowledged in EE"},
      {kEE, {42}, {}, errc::unsolicited_flag, "S2: unsolicited in EE"},
      {kSH,
       {42},
       {42},
       errc::flag_not_allowed_in_message,
       "S7: acknowledged in SH, which its entry does not list"},
      {kCR,
       {42},
       {42},
       errc::flag_not_allowed_in_message,
       "S7: CR is not listed"},
      {kCR, {1000}, {}, errc::ok, "S1: the server proposes in CR"},
      {kCCT, {1000}, {1000}, errc::ok, "S2: acknowledged in the client's CT"},
      {kCCT,
       {1000},
       {},
       errc::unsolicited_flag,
       "S2: unsolicited in the client's CT"},
      {kNST,
       {1000},
       {},
       errc::flag_not_allowed_in_message,
       "S7: NST is not listed"},
      {kCH,
       {42, 80, 1000},
       {},
       errc::flag_not_allowed_in_message,
       "S7: 1000 is not proposed in CH"},
  };
  constexpr bool kAllHold = [] {
    for (const row& r : kRows) {
      if (tlsflags::check_flags(r.received_in, r.received, r.proposed,
                                kRegistry)
              .error != r.error) {
        return false;
      }
    }
    return true;
  }();
  STATIC_REQUIRE(kAllHold);
  for (const row& r : kRows) {
    CAPTURE(r.reason);
    const tlsflags::check_result result =
        tlsflags::check_flags(r.received_in, r.received, r.proposed, kRegistry);
    CHECK(std::string(tlsflags::error_name(result.error)) ==
          tlsflags::error_name(r.error));
    if (r.error != errc::ok) {
      CHECK(std::string(result.rule) == tlsflags::error_rule(r.error));
    }
  }

  // With an empty registry every flag is unknown: S4 and S2 alone.
  constexpr auto kEmpty = tlsflags::make_registry();
  STATIC_REQUIRE(
      tlsflags::check_flags(kEE, flags{kMtls}, flags{kMtls}, kEmpty));
  STATIC_REQUIRE(
      tlsflags::check_flags(kNST, flags{kMtls, kResumption}, flags{}, kEmpty));
  STATIC_REQUIRE(
      tlsflags::check_flags(kSH, flags{kResumption}, flags{}, kEmpty).error ==
      errc::unsolicited_flag);
}

namespace {

// A body built by the encoder, for flag sets that no hex literal shows well.
constexpr octets body_of(const flag_set& set) {
  octets o;
  o.size = tlsflags::encode(set, o.data, sizeof o.data).size;
  return o;
}

struct body_row {
  message received_in;
  octets body;
  flags proposed;
  errc error;
  std::optional<std::size_t> flag;
  alert alert_to_send;  // not read when accepted
  const char* rule;
  flags stored;
  std::size_t dropped;
  const char* reason;
};

// From received octets to "accepted" or the alert, with a set of 128 flags.
constexpr body_row kBodies[] = {
    {kCH,
     hex("0b 00 00 00 00 00 00 00 00 00 00 01"),
     {},
     errc::ok,
     std::nullopt,
     alert::internal_error,
     "",
     {kMtls},
     0,
     "M1: Cloudflare's capture, request_mtls in CH"},
    {kNST,
     hex("02 00 01"),
     {},
     errc::ok,
     std::nullopt,
     alert::internal_error,
     "",
     {kResumption},
     0,
     "S1: SPARKTLS NewSessionTicket"},
    {kCR,
     hex("0b 00 00 00 00 00 00 00 00 00 00 01"),
     {kMtls},
     errc::ok,
     std::nullopt,
     alert::internal_error,
     "",
     {kMtls},
     0,
     "M3: CR echoes request_mtls"},
    {kEE,
     hex("01 08"),
     {kUnknownLow},
     errc::ok,
     std::nullopt,
     alert::internal_error,
     "",
     {kUnknownLow},
     0,
     "S2: EE acknowledges flag 3"},
    {kCH,
     body_of({kUnknownLow, 2039}),
     {},
     errc::ok,
     std::nullopt,
     alert::internal_error,
     "",
     {kUnknownLow},
     1,
     "S4: an unknown flag above capacity in CH is ignored and counted"},
    {kNST,
     body_of({1000, 2039}),
     {},
     errc::ok,
     std::nullopt,
     alert::internal_error,
     "",
     {},
     2,
     "S4: unknown flags above capacity in NST"},

    // The codec's rules come first (W2, W5-W7).
    {kCH,
     hex(""),
     {},
     errc::missing_length_octet,
     std::nullopt,
     alert::decode_error,
     "W2",
     {},
     0,
     "W2: no length octet"},
    {kCH,
     hex("00"),
     {},
     errc::empty_vector,
     std::nullopt,
     alert::decode_error,
     "W6",
     {},
     0,
     "W6: empty vector"},
    {kEE,
     hex("02 08 00"),
     {kUnknownLow},
     errc::trailing_zero_octet,
     std::nullopt,
     alert::illegal_parameter,
     "W5",
     {},
     0,
     "W5: {3} padded with a zero octet"},
    {kNST,
     hex("03 00 01"),
     {},
     errc::truncated_vector,
     std::nullopt,
     alert::decode_error,
     "W7",
     {},
     0,
     "W7: truncated"},
    {kSH,
     hex("01 08 00"),
     {kUnknownLow},
     errc::trailing_octets,
     std::nullopt,
     alert::decode_error,
     "W7",
     {},
     0,
     "W7: an octet after the vector"},

    // Then the handshake rules, over every flag the vector carries.
    {kEE,
     body_of({2039}),
     {},
     errc::unsolicited_flag,
     2039,
     alert::illegal_parameter,
     "S2",
     {},
     0,
     "S2: a flag above capacity in a responding message"},
    {kSCT,
     body_of({kUnknownLow, 1000}),
     {kUnknownLow},
     errc::unsolicited_flag,
     1000,
     alert::illegal_parameter,
     "S2",
     {},
     0,
     "S2: an acknowledgement beside a flag above capacity"},
    {kSH,
     hex("0b 00 00 00 00 00 00 00 00 00 00 01"),
     {kMtls},
     errc::flag_not_allowed_in_message,
     kMtls,
     alert::illegal_parameter,
     "M5",
     {},
     0,
     "M5: request_mtls in SH"},
    {kCR,
     hex("0b 00 00 00 00 00 00 00 00 00 00 01"),
     {},
     errc::unsolicited_flag,
     kMtls,
     alert::illegal_parameter,
     "M4",
     {},
     0,
     "M4: CR echoes request_mtls the client did not send"},
    {kCCT,
     hex("0b 00 00 00 00 00 00 00 00 00 00 01"),
     {kMtls},
     errc::flag_not_allowed_in_message,
     kMtls,
     alert::illegal_parameter,
     "M5",
     {},
     0,
     "M5: request_mtls in the client's CT"},
    {kCH,
     hex("02 00 01"),
     {},
     errc::flag_not_allowed_in_message,
     kResumption,
     alert::illegal_parameter,
     "S7",
     {},
     0,
     "S7: resumption_across_names in CH"},

    // W10: the message is checked before the body.
    {kNotAMessage,
     hex("00"),
     {},
     errc::unknown_message,
     std::nullopt,
     alert::internal_error,
     "W10",
     {},
     0,
     "W10: not a message"},
};

constexpr bool body_rows_hold() {
  for (const body_row& row : kBodies) {
    const auto r = tlsflags::check_body<128>(row.received_in, row.body.data,
                                             row.body.size, row.proposed);
    if (r.error != row.error || r.flag != row.flag || r.flags != row.stored ||
        r.dropped != row.dropped || !same(r.rule, row.rule) ||
        (row.error != errc::ok && r.alert_to_send != row.alert_to_send)) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("rules.check_body", "[rules][body]") {
  STATIC_REQUIRE(body_rows_hold());

  for (const body_row& row : kBodies) {
    CAPTURE(row.reason, tlsflags::message_name(row.received_in),
            to_hex(row.body));
    const auto r = tlsflags::check_body<128>(row.received_in, row.body.data,
                                             row.body.size, row.proposed);
    CHECK(std::string(tlsflags::error_name(r.error)) ==
          tlsflags::error_name(row.error));
    CHECK(static_cast<bool>(r) == (row.error == errc::ok));
    CHECK(r.flag == row.flag);
    CHECK(to_vector(r.flags) == to_vector(row.stored));
    CHECK(r.dropped == row.dropped);
    CHECK(std::string(r.rule) == row.rule);
    if (row.error != errc::ok) {
      CHECK(r.alert_to_send == row.alert_to_send);
    }

    // The same octets through decode() and check_flags() agree, where the
    // body is well formed and fits.
    const auto decoded = tlsflags::decode<2040>(row.body.data, row.body.size);
    if (decoded && row.received_in != kNotAMessage) {
      const tlsflags::check_result by_flags =
          tlsflags::check_flags(row.received_in, decoded.flags, row.proposed);
      CHECK(by_flags.error == r.error);
      CHECK(by_flags.flag == r.flag);
    }

    // W8: under the draft's own policy every rejection is
    // illegal_parameter.
    const auto literal = tlsflags::check_body<128>(
        row.received_in, row.body.data, row.body.size, row.proposed,
        kBuiltinRegistry, alert_policy::draft_literal);
    CHECK(literal.error == row.error);
    if (row.error != errc::ok && row.error != errc::unknown_message) {
      CHECK(literal.alert_to_send == alert::illegal_parameter);
    }
  }

  // A null body of size 0 is an empty body, not a fault.
  CHECK(tlsflags::check_body<64>(kCH, nullptr, 0, basic_flag_set<64>{}).error ==
        errc::missing_length_octet);
}

TEST_CASE("rules.check_body_above_capacity_with_user_registry",
          "[rules][body][user]") {
  // S7 holds for flags above the capacity of the result: the check reads
  // the vector, not the stored set.
  static constexpr auto kRegistry =
      tlsflags::extend_registry(kBuiltinRegistry, {{1000,
                                                    "example_high_flag",
                                                    {kCH},
                                                    {kEE},
                                                    recommended::no,
                                                    "draft-example",
                                                    false}});
  static constexpr octets kBody = body_of({1000});

  constexpr auto kInNst = tlsflags::check_body<64>(
      kNST, kBody.data, kBody.size, basic_flag_set<64>{}, kRegistry);
  STATIC_REQUIRE(kInNst.error == errc::flag_not_allowed_in_message);
  STATIC_REQUIRE(*kInNst.flag == 1000);

  constexpr auto kInCh = tlsflags::check_body<64>(
      kCH, kBody.data, kBody.size, basic_flag_set<64>{}, kRegistry);
  STATIC_REQUIRE(kInCh.error == errc::ok);
  STATIC_REQUIRE(kInCh.dropped == 1);

  const auto in_ee = tlsflags::check_body<64>(kEE, kBody.data, kBody.size,
                                              basic_flag_set<64>{}, kRegistry);
  CHECK(in_ee.error == errc::unsolicited_flag);
  CHECK(in_ee.flag == std::size_t{1000});
  CHECK(in_ee.flags.empty());
}

#if TLSFLAGS_HAS_SPAN
TEST_CASE("rules.check_body_span", "[rules][body][span]") {
  constexpr std::array<std::uint8_t, 3> kBody{0x02, 0x00, 0x01};
  STATIC_REQUIRE(
      tlsflags::check_body<64>(kNST, std::span(kBody), basic_flag_set<64>{})
          .flags.test(kResumption));
  REQUIRE(tlsflags::check_body<64>(kCH, std::span(kBody), basic_flag_set<64>{})
              .error == errc::flag_not_allowed_in_message);
}
#endif

namespace {

// A user registry with a flag acknowledged in EE and one the server
// proposes in CR, for negotiation.
constexpr auto kNegotiationRegistry =
    tlsflags::extend_registry(kBuiltinRegistry, {{42,
                                                  "example_ee_flag",
                                                  {kCH},
                                                  {kEE},
                                                  recommended::no,
                                                  "draft-example",
                                                  false},
                                                 {100,
                                                  "example_client_ct_flag",
                                                  {kCR},
                                                  {kCCT},
                                                  recommended::no,
                                                  "RFC YYYY",
                                                  false}});

struct acknowledge_row {
  flags proposals;
  flags supported;
  message acknowledge_in;
  flags expected;
  const char* reason;
};

constexpr acknowledge_row kAcknowledge[] = {
    {{kUnknownLow, kResumption, kMtls, 42},
     {kMtls, 42},
     kCR,
     {kMtls},
     "M3, S3: request_mtls is acknowledged in CR"},
    {{kUnknownLow, kMtls, 42},
     {kMtls, 42},
     kEE,
     {42},
     "S3: each flag in the message its entry names"},
    {{kMtls, 42}, {}, kEE, {}, "nothing supported, nothing acknowledged"},
    {{kMtls}, {}, kCR, {}, "M2: a server may ignore the hint"},
    {{kUnknownLow}, {kUnknownLow}, kEE, {}, "no entry: never acknowledged"},
    {{kResumption},
     {kResumption},
     kCCT,
     {},
     "resumption_across_names is never acknowledged"},
    {{100}, {100}, kCCT, {100}, "S2: the client's CT answers CR"},
    {{42}, {42}, kSH, {}, "SH is not listed for this flag"},
};

constexpr bool acknowledge_rows_hold() {
  for (const acknowledge_row& row : kAcknowledge) {
    const flags echo = tlsflags::acknowledge(
        row.proposals, row.supported, row.acknowledge_in, kNegotiationRegistry);
    // What one side acknowledges, the other side accepts.
    if (echo != row.expected ||
        !tlsflags::check_flags(row.acknowledge_in, echo, row.proposals,
                               kNegotiationRegistry)) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("rules.acknowledge", "[rules][negotiation]") {
  STATIC_REQUIRE(acknowledge_rows_hold());

  for (const acknowledge_row& row : kAcknowledge) {
    CAPTURE(row.reason);
    const flags echo = tlsflags::acknowledge(
        row.proposals, row.supported, row.acknowledge_in, kNegotiationRegistry);
    CHECK(to_vector(echo) == to_vector(row.expected));
    CHECK(echo.is_subset_of(row.proposals));
    CHECK(echo.is_subset_of(row.supported));
    CHECK(tlsflags::check_flags(row.acknowledge_in, echo, row.proposals,
                                kNegotiationRegistry)
              .error == errc::ok);
  }

  // With the built-in registry, request_mtls is acknowledged in CR only.
  for (message m : kAllMessages) {
    CAPTURE(tlsflags::message_name(m));
    const flags echo = tlsflags::acknowledge(flags{kMtls}, flags{kMtls}, m);
    CHECK(echo.test(kMtls) == (m == kCR));
  }
}

namespace {

struct decision_row {
  flags client_hello;
  tlsflags::server_mtls_options options;
  bool request_certificate;
  bool echo_flag;
  bool may_reject_empty_certificate;
  const char* reason;
};

constexpr decision_row kDecisions[] = {
    {{kMtls},
     {true, false},
     true,
     true,
     true,
     "M2, M3: the hint accepted: request and echo; M7 applies"},
    {{kMtls},
     {false, false},
     false,
     false,
     false,
     "M2: a server may ignore the hint"},
    {{kMtls},
     {false, true},
     true,
     false,
     true,
     "M3: a request for other reasons, without the flag"},
    {{kMtls},
     {true, true},
     true,
     true,
     true,
     "M3: always requests, and says when the hint is why"},
    {{}, {true, false}, false, false, false, "no hint, no request"},
    {{}, {true, true}, true, false, false, "M4: no echo without the hint"},
    {{kUnknownLow, kResumption},
     {true, false},
     false,
     false,
     false,
     "other flags are no hint"},
};

}  // namespace

TEST_CASE("rules.server_mtls_decision", "[rules][negotiation][mtls]") {
  for (const decision_row& row : kDecisions) {
    CAPTURE(row.reason);
    const tlsflags::mtls_decision d =
        tlsflags::server_mtls_decision(row.client_hello, row.options);
    CHECK(d.request_certificate == row.request_certificate);
    CHECK(d.echo_flag == row.echo_flag);
    CHECK(d.may_reject_empty_certificate == row.may_reject_empty_certificate);

    // M4: whatever the server echoes, the client accepts in CR.
    flags certificate_request;
    if (d.echo_flag) {
      certificate_request.set(kMtls);
    }
    CHECK(tlsflags::check_flags(kCR, certificate_request, row.client_hello)
              .error == errc::ok);
  }

  constexpr auto kHintAccepted =
      tlsflags::server_mtls_decision(flags{kMtls}, {true, false});
  STATIC_REQUIRE(kHintAccepted.request_certificate);
  STATIC_REQUIRE(kHintAccepted.echo_flag);
  STATIC_REQUIRE_FALSE(
      tlsflags::server_mtls_decision(flags{}, {true, true}).echo_flag);

  // The flag is found by name: a registry that moves request_mtls to 81 is
  // followed, and a registry without it sees no hint.
  static constexpr auto kMoved =
      tlsflags::make_registry({{81,
                                "request_mtls",
                                {kCH},
                                {kCR},
                                recommended::no,
                                "draft-jhoyla-req-mtls-flag",
                                false}});
  STATIC_REQUIRE(
      tlsflags::server_mtls_decision(flags{81}, {true, false}, kMoved)
          .echo_flag);
  STATIC_REQUIRE_FALSE(
      tlsflags::server_mtls_decision(flags{kMtls}, {true, false}, kMoved)
          .request_certificate);
  constexpr auto kEmpty = tlsflags::make_registry();
  STATIC_REQUIRE_FALSE(
      tlsflags::server_mtls_decision(flags{kMtls}, {true, false}, kEmpty)
          .request_certificate);
}

namespace {

struct obligation_row {
  flags client_hello;
  flags certificate_request;
  bool hint_accepted;
  bool must_answer;
  const char* reason;
};

constexpr obligation_row kObligations[] = {
    {{kMtls}, {kMtls}, true, true, "M6: the hint accepted: answer, no abort"},
    {{kMtls},
     {},
     false,
     true,
     "M1: a CR without the echo (-01 servers) is handled gracefully too"},
    {{kUnknownLow, kMtls},
     {kUnknownLow, kMtls},
     true,
     true,
     "M6: beside other flags"},
    {{}, {}, false, false, "no hint: nothing beyond RFC 8446"},
    {{kUnknownLow}, {kUnknownLow}, false, false, "other flags are no hint"},
};

}  // namespace

TEST_CASE("rules.client_mtls_obligations", "[rules][negotiation][mtls]") {
  for (const obligation_row& row : kObligations) {
    CAPTURE(row.reason);
    REQUIRE(
        tlsflags::check_flags(kCR, row.certificate_request, row.client_hello));
    const tlsflags::mtls_obligations o = tlsflags::client_mtls_obligations(
        row.client_hello, row.certificate_request);
    CHECK(o.hint_accepted == row.hint_accepted);
    CHECK(o.must_answer == row.must_answer);
  }

  constexpr auto kHintAccepted =
      tlsflags::client_mtls_obligations(flags{kMtls}, flags{kMtls});
  STATIC_REQUIRE(kHintAccepted.hint_accepted);
  STATIC_REQUIRE(kHintAccepted.must_answer);
  STATIC_REQUIRE_FALSE(
      tlsflags::client_mtls_obligations(flags{}, flags{}).must_answer);

  // A CR echo the client did not ask for is an M4 error before it is
  // anything else; the obligations then grant it nothing.
  STATIC_REQUIRE(tlsflags::check_flags(kCR, flags{kMtls}, flags{}).error ==
                 errc::unsolicited_flag);
  STATIC_REQUIRE_FALSE(
      tlsflags::client_mtls_obligations(flags{}, flags{kMtls}).hint_accepted);
}
