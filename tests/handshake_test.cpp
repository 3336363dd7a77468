// Tests of handshake-message and record framing: every TLS 1.3 message that
// carries extensions (W10) framed to its block(s), malformed fields named
// with their offsets, duplicate extensions inside messages (W9), tls_flags
// under both code points (W1), records holding several messages and messages
// split across records, non-handshake records, record limits, and a
// randomized robustness loop. Messages are built by the constexpr builders of
// wire.hpp and checked at compile time and at run time.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "testing.hpp"
#include "tlsflags/handshake.hpp"
#include "wire.hpp"

using tlsflags::alert;
using tlsflags::errc;
using tlsflags::handshake_message;
using tlsflags::handshake_reader;
using tlsflags::handshake_type;
using tlsflags_test::certificate_body;
using tlsflags_test::certificate_entry;
using tlsflags_test::certificate_request_body;
using tlsflags_test::client_hello_body;
using tlsflags_test::encrypted_extensions_body;
using tlsflags_test::ext;
using tlsflags_test::handshake;
using tlsflags_test::hex;
using tlsflags_test::join;
using tlsflags_test::new_session_ticket_body;
using tlsflags_test::record;
using tlsflags_test::server_hello_body;
using tlsflags_test::to_hex;
using tlsflags_test::wire;

namespace {

// ---------------------------------------------------------------------------
// One message of each kind.

constexpr wire kSupportedVersionsCh = tlsflags_test::supported_versions_ch();
constexpr wire kSupportedVersionsSh = tlsflags_test::supported_versions_sh();
constexpr wire kMtls = tlsflags_test::cloudflare_mtls();  // 0xfe01, {80}
constexpr wire kNst = tlsflags_test::sparktls_nst();      // 62, {8}

// A ClientHello carrying request_mtls under 0xfe01, as in Cloudflare's
// capture: 106 octets, extensions at 75, the list at 77.
constexpr wire kClientHelloList =
    join(kSupportedVersionsCh, tlsflags_test::key_share_ch(), kMtls);
constexpr wire kClientHello = client_hello_body(kClientHelloList);

constexpr wire kServerHello = server_hello_body(
    wire().fill(0x33, 32),
    join(kSupportedVersionsSh, ext(51, hex("001d 0002 aabb"))));

constexpr wire kHelloRetryRequest = server_hello_body(
    tlsflags_test::hrr_random(),
    join(kSupportedVersionsSh, tlsflags_test::key_share_hrr()));

constexpr wire kEncryptedExtensions = encrypted_extensions_body(
    join(ext(10, hex("0002 001d")), ext(62, hex("01 01"))));

// The server's echo of request_mtls (M3), under 62.
constexpr wire kCertificateRequest = certificate_request_body(
    wire(), join(ext(13, hex("0004 0403 0804")),
                 ext(62, hex("0b 00000000000000000000 01"))));

constexpr wire kCertificate = certificate_body(
    wire(),
    join(certificate_entry(wire().fill(0x30, 20), ext(5, hex("01 0000 0000"))),
         certificate_entry(wire().fill(0x31, 10), wire()),
         certificate_entry(wire().fill(0x32, 5), kNst)));

// SPARKTLS's NewSessionTicket carries resumption_across_names (8) under 62.
constexpr wire kNewSessionTicket =
    new_session_ticket_body(hex("00 01"), wire().fill(0xab, 16), kNst);

constexpr handshake_message message(handshake_type type, const wire& body) {
  return handshake_message{type, body.data, body.size};
}

constexpr handshake_message message(unsigned type, const wire& body) {
  return message(static_cast<handshake_type>(type), body);
}

constexpr std::size_t kNoFlag = ~std::size_t{0};

struct valid_row {
  handshake_type type;
  wire body;
  bool hello_retry_request;
  std::size_t blocks;
  std::size_t extensions;    // in all blocks together
  std::uint16_t code_point;  // of the first tls_flags found, or 0
  std::size_t flag;          // one flag it carries, or kNoFlag
  const char* reason;
};

constexpr valid_row kValid[] = {
    {handshake_type::client_hello, kClientHello, false, 1, 3, 0xfe01, 80,
     "W1: ClientHello with request_mtls under 0xfe01"},
    {handshake_type::server_hello, kServerHello, false, 1, 2, 0, kNoFlag,
     "ServerHello without tls_flags"},
    {handshake_type::server_hello, kHelloRetryRequest, true, 1, 2, 0, kNoFlag,
     "HelloRetryRequest: a ServerHello with the magic random"},
    {handshake_type::encrypted_extensions, kEncryptedExtensions, false, 1, 2,
     62, 0, "EncryptedExtensions with tls_flags {0}"},
    {handshake_type::certificate_request, kCertificateRequest, false, 1, 2, 62,
     80, "CertificateRequest echoing request_mtls under 62"},
    {handshake_type::certificate, kCertificate, false, 3, 2, 62, 8,
     "Certificate: three entries, one block each"},
    {handshake_type::new_session_ticket, kNewSessionTicket, false, 1, 1, 62, 8,
     "W1: SPARKTLS's NewSessionTicket under 62"},
    {handshake_type::certificate, hex("00 000000"), false, 0, 0, 0, kNoFlag,
     "Certificate with an empty certificate_list: no block"},
    {handshake_type::certificate_request,
     certificate_request_body(hex("0102 0304"), ext(13, hex("0002 0403"))),
     false, 1, 1, 0, kNoFlag, "CertificateRequest with a context"},
    {handshake_type::new_session_ticket,
     new_session_ticket_body(wire(), hex("ab"), wire()), false, 1, 0, 0,
     kNoFlag, "NewSessionTicket: empty nonce, one-octet ticket, no extension"},
    {handshake_type::encrypted_extensions, hex("0000"), false, 1, 0, 0, kNoFlag,
     "empty EncryptedExtensions"},
    {handshake_type::server_hello,
     server_hello_body(tlsflags_test::hrr_random().with(31, 0x9d),
                       kSupportedVersionsSh),
     false, 1, 1, 0, kNoFlag, "one octet off the magic random: a ServerHello"},
};

struct framed_summary {
  bool ok = false;
  bool hello_retry_request = false;
  std::size_t blocks = 0;
  std::size_t extensions = 0;
  std::uint16_t code_point = 0;
  std::size_t flag = kNoFlag;
};

constexpr framed_summary summarize(const handshake_message& m) {
  framed_summary s;
  const auto framed = tlsflags::parse_message_extensions(m);
  s.ok = static_cast<bool>(framed);
  s.hello_retry_request = framed.extensions.is_hello_retry_request();
  s.blocks = framed.extensions.size();
  for (const tlsflags::extension_block block : framed.extensions) {
    s.extensions += block.size();
    const auto found = tlsflags::find_flags(block, {62, 0xfe01});
    if (found.found && s.code_point == 0) {
      s.code_point = found.code_point;
      s.flag = *found.view.begin();
    }
  }
  return s;
}

constexpr bool valid_rows_hold() {
  for (const valid_row& row : kValid) {
    const framed_summary s = summarize(message(row.type, row.body));
    if (!s.ok || s.hello_retry_request != row.hello_retry_request ||
        s.blocks != row.blocks || s.extensions != row.extensions ||
        s.code_point != row.code_point || s.flag != row.flag) {
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------
// Malformed messages.

constexpr wire client_hello_raw(const wire& session_id, const wire& suites,
                                const wire& methods, const wire& tail) {
  return wire()
      .u16(0x0303)
      .fill(0x11, 32)
      .vec8(session_id)
      .vec16(suites)
      .vec8(methods)
      .append(tail);
}

constexpr wire kSessionId = wire().fill(0x22, 32);
constexpr wire kSuites = hex("1301 1302");

struct invalid_row {
  unsigned type;
  wire body;
  errc error;
  std::size_t offset;
  std::uint16_t extension_type;
  const char* reason;
};

constexpr invalid_row kInvalid[] = {
    // ClientHello (RFC 8446 section 4.1.2).
    {1, hex(""), errc::malformed_client_hello, 0, 0, "empty body"},
    {1, kClientHello.truncated(33), errc::malformed_client_hello, 0, 0,
     "random cut short"},
    {1, kClientHello.truncated(34), errc::malformed_client_hello, 34, 0,
     "no legacy_session_id length"},
    {1, kClientHello.with(34, 33), errc::malformed_client_hello, 34, 0,
     "legacy_session_id of 33 octets, above <0..32>"},
    {1, kClientHello.truncated(60), errc::malformed_client_hello, 34, 0,
     "legacy_session_id cut short"},
    {1,
     client_hello_raw(kSessionId, hex("1301 13"), hex("00"),
                      wire().vec16(kClientHelloList)),
     errc::malformed_client_hello, 67, 0, "cipher_suites of odd length"},
    {1,
     client_hello_raw(kSessionId, wire(), hex("00"),
                      wire().vec16(kClientHelloList)),
     errc::malformed_client_hello, 67, 0, "empty cipher_suites, below <2..>"},
    {1, kClientHello.truncated(68), errc::malformed_client_hello, 67, 0,
     "cipher_suites length cut short"},
    {1,
     client_hello_raw(kSessionId, kSuites, wire(),
                      wire().vec16(kClientHelloList)),
     errc::malformed_client_hello, 73, 0,
     "empty legacy_compression_methods, below <1..>"},
    {1, kClientHello.truncated(74), errc::malformed_client_hello, 73, 0,
     "legacy_compression_methods cut short"},
    {1, kClientHello.truncated(75), errc::missing_extension_block, 75, 0,
     "no extensions field (a TLS 1.2 hello may end here)"},
    {1, kClientHello.truncated(76), errc::truncated_extension_block, 75, 0,
     "one octet of the extensions length"},
    {1, kClientHello.truncated(105), errc::truncated_extension_block, 75, 0,
     "extension block cut by one octet"},
    {1, client_hello_body(ext(43, wire())), errc::malformed_client_hello, 75, 0,
     "extensions of 4 octets, below <8..>"},
    {1, join(kClientHello, hex("00")), errc::extension_block_trailing_octets,
     106, 0, "an octet after the extensions"},
    {1, client_hello_body(join(kSupportedVersionsCh, kMtls, kMtls)),
     errc::duplicate_extension, 100, 0xfe01, "W9: tls_flags twice"},
    {1, client_hello_body(join(kSupportedVersionsCh, hex("0033 00"))),
     errc::truncated_extension_header, 84, 0, "the list ends inside a header"},
    {1, client_hello_body(join(kSupportedVersionsCh, hex("003e 0005 0101"))),
     errc::extension_length_mismatch, 84, 62,
     "tls_flags length runs past the list"},

    // ServerHello and HelloRetryRequest (RFC 8446 section 4.1.3).
    {2, kServerHello.truncated(1), errc::malformed_server_hello, 0, 0,
     "legacy_version cut short"},
    {2, kServerHello.truncated(20), errc::malformed_server_hello, 2, 0,
     "random cut short"},
    {2, kServerHello.with(34, 33), errc::malformed_server_hello, 34, 0,
     "legacy_session_id_echo of 33 octets"},
    {2, kServerHello.truncated(68), errc::malformed_server_hello, 67, 0,
     "cipher_suite cut short"},
    {2, kServerHello.truncated(69), errc::malformed_server_hello, 67, 0,
     "no legacy_compression_method"},
    {2, kServerHello.truncated(70), errc::missing_extension_block, 70, 0,
     "no extensions field"},
    {2, server_hello_body(wire().fill(0x33, 32), ext(43, wire())),
     errc::malformed_server_hello, 70, 0, "extensions below <6..>"},
    {2, join(kServerHello, hex("00")), errc::extension_block_trailing_octets,
     kServerHello.size, 0, "an octet after the extensions"},
    {2,
     server_hello_body(
         tlsflags_test::hrr_random(),
         join(kSupportedVersionsSh, tlsflags_test::key_share_hrr(),
              tlsflags_test::key_share_hrr())),
     errc::duplicate_extension, 84, 51, "W9: key_share twice in an HRR"},

    // EncryptedExtensions (RFC 8446 section 4.3.1).
    {8, hex(""), errc::missing_extension_block, 0, 0, "empty body"},
    {8, hex("00"), errc::truncated_extension_block, 0, 0, "half a length"},
    {8, hex("0005 0000"), errc::truncated_extension_block, 0, 0,
     "length runs past the body"},
    {8, join(kEncryptedExtensions, hex("00")),
     errc::extension_block_trailing_octets, kEncryptedExtensions.size, 0,
     "an octet after the block"},
    {8, hex("0008 0000 0000 0000 0000"), errc::duplicate_extension, 6, 0,
     "W9: server_name twice"},
    {8, hex("0003 000000"), errc::truncated_extension_header, 2, 0,
     "three octets of a header"},

    // CertificateRequest (RFC 8446 section 4.3.2).
    {13, hex(""), errc::malformed_certificate_request, 0, 0, "empty body"},
    {13, hex("05 01"), errc::malformed_certificate_request, 0, 0,
     "context cut short"},
    {13, hex("00"), errc::missing_extension_block, 1, 0, "no extensions field"},
    {13, hex("00 0000"), errc::malformed_certificate_request, 1, 0,
     "empty extensions, below <2..>"},
    {13, hex("00 0004 000d 0000 00"), errc::extension_block_trailing_octets, 7,
     0, "an octet after the block"},
    {13,
     certificate_request_body(wire(), join(ext(13, hex("0004 0403 0804")),
                                           ext(13, hex("0002 0403")))),
     errc::duplicate_extension, 13, 13, "W9: signature_algorithms twice"},

    // Certificate (RFC 8446 section 4.4.2).
    {11, hex(""), errc::malformed_certificate, 0, 0, "empty body"},
    {11, hex("00 0000"), errc::malformed_certificate, 1, 0,
     "certificate_list length cut short"},
    {11, hex("00 000005 00"), errc::malformed_certificate, 1, 0,
     "certificate_list runs past the body"},
    {11, join(kCertificate, hex("00")), errc::malformed_certificate,
     kCertificate.size, 0, "an octet after certificate_list"},
    {11, hex("00 000005 000000 0000"), errc::malformed_certificate, 4, 0,
     "empty cert_data, below <1..>"},
    {11, hex("00 000005 000005 aabb"), errc::malformed_certificate, 4, 0,
     "cert_data runs past the list"},
    {11, hex("00 000004 000001 aa"), errc::missing_extension_block, 8, 0,
     "an entry without its extensions field"},
    {11, hex("00 000005 000001 aa 00"), errc::truncated_extension_block, 8, 0,
     "an entry's extensions length cut short"},
    {11, hex("00 00000a 000001 aa 0005 0000 0000"),
     errc::truncated_extension_block, 8, 0,
     "an entry's extensions run past the list"},
    {11,
     certificate_body(
         wire(),
         join(certificate_entry(wire().fill(0x30, 3), wire()),
              certificate_entry(wire().fill(0x31, 2), join(kNst, kNst)))),
     errc::duplicate_extension, 26, 62, "W9: tls_flags twice in one entry"},
    {11, hex("00 00000a 000001 aa 0004 003e 0001"),
     errc::extension_length_mismatch, 10, 62,
     "an entry's extension runs past its block"},

    // NewSessionTicket (RFC 8446 section 4.6.1).
    {4, kNewSessionTicket.truncated(7), errc::malformed_new_session_ticket, 0,
     0, "ticket_age_add cut short"},
    {4, wire().u32(1).u32(2).u8(5), errc::malformed_new_session_ticket, 8, 0,
     "ticket_nonce cut short"},
    {4, new_session_ticket_body(hex("00 01"), wire(), kNst),
     errc::malformed_new_session_ticket, 11, 0, "empty ticket, below <1..>"},
    {4, wire().u32(1).u32(2).vec8(hex("00")).u16(16).fill(0xab, 3),
     errc::malformed_new_session_ticket, 10, 0, "ticket cut short"},
    {4, wire().u32(1).u32(2).vec8(hex("00")).vec16(hex("ab ab ab ab")),
     errc::missing_extension_block, 16, 0, "no extensions field"},
    {4,
     new_session_ticket_body(hex("00 01"), wire().fill(0xab, 16),
                             join(kNst, kNst)),
     errc::duplicate_extension, 38, 62, "W9: tls_flags twice"},

    // Messages without an extension block.
    {20, wire().fill(0x44, 32), errc::unsupported_handshake_type, 0, 0,
     "Finished"},
    {24, hex("00"), errc::unsupported_handshake_type, 0, 0, "KeyUpdate"},
    {15, hex("0804 0000"), errc::unsupported_handshake_type, 0, 0,
     "CertificateVerify"},
    {5, hex(""), errc::unsupported_handshake_type, 0, 0, "EndOfEarlyData"},
    {99, kClientHello, errc::unsupported_handshake_type, 0, 0,
     "an unknown type, whatever its body"},
};

constexpr bool invalid_rows_hold() {
  for (const invalid_row& row : kInvalid) {
    const auto framed =
        tlsflags::parse_message_extensions(message(row.type, row.body));
    if (framed.error != row.error || framed.offset != row.offset ||
        framed.extension_type != row.extension_type ||
        !framed.extensions.empty()) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("handshake.messages_to_extension_blocks", "[handshake][W10]") {
  STATIC_REQUIRE(valid_rows_hold());
  STATIC_REQUIRE(kClientHello.size == 106);

  for (const valid_row& row : kValid) {
    CAPTURE(row.reason, to_hex(row.body));
    const handshake_message m = message(row.type, row.body);
    const auto framed = tlsflags::parse_message_extensions(m);
    REQUIRE(framed.error == errc::ok);
    CHECK(framed.extensions.type() == row.type);
    CHECK(framed.extensions.is_hello_retry_request() ==
          row.hello_retry_request);
    CHECK(framed.extensions.size() == row.blocks);
    CHECK(tlsflags::carries_extensions(row.type));

    // Every block and every extension body lies inside the message body.
    std::size_t blocks = 0;
    std::size_t extensions = 0;
    for (const tlsflags::extension_block block : framed.extensions) {
      CHECK(tlsflags_test::in_range(block.data(), block.size_bytes(),
                                    row.body.data, row.body.size));
      for (const tlsflags::extension e : block) {
        CHECK(tlsflags_test::in_range(e.body, e.body_size, row.body.data,
                                      row.body.size));
        ++extensions;
      }
      ++blocks;
    }
    CHECK(blocks == row.blocks);
    CHECK(extensions == row.extensions);

    const framed_summary s = summarize(m);
    CHECK(s.code_point == row.code_point);
    CHECK(s.flag == row.flag);
  }
}

TEST_CASE("handshake.hello_retry_request", "[handshake]") {
  // RFC 8446 section 4.1.3: the magic random is SHA-256("HelloRetryRequest");
  // the library's constant matches the test's own copy of it.
  constexpr wire kRandom = tlsflags_test::hrr_random();
  STATIC_REQUIRE(tlsflags_test::equal(
      tlsflags::kHelloRetryRequestRandom,
      std::array<std::uint8_t, 32>{
          kRandom.data[0],  kRandom.data[1],  kRandom.data[2],
          kRandom.data[3],  kRandom.data[4],  kRandom.data[5],
          kRandom.data[6],  kRandom.data[7],  kRandom.data[8],
          kRandom.data[9],  kRandom.data[10], kRandom.data[11],
          kRandom.data[12], kRandom.data[13], kRandom.data[14],
          kRandom.data[15], kRandom.data[16], kRandom.data[17],
          kRandom.data[18], kRandom.data[19], kRandom.data[20],
          kRandom.data[21], kRandom.data[22], kRandom.data[23],
          kRandom.data[24], kRandom.data[25], kRandom.data[26],
          kRandom.data[27], kRandom.data[28], kRandom.data[29],
          kRandom.data[30], kRandom.data[31]}));

  // Any one octet changed makes it an ordinary ServerHello.
  for (std::size_t i = 0; i < 32; ++i) {
    CAPTURE(i);
    const wire body = kHelloRetryRequest.with(
        2 + i, static_cast<std::uint8_t>(kHelloRetryRequest.data[2 + i] ^ 1U));
    const auto framed = tlsflags::parse_message_extensions(
        message(handshake_type::server_hello, body));
    REQUIRE(framed.error == errc::ok);
    CHECK_FALSE(framed.extensions.is_hello_retry_request());
  }

  // A malformed HRR is still known as one once its random is read.
  const auto broken = tlsflags::parse_message_extensions(
      message(handshake_type::server_hello, kHelloRetryRequest.truncated(70)));
  CHECK(broken.error == errc::missing_extension_block);
  CHECK(broken.extensions.is_hello_retry_request());
  CHECK(broken.extensions.type() == handshake_type::server_hello);
}

TEST_CASE("handshake.malformed_messages", "[handshake][invalid]") {
  STATIC_REQUIRE(invalid_rows_hold());

  for (const invalid_row& row : kInvalid) {
    CAPTURE(row.reason, row.type, to_hex(row.body));
    const auto framed =
        tlsflags::parse_message_extensions(message(row.type, row.body));
    CHECK(framed.error == row.error);
    CHECK(framed.offset == row.offset);
    CHECK(framed.extension_type == row.extension_type);
    CHECK_FALSE(framed);
    CHECK(framed.extensions.empty());
    CHECK(framed.extensions.begin() == framed.extensions.end());
    CHECK(framed.extensions.type() == static_cast<handshake_type>(row.type));
    CHECK(framed.offset <= row.body.size);

    const alert expected = row.error == errc::duplicate_extension
                               ? alert::illegal_parameter
                           : row.error == errc::unsupported_handshake_type
                               ? alert::unexpected_message
                               : alert::decode_error;
    CHECK(tlsflags::alert_for(framed.error) == expected);
  }

  // NewSessionTicket's extensions<0..2^16-2>: 65535 octets are one too many.
  // Bounds are checked before the contents.
  std::vector<std::uint8_t> nst = {0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 1, 0xab};
  nst.push_back(0xff);
  nst.push_back(0xff);
  nst.resize(nst.size() + 0xffff, 0);
  auto framed = tlsflags::parse_message_extensions(handshake_message{
      handshake_type::new_session_ticket, nst.data(), nst.size()});
  CHECK(framed.error == errc::malformed_new_session_ticket);
  CHECK(framed.offset == 12);
  // At 65534 octets (16383 empty extensions of distinct types, then two
  // stray octets) the bounds hold and the contents are judged.
  nst.resize(12);
  nst.push_back(0xff);
  nst.push_back(0xfe);
  for (unsigned type = 0; type < 0xfffe / 4; ++type) {
    nst.push_back(static_cast<std::uint8_t>(type >> 8U));
    nst.push_back(static_cast<std::uint8_t>(type));
    nst.push_back(0);
    nst.push_back(0);
  }
  nst.push_back(0xff);
  nst.push_back(0xff);
  framed = tlsflags::parse_message_extensions(handshake_message{
      handshake_type::new_session_ticket, nst.data(), nst.size()});
  CHECK(framed.error == errc::truncated_extension_header);
  CHECK(framed.offset == 14 + 0xfffe / 4 * 4);
}

TEST_CASE("handshake.duplicate_extension_in_messages", "[handshake][W9]") {
  // W9: a duplicate type in the block of any message is illegal_parameter,
  // and the type and offset are reported. The same type in the blocks of two
  // Certificate entries is not a duplicate: each entry has its own block.
  struct row {
    unsigned type;
    wire body;
    std::size_t offset;
    std::uint16_t extension_type;
  };
  const wire twice = join(kNst, kNst);
  const row rows[] = {
      {1, client_hello_body(join(kSupportedVersionsCh, kNst, kNst)), 91, 62},
      {2,
       server_hello_body(wire().fill(0x33, 32),
                         join(kSupportedVersionsSh, twice)),
       85, 62},
      {2,
       server_hello_body(tlsflags_test::hrr_random(),
                         join(kSupportedVersionsSh, twice)),
       85, 62},
      {8, encrypted_extensions_body(twice), 9, 62},
      {13, certificate_request_body(wire(), twice), 10, 62},
      {11, certificate_body(wire(), certificate_entry(hex("aa"), twice)), 17,
       62},
      {4, new_session_ticket_body(wire(), hex("ab"), twice), 21, 62},
  };
  for (const row& r : rows) {
    CAPTURE(r.type, to_hex(r.body));
    const auto framed =
        tlsflags::parse_message_extensions(message(r.type, r.body));
    CHECK(framed.error == errc::duplicate_extension);
    CHECK(framed.offset == r.offset);
    CHECK(framed.extension_type == r.extension_type);
    CHECK(tlsflags::alert_for(framed.error) == alert::illegal_parameter);
    CHECK(std::string(tlsflags::error_rule(framed.error)) == "W9");
  }

  static constexpr wire kTwoEntries =
      certificate_body(wire(), join(certificate_entry(hex("aa"), kNst),
                                    certificate_entry(hex("bb"), kNst)));
  constexpr auto kFramed = tlsflags::parse_message_extensions(
      message(handshake_type::certificate, kTwoEntries));
  STATIC_REQUIRE(kFramed.error == errc::ok);
  STATIC_REQUIRE(kFramed.extensions.size() == 2);
  STATIC_REQUIRE(kFramed.extensions.certificates().size() == 2);
}

TEST_CASE("handshake.certificate_entries", "[handshake]") {
  const auto framed = tlsflags::parse_message_extensions(
      message(handshake_type::certificate, kCertificate));
  REQUIRE(framed.error == errc::ok);
  const tlsflags::certificate_list& entries = framed.extensions.certificates();
  REQUIRE(entries.size() == 3);
  const std::uint8_t fills[] = {0x30, 0x31, 0x32};
  const std::size_t sizes[] = {20, 10, 5};
  const std::size_t extension_counts[] = {1, 0, 1};
  std::size_t i = 0;
  auto block = framed.extensions.begin();
  for (const tlsflags::certificate_entry entry : entries) {
    CAPTURE(i);
    REQUIRE(i < 3);
    CHECK(entry.cert_data_size == sizes[i]);
    CHECK(entry.cert_data[0] == fills[i]);
    CHECK(entry.cert_data[sizes[i] - 1] == fills[i]);
    CHECK(tlsflags_test::in_range(entry.cert_data, entry.cert_data_size,
                                  kCertificate.data, kCertificate.size));
    CHECK(entry.extensions.size() == extension_counts[i]);
    // The blocks iterated from the message are the entries' blocks.
    CHECK((*block).data() == entry.extensions.data());
    ++block;
    ++i;
  }
  CHECK(i == 3);
  CHECK(block == framed.extensions.end());

  // Other messages have no certificate list.
  const auto hello = tlsflags::parse_message_extensions(
      message(handshake_type::client_hello, kClientHello));
  CHECK(hello.extensions.certificates().empty());
}

TEST_CASE("handshake.code_points_in_messages", "[handshake][W1]") {
  // W1: the ClientHello carries tls_flags only under 0xfe01, the
  // NewSessionTicket only under 62; each is found only when asked for.
  constexpr auto kHelloFramed = tlsflags::parse_message_extensions(
      message(handshake_type::client_hello, kClientHello));
  constexpr auto kHelloBlock = *kHelloFramed.extensions.begin();
  STATIC_REQUIRE(kHelloFramed.error == errc::ok);
  STATIC_REQUIRE_FALSE(tlsflags::find_flags(kHelloBlock).found);
  STATIC_REQUIRE(tlsflags::find_flags(kHelloBlock, 0xfe01).view.test(80));
  constexpr auto kTicketFramed = tlsflags::parse_message_extensions(
      message(handshake_type::new_session_ticket, kNewSessionTicket));
  constexpr auto kTicketBlock = *kTicketFramed.extensions.begin();
  STATIC_REQUIRE(tlsflags::find_flags(kTicketBlock).view.test(8));
  STATIC_REQUIRE_FALSE(tlsflags::find_flags(kTicketBlock, 0xfe01).found);

  const auto hello = tlsflags::parse_message_extensions(
      message(handshake_type::client_hello, kClientHello));
  const auto found = tlsflags::find_flags(
      *hello.extensions.begin(),
      {tlsflags::kDefaultCodePoint, tlsflags::kCloudflareCodePoint});
  CHECK(found.found);
  CHECK(found.code_point == tlsflags::kCloudflareCodePoint);
  CHECK(std::vector<std::size_t>(found.view.begin(), found.view.end()) ==
        std::vector<std::size_t>{80});
  // The docs/rules.md vector sits in the hello byte for byte.
  CHECK(to_hex(found.ext.body - 4, found.ext.body_size + 4) == to_hex(kMtls));
}

namespace {

// ---------------------------------------------------------------------------
// Records.

std::vector<std::uint8_t> bytes(const wire& w) {
  return std::vector<std::uint8_t>(w.data, w.data + w.size);
}

std::vector<std::uint8_t> rec(unsigned type,
                              const std::vector<std::uint8_t>& fragment) {
  // Built by push_back after reserve: in optimized builds GCC 12 warns
  // wrongly (-Warray-bounds) about insert() after a list-initialized vector;
  // such false positives are tracked by
  // https://gcc.gnu.org/bugzilla/show_bug.cgi?id=56456
  std::vector<std::uint8_t> out;
  out.reserve(5 + fragment.size());
  out.push_back(static_cast<std::uint8_t>(type));
  out.push_back(0x03);
  out.push_back(0x03);
  out.push_back(static_cast<std::uint8_t>(fragment.size() >> 8U));
  out.push_back(static_cast<std::uint8_t>(fragment.size()));
  out.insert(out.end(), fragment.begin(), fragment.end());
  return out;
}

std::vector<std::uint8_t> cat(
    std::initializer_list<std::vector<std::uint8_t>> parts) {
  std::vector<std::uint8_t> out;
  for (const auto& part : parts) {
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

std::vector<std::uint8_t> slice(const std::vector<std::uint8_t>& v,
                                std::size_t from, std::size_t to) {
  return std::vector<std::uint8_t>(
      v.begin() + static_cast<std::ptrdiff_t>(from),
      v.begin() + static_cast<std::ptrdiff_t>(to));
}

struct walked {
  std::vector<std::pair<unsigned, std::vector<std::uint8_t>>> messages;
  std::size_t in_buffer = 0;  // messages returned from the buffer
  errc error = errc::ok;
  std::size_t offset = 0;
  std::size_t skipped = 0;
};

// walk reads every message of `input` (records, or bare messages) with a
// reassembly buffer of `buffer_size` octets, both on the heap at their exact
// size, and checks that every message lies in the input or the buffer.
walked walk(const std::vector<std::uint8_t>& input, std::size_t buffer_size,
            bool records = true) {
  const auto data = tlsflags_test::exact_copy(input.data(), input.size());
  std::unique_ptr<std::uint8_t[]> buffer(new std::uint8_t[buffer_size]);
  auto reader = records
                    ? handshake_reader::from_records(data.get(), input.size(),
                                                     buffer.get(), buffer_size)
                    : handshake_reader::from_messages(data.get(), input.size());
  walked w;
  handshake_message m;
  while (reader.next(m)) {
    const bool in_input =
        tlsflags_test::in_range(m.body, m.body_size, data.get(), input.size());
    const bool in_buffer =
        tlsflags_test::in_range(m.body, m.body_size, buffer.get(), buffer_size);
    REQUIRE((in_input || in_buffer));
    w.in_buffer += in_input ? 0 : 1;
    w.messages.emplace_back(
        static_cast<unsigned>(m.type),
        std::vector<std::uint8_t>(m.body, m.body + m.body_size));
  }
  w.error = reader.error();
  w.offset = reader.error_offset();
  w.skipped = reader.skipped_records();
  // Once done, it stays done.
  REQUIRE_FALSE(reader.next(m));
  REQUIRE(reader.error() == w.error);
  return w;
}

const std::vector<std::uint8_t> kHello = bytes(handshake(1, kClientHello));

// The server's flight: ServerHello, then (as if unprotected) the rest.
const std::vector<std::uint8_t> kFlight =
    cat({bytes(handshake(2, kServerHello)),
         bytes(handshake(8, kEncryptedExtensions)),
         bytes(handshake(13, kCertificateRequest)),
         bytes(handshake(11, kCertificate)),
         bytes(handshake(4, kNewSessionTicket))});

const std::vector<std::pair<unsigned, std::vector<std::uint8_t>>>
    kFlightMessages = {
        {2, bytes(kServerHello)},         {8, bytes(kEncryptedExtensions)},
        {13, bytes(kCertificateRequest)}, {11, bytes(kCertificate)},
        {4, bytes(kNewSessionTicket)},
};

// A change_cipher_spec record between two fragments of a message, caught at
// compile time.
constexpr bool interleaved_record_is_caught() {
  const wire hello = handshake(1, kClientHello);
  const wire records =
      join(record(22, hello.sub(0, 2)), record(22, hello.sub(2, 50)),
           record(20, hex("01")), record(22, join(hello.sub(52, 200))));
  std::uint8_t buffer[128] = {};
  auto reader = handshake_reader::from_records(records.data, records.size,
                                               buffer, sizeof buffer);
  handshake_message m;
  (void)reader.next(m);
  return reader.error() == errc::interleaved_record &&
         reader.error_offset() == 7 + 55;
}

// A message split into three records at compile time, reassembled into a
// buffer on the constant-evaluation stack, and framed to its block.
constexpr bool split_message_reassembles() {
  const wire hello = handshake(1, kClientHello);
  const wire records =
      join(record(20, hex("01")), record(22, hello.sub(0, 2)),
           record(22, hello.sub(2, 50)), record(22, hello.sub(52, 200)),
           record(22, handshake(4, kNewSessionTicket)));
  std::uint8_t buffer[128] = {};
  auto reader = handshake_reader::from_records(records.data, records.size,
                                               buffer, sizeof buffer);
  handshake_message m;
  if (!reader.next(m) || m.type != handshake_type::client_hello ||
      m.body_size != kClientHello.size || m.body != buffer + 4) {
    return false;
  }
  for (std::size_t i = 0; i < kClientHello.size; ++i) {
    if (m.body[i] != kClientHello.data[i]) {
      return false;
    }
  }
  if (!tlsflags::parse_message_extensions(m) || !reader.next(m) ||
      m.type != handshake_type::new_session_ticket) {
    return false;
  }
  return !reader.next(m) && reader.error() == errc::ok &&
         reader.skipped_records() == 1;
}

}  // namespace

TEST_CASE("handshake.records_several_messages_in_one_record",
          "[handshake][records]") {
  // Five messages in one record, returned in place without a copy.
  const walked one = walk(rec(22, kFlight), 0);
  CHECK(one.error == errc::ok);
  CHECK(one.messages == kFlightMessages);
  CHECK(one.in_buffer == 0);
  REQUIRE(kFlight.size() > 200);  // the cuts below fall inside it

  // The same flight one message a record, and with records of other types
  // between messages: those are skipped and counted.
  std::vector<std::uint8_t> spread;
  std::size_t at = 0;
  for (const auto& m : kFlightMessages) {
    const std::size_t size = 4 + m.second.size();
    spread =
        cat({spread, rec(22, slice(kFlight, at, at + size)), rec(20, {0x01})});
    at += size;
  }
  spread = cat({rec(21, {0x01, 0x00}), spread, rec(23, {0xde, 0xad})});
  const walked many = walk(spread, 0);
  CHECK(many.error == errc::ok);
  CHECK(many.messages == kFlightMessages);
  CHECK(many.skipped == 7);

  // A record holding the end of one message and the start of the next.
  const walked mixed = walk(
      cat({rec(22, slice(kFlight, 0, 100)), rec(22, slice(kFlight, 100, 200)),
           rec(22, slice(kFlight, 200, kFlight.size()))}),
      4096);
  CHECK(mixed.error == errc::ok);
  CHECK(mixed.messages == kFlightMessages);
  CHECK(mixed.in_buffer > 0);
}

TEST_CASE("handshake.records_message_split_across_records",
          "[handshake][records]") {
  STATIC_REQUIRE(split_message_reassembles());
  const std::vector<std::pair<unsigned, std::vector<std::uint8_t>>> expected = {
      {1, bytes(kClientHello)}};

  // Two records, split at every octet, headers included.
  for (std::size_t cut = 1; cut < kHello.size(); ++cut) {
    CAPTURE(cut);
    const walked w = walk(cat({rec(22, slice(kHello, 0, cut)),
                               rec(22, slice(kHello, cut, kHello.size()))}),
                          kHello.size());
    REQUIRE(w.error == errc::ok);
    REQUIRE(w.messages == expected);
    REQUIRE(w.in_buffer == 1);
  }

  // Three records, split at every pair of octets.
  for (std::size_t a = 1; a < kHello.size(); ++a) {
    for (std::size_t b = a + 1; b < kHello.size(); ++b) {
      CAPTURE(a, b);
      const walked w =
          walk(cat({rec(22, slice(kHello, 0, a)), rec(22, slice(kHello, a, b)),
                    rec(22, slice(kHello, b, kHello.size()))}),
               kHello.size());
      REQUIRE(w.error == errc::ok);
      REQUIRE(w.messages == expected);
    }
  }

  // One octet a record.
  std::vector<std::uint8_t> trickle;
  for (const std::uint8_t octet : kFlight) {
    trickle = cat({trickle, rec(22, {octet})});
  }
  const walked w = walk(trickle, 1024);
  CHECK(w.error == errc::ok);
  CHECK(w.messages == kFlightMessages);
  CHECK(w.in_buffer == kFlightMessages.size());

  // A split message of an empty body (EndOfEarlyData) and one whose header
  // alone spans records.
  const walked empty_body =
      walk(cat({rec(22, {0x05, 0x00}), rec(22, {0x00, 0x00})}), 4);
  CHECK(empty_body.error == errc::ok);
  REQUIRE(empty_body.messages.size() == 1);
  CHECK(empty_body.messages[0].first == 5);
  CHECK(empty_body.messages[0].second.empty());
}

TEST_CASE("handshake.records_non_handshake_records", "[handshake][records]") {
  STATIC_REQUIRE(interleaved_record_is_caught());

  // Between messages: skipped and counted, whatever their type.
  for (const unsigned type : {20U, 21U, 23U}) {
    CAPTURE(type);
    const walked w = walk(
        cat({rec(type, {1}), rec(22, kHello), rec(type, {1}), rec(type, {1})}),
        0);
    CHECK(w.error == errc::ok);
    CHECK(w.messages.size() == 1);
    CHECK(w.skipped == 3);

    // Between two fragments of one message: RFC 8446 section 5.1 forbids it.
    const std::vector<std::uint8_t> head = rec(22, slice(kHello, 0, 40));
    const walked split = walk(
        cat({head, rec(type, {1}), rec(22, slice(kHello, 40, kHello.size()))}),
        kHello.size());
    CHECK(split.error == errc::interleaved_record);
    CHECK(split.offset == head.size());
    CHECK(split.messages.empty());
    CHECK(tlsflags::alert_for(split.error) == alert::unexpected_message);
  }

  // Content types other than 20 to 23 are not skipped.
  for (const unsigned type : {0U, 19U, 24U, 0x47U, 255U}) {
    CAPTURE(type);
    const walked w = walk(cat({rec(22, kHello), rec(type, {1})}), 0);
    CHECK(w.messages.size() == 1);
    CHECK(w.error == errc::unknown_content_type);
    CHECK(w.offset == 5 + kHello.size());
    CHECK(tlsflags::alert_for(w.error) == alert::unexpected_message);
  }
}

TEST_CASE("handshake.records_malformed", "[handshake][records]") {
  const std::vector<std::uint8_t> hello = rec(22, kHello);

  // Record length limits: 2^14 for plaintext, 2^14 + 256 for protected
  // application_data (RFC 8446 sections 5.1 and 5.2).
  std::vector<std::uint8_t> full(1 << 14, 0);
  full[0] = 0xfe;  // a message of an unassigned type filling the record
  full[1] = 0x00;
  full[2] = 0x3f;
  full[3] = 0xfc;
  const walked largest = walk(rec(22, full), 0);
  CHECK(largest.error == errc::ok);
  REQUIRE(largest.messages.size() == 1);
  CHECK(largest.messages[0].second.size() == (1U << 14) - 4);

  full.push_back(0);
  const walked too_long = walk(cat({hello, rec(22, full)}), 0);
  CHECK(too_long.error == errc::record_too_long);
  CHECK(too_long.offset == hello.size());
  CHECK(too_long.messages.size() == 1);
  CHECK(tlsflags::alert_for(too_long.error) == alert::record_overflow);
  // The length alone condemns it: no fragment need follow.
  CHECK(walk({22, 3, 3, 0x40, 0x01}, 0).error == errc::record_too_long);
  CHECK(walk({21, 3, 3, 0xff, 0xff}, 0).error == errc::record_too_long);

  std::vector<std::uint8_t> protected_record((1 << 14) + 256, 0x5a);
  CHECK(walk(cat({rec(23, protected_record), hello}), 0).error == errc::ok);
  protected_record.push_back(0);
  CHECK(walk(rec(23, protected_record), 0).error == errc::record_too_long);

  // Records cut short: in the header, in the fragment.
  for (std::size_t cut = 1; cut < hello.size(); ++cut) {
    CAPTURE(cut);
    const walked w = walk(cat({hello, slice(hello, 0, cut)}), 0);
    CHECK(w.messages.size() == 1);
    CHECK(w.error == errc::truncated_record);
    CHECK(w.offset == hello.size());
    CHECK(tlsflags::alert_for(w.error) == alert::decode_error);
  }

  // A message cut short at the end of the records.
  for (std::size_t cut = 1; cut < kHello.size(); ++cut) {
    CAPTURE(cut);
    const std::vector<std::uint8_t> first = rec(22, kHello);
    const walked w =
        walk(cat({first, rec(22, slice(kHello, 0, cut))}), kHello.size());
    CHECK(w.messages.size() == 1);
    CHECK(w.error == errc::truncated_handshake_message);
    CHECK(w.offset == first.size());
  }

  // A zero-length handshake record, between or inside messages.
  CHECK(walk(cat({hello, rec(22, {})}), 0).error ==
        errc::empty_handshake_record);
  const walked inside = walk(cat({rec(22, slice(kHello, 0, 3)), rec(22, {}),
                                  rec(22, slice(kHello, 3, kHello.size()))}),
                             kHello.size());
  CHECK(inside.error == errc::empty_handshake_record);
  CHECK(inside.offset == 8);

  // Empty input: no message, no error.
  const walked none = walk({}, 0);
  CHECK(none.error == errc::ok);
  CHECK(none.messages.empty());
}

TEST_CASE("handshake.reassembly_buffer", "[handshake][records]") {
  const std::vector<std::uint8_t> split =
      cat({rec(22, slice(kHello, 0, 60)),
           rec(22, slice(kHello, 60, kHello.size()))});

  // Exactly the message: enough. One octet less, or no buffer: an error,
  // reported at the record where the message begins.
  CHECK(walk(split, kHello.size()).error == errc::ok);
  for (const std::size_t size :
       {std::size_t{0}, std::size_t{3}, std::size_t{4}, kHello.size() - 1}) {
    CAPTURE(size);
    const walked w = walk(cat({rec(22, kHello), split}), size);
    CHECK(w.messages.size() == 1);  // the unsplit one needs no buffer
    CHECK(w.error == errc::handshake_message_too_large);
    CHECK(w.offset == 5 + kHello.size());
    CHECK(tlsflags::alert_for(w.error) == alert::internal_error);
  }

  // A header split across records needs 4 octets of buffer before the
  // length is known.
  const std::vector<std::uint8_t> header_split = cat(
      {rec(22, slice(kHello, 0, 2)), rec(22, slice(kHello, 2, kHello.size()))});
  CHECK(walk(header_split, 3).error == errc::handshake_message_too_large);
  CHECK(walk(header_split, kHello.size()).error == errc::ok);

  // Messages inside one record need no buffer, however long.
  CHECK(walk(rec(22, kFlight), 0).messages == kFlightMessages);

  // The buffer is reused: each message is valid until the next call.
  const std::vector<std::uint8_t> twice = cat({split, split});
  const walked w = walk(twice, kHello.size());
  CHECK(w.error == errc::ok);
  CHECK(w.messages.size() == 2);
  CHECK(w.in_buffer == 2);
  CHECK(w.messages[0] == w.messages[1]);
}

TEST_CASE("handshake.bare_messages", "[handshake]") {
  // Without a record layer: messages back to back.
  const walked w = walk(kFlight, 0, false);
  CHECK(w.error == errc::ok);
  CHECK(w.messages == kFlightMessages);

  // The last message cut short, at every octet.
  const std::size_t last = kFlight.size() - (4 + kNewSessionTicket.size);
  for (std::size_t cut = last + 1; cut < kFlight.size(); ++cut) {
    CAPTURE(cut);
    const walked t = walk(slice(kFlight, 0, cut), 0, false);
    CHECK(t.messages.size() == 4);
    CHECK(t.error == errc::truncated_handshake_message);
    CHECK(t.offset == last);
  }

  // One message alone, with parse_handshake.
  static constexpr wire kOne = handshake(4, kNewSessionTicket);
  constexpr auto kParsed = tlsflags::parse_handshake(kOne.data, kOne.size);
  STATIC_REQUIRE(kParsed.error == errc::ok);
  STATIC_REQUIRE(kParsed.message.type == handshake_type::new_session_ticket);
  STATIC_REQUIRE(kParsed.message.body_size == kNewSessionTicket.size);
  STATIC_REQUIRE(tlsflags::parse_message_extensions(kParsed.message));
  for (std::size_t cut = 0; cut < kOne.size; ++cut) {
    CAPTURE(cut);
    CHECK(tlsflags::parse_handshake(kOne.data, cut).error ==
          errc::truncated_handshake_message);
  }
  // Octets after the message are the caller's.
  const wire more = join(kOne, hex("ff ff"));
  const auto parsed = tlsflags::parse_handshake(more.data, more.size);
  CHECK(parsed.error == errc::ok);
  CHECK(parsed.message.body_size == kNewSessionTicket.size);
  CHECK(tlsflags::parse_handshake(nullptr, 0).error ==
        errc::truncated_handshake_message);

  // parse_record frames one record, of any type.
  static constexpr wire kRecord = record(0x47, hex("01 02 03"));
  constexpr auto kFramed = tlsflags::parse_record(kRecord.data, kRecord.size);
  STATIC_REQUIRE(kFramed.error == errc::ok);
  STATIC_REQUIRE(kFramed.record.fragment_size == 3);
  STATIC_REQUIRE(kFramed.record.legacy_version == 0x0303);
  STATIC_REQUIRE(static_cast<unsigned>(kFramed.record.type) == 0x47);
  CHECK(std::string(tlsflags::handshake_type_name(
            handshake_type::certificate_request)) == "certificate_request");
  CHECK(std::string(tlsflags::handshake_type_name(
            static_cast<handshake_type>(99))) == "unknown");
  CHECK_FALSE(tlsflags::carries_extensions(handshake_type::finished));
  CHECK_FALSE(tlsflags::carries_extensions(static_cast<handshake_type>(99)));
}

namespace {

// check_message frames `m`, checks that every view it yields lies inside
// its body and every offset too, and returns whether it framed.
bool check_message(const handshake_message& m) {
  const auto framed = tlsflags::parse_message_extensions(m);
  REQUIRE(framed.offset <= m.body_size);
  for (const tlsflags::extension_block block : framed.extensions) {
    REQUIRE(tlsflags_test::in_range(block.data(), block.size_bytes(), m.body,
                                    m.body_size));
    for (const tlsflags::extension e : block) {
      REQUIRE(
          tlsflags_test::in_range(e.body, e.body_size, m.body, m.body_size));
    }
    const auto found = tlsflags::find_flags(block, {62, 0xfe01});
    REQUIRE(tlsflags_test::in_range(
        found.view.vector(), found.view.vector_size(), m.body, m.body_size));
  }
  for (const tlsflags::certificate_entry entry :
       framed.extensions.certificates()) {
    REQUIRE(tlsflags_test::in_range(entry.cert_data, entry.cert_data_size,
                                    m.body, m.body_size));
  }
  return static_cast<bool>(framed);
}

}  // namespace

TEST_CASE("handshake.robustness", "[handshake][fuzz]") {
  // Random octets and random truncations and mutations of valid records and
  // messages, fed to every walker: no crash (under ASan and UBSan), every
  // view inside the input or the reassembly buffer, every offset inside the
  // input.
  std::mt19937_64 rng(0x68616e64);
  const std::vector<std::vector<std::uint8_t>> seeds = {
      rec(22, kHello),
      rec(22, kFlight),
      cat({rec(22, slice(kHello, 0, 30)), rec(22, slice(kHello, 30, 90)),
           rec(22, slice(kHello, 90, kHello.size()))}),
      cat({rec(20, {1}), rec(22, slice(kFlight, 0, 150)),
           rec(22, slice(kFlight, 150, kFlight.size()))}),
      kFlight,
      bytes(kClientHello),
      bytes(kCertificate),
      bytes(kNewSessionTicket),
  };
  const unsigned types[] = {1, 2, 4, 8, 11, 13, 20, 99};
  std::size_t framed_from_reader = 0;
  for (int round = 0; round < 30000; ++round) {
    std::vector<std::uint8_t> input;
    if (round % 4 == 0) {
      input.resize(rng() % 64);
      for (std::uint8_t& octet : input) {
        octet = static_cast<std::uint8_t>(rng() % 3 == 0 ? rng() % 24 : rng());
      }
    } else {
      input = seeds[rng() % seeds.size()];
      const std::size_t edits = rng() % 4;
      for (std::size_t i = 0; i < edits && !input.empty(); ++i) {
        const std::size_t at = rng() % input.size();
        switch (rng() % 3) {
          case 0:
            input[at] = static_cast<std::uint8_t>(rng());
            break;
          case 1:
            input[at] = static_cast<std::uint8_t>(input[at] + 1U);
            break;
          default:
            input.erase(input.begin() + static_cast<std::ptrdiff_t>(at));
            break;
        }
      }
      if (rng() % 2 == 0) {
        input.resize(rng() % (input.size() + 1));
      }
    }
    CAPTURE(round, to_hex(input.data(), input.size()));
    const auto data = tlsflags_test::exact_copy(input.data(), input.size());
    const std::uint8_t* base = data.get();
    const std::size_t size = input.size();

    // Records and bare messages, with reassembly buffers of several sizes.
    const std::size_t buffer_sizes[] = {0, 5, 64, 4096};
    const std::size_t buffer_size = buffer_sizes[rng() % 4];
    std::unique_ptr<std::uint8_t[]> buffer(new std::uint8_t[buffer_size]);
    for (const bool records : {true, false}) {
      auto reader = records ? handshake_reader::from_records(
                                  base, size, buffer.get(), buffer_size)
                            : handshake_reader::from_messages(base, size);
      handshake_message m;
      std::size_t count = 0;
      while (reader.next(m)) {
        REQUIRE((tlsflags_test::in_range(m.body, m.body_size, base, size) ||
                 tlsflags_test::in_range(m.body, m.body_size, buffer.get(),
                                         buffer_size)));
        if (check_message(m)) {
          ++framed_from_reader;
        }
        REQUIRE(++count <= size);
      }
      REQUIRE(reader.error_offset() <= size);
    }

    // The input as the body of every kind of message.
    for (const unsigned type : types) {
      (void)check_message(
          handshake_message{static_cast<handshake_type>(type), base, size});
    }

    const auto one = tlsflags::parse_handshake(base, size);
    REQUIRE(tlsflags_test::in_range(one.message.body, one.message.body_size,
                                    base, size));
    const auto framed = tlsflags::parse_record(base, size);
    REQUIRE(tlsflags_test::in_range(framed.record.fragment,
                                    framed.record.fragment_size, base, size));
  }
  // The mutations keep many inputs deep enough to reach the blocks.
  CHECK(framed_from_reader > 10000);
}
