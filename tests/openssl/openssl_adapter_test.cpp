// Tests of the OpenSSL adapter without a network: the map from OpenSSL
// extension contexts to messages (W10), attaching state, and whole TLS 1.3
// handshakes between two SSL objects over memory BIOs, one table row a
// handshake. First the server's side: what the client proposes (or the raw
// body it sends), what the server supports, whether it asks every client,
// and what follows: the CertificateRequest and its flags (M2-M4), or the
// rule the server found broken and its alert (W2-W7, S7). Then the
// client's side: a server that puts flags where it must not, in each
// message the client receives (S2, S4, M4, M5).

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "testing.hpp"
#include "tlsflags/openssl.hpp"

using tlsflags::alert;
using tlsflags::errc;
using tlsflags::message;
using tlsflags::side;
using tlsflags::openssl::connection_flags;
using tlsflags::openssl::connection_state;
using tlsflags::openssl::message_for_context;
using tlsflags_test::hex;
using tlsflags_test::octets;
using tlsflags_test::to_hex;

namespace {

constexpr std::size_t kMtls = tlsflags::kRequestMtls;

struct context_row {
  unsigned int context;
  side sender;
  std::optional<message> expected;
};

// The contexts OpenSSL passes to custom extension callbacks, one message
// each. The Certificate context is the sender's Certificate.
constexpr context_row kContextRows[] = {
    {SSL_EXT_CLIENT_HELLO, side::client, message::client_hello},
    {SSL_EXT_TLS1_3_SERVER_HELLO, side::server, message::server_hello},
    {SSL_EXT_TLS1_3_HELLO_RETRY_REQUEST, side::server,
     message::hello_retry_request},
    {SSL_EXT_TLS1_3_ENCRYPTED_EXTENSIONS, side::server,
     message::encrypted_extensions},
    {SSL_EXT_TLS1_3_CERTIFICATE_REQUEST, side::server,
     message::certificate_request},
    {SSL_EXT_TLS1_3_CERTIFICATE, side::server, message::server_certificate},
    {SSL_EXT_TLS1_3_CERTIFICATE, side::client, message::client_certificate},
    {SSL_EXT_TLS1_3_NEW_SESSION_TICKET, side::server,
     message::new_session_ticket},
    // Not a TLS 1.3 message: tls_flags is never registered for it.
    {SSL_EXT_TLS1_2_SERVER_HELLO, side::server, std::nullopt},
    {0, side::client, std::nullopt},
};

constexpr bool all_context_rows_hold() {
  for (const context_row& row : kContextRows) {
    if (message_for_context(row.context, row.sender) != row.expected) {
      return false;
    }
  }
  return true;
}

// A self-signed P-256 server certificate, made once.
struct server_identity {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;

  server_identity() {
    key = EVP_EC_gen("P-256");
    cert = X509_new();
    if (key == nullptr || cert == nullptr) {
      return;
    }
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_ASC,
        reinterpret_cast<const unsigned char*>("adapter test"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_set_pubkey(cert, key);
    X509_sign(cert, key, EVP_sha256());
  }

  ~server_identity() {
    X509_free(cert);
    EVP_PKEY_free(key);
  }

  server_identity(const server_identity&) = delete;
  server_identity& operator=(const server_identity&) = delete;
};

const server_identity& identity() {
  static const server_identity kIdentity;
  return kIdentity;
}

// One handshake of the table.
struct handshake_row {
  const char* name;

  // The client's ClientHello flags, or, when `raw` is not null, the hex of
  // the body it sends instead.
  connection_flags client_hello;
  const char* raw;

  // The server: supports request_mtls; asks every client.
  bool accepts_hint;
  bool always_request;

  // What follows: a CertificateRequest and the flags it carries, or the
  // rule the server found broken and the alert it sent.
  bool certificate_requested;
  connection_flags certificate_request_flags;
  errc server_error;
  const char* rule;
  alert alert_sent;
};

const handshake_row kHandshakes[] = {
    {"M2, M3: the hint, accepted",
     {kMtls},
     nullptr,
     true,
     false,
     true,
     {kMtls},
     errc::ok,
     "",
     alert::internal_error},
    {"no hint: no CertificateRequest",
     {},
     nullptr,
     true,
     false,
     false,
     {},
     errc::ok,
     "",
     alert::internal_error},
    {"M2: the hint, ignored",
     {kMtls},
     nullptr,
     false,
     false,
     false,
     {},
     errc::ok,
     "",
     alert::internal_error},
    {"M3: asks everyone, no hint: no echo",
     {},
     nullptr,
     true,
     true,
     true,
     {},
     errc::ok,
     "",
     alert::internal_error},
    {"M3: asks everyone, hint: echo",
     {kMtls},
     nullptr,
     true,
     true,
     true,
     {kMtls},
     errc::ok,
     "",
     alert::internal_error},
    {"M4: asks everyone, hint not accepted: no echo",
     {kMtls},
     nullptr,
     false,
     true,
     true,
     {},
     errc::ok,
     "",
     alert::internal_error},
    {"S4: an unknown flag is ignored",
     {100},
     nullptr,
     true,
     false,
     false,
     {},
     errc::ok,
     "",
     alert::internal_error},
    {"W5: trailing zero octet",
     {},
     "020200",
     true,
     false,
     false,
     {},
     errc::trailing_zero_octet,
     "W5",
     alert::illegal_parameter},
    {"W5: all-zero vector",
     {},
     "0100",
     true,
     false,
     false,
     {},
     errc::trailing_zero_octet,
     "W5",
     alert::illegal_parameter},
    {"W6: empty vector",
     {},
     "00",
     true,
     false,
     false,
     {},
     errc::empty_vector,
     "W6",
     alert::decode_error},
    {"W7: octets after the vector",
     {},
     "0102ff",
     true,
     false,
     false,
     {},
     errc::trailing_octets,
     "W7",
     alert::decode_error},
    {"W7: truncated vector",
     {},
     "0302",
     true,
     false,
     false,
     {},
     errc::truncated_vector,
     "W7",
     alert::decode_error},
    {"W2: no length octet",
     {},
     "",
     true,
     false,
     false,
     {},
     errc::missing_length_octet,
     "W2",
     alert::decode_error},
    {"S7: resumption_across_names in ClientHello",
     {8},
     nullptr,
     true,
     false,
     false,
     {},
     errc::flag_not_allowed_in_message,
     "S7",
     alert::illegal_parameter},
};

// forced_flags: flags a misbehaving server adds to one message, whatever
// the client proposed.
struct forced_flags {
  tlsflags::openssl::config config;
  message in = message::server_hello;
  connection_flags flags;
};

// force_flags is a ClientHello callback: the adapter's work, then the
// misbehaviour.
int force_flags(SSL* ssl, int* al, void* arg) {
  const auto* forced = static_cast<const forced_flags*>(arg);
  const int result =
      tlsflags::openssl::handle_client_hello(ssl, forced->config, al);
  connection_state* state = tlsflags::openssl::state_of(ssl);
  if (result == SSL_CLIENT_HELLO_SUCCESS && state != nullptr) {
    state->send(forced->in) |= forced->flags;
    if (forced->in == message::certificate_request) {
      SSL_set_verify(ssl, SSL_VERIFY_PEER, nullptr);
    }
  }
  return result;
}

// endpoints: a client and a server joined by a memory BIO pair, each with
// its state attached.
struct endpoints {
  SSL_CTX* client_ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX* server_ctx = SSL_CTX_new(TLS_server_method());
  SSL* client = nullptr;
  SSL* server = nullptr;
  connection_state client_state;
  connection_state server_state;

  endpoints() = default;
  endpoints(const endpoints&) = delete;
  endpoints& operator=(const endpoints&) = delete;

  ~endpoints() {
    SSL_free(client);
    SSL_free(server);
    SSL_CTX_free(client_ctx);
    SSL_CTX_free(server_ctx);
  }

  // ready finishes the setup once the contexts are configured.
  bool ready() {
    client = SSL_new(client_ctx);
    server = SSL_new(server_ctx);
    BIO* client_bio = nullptr;
    BIO* server_bio = nullptr;
    if (client == nullptr || server == nullptr ||
        !tlsflags::openssl::attach(client, &client_state) ||
        !tlsflags::openssl::attach(server, &server_state) ||
        BIO_new_bio_pair(&client_bio, 0, &server_bio, 0) != 1) {
      return false;
    }
    SSL_set_bio(client, client_bio, client_bio);
    SSL_set_bio(server, server_bio, server_bio);
    SSL_set_connect_state(client);
    SSL_set_accept_state(server);
    return true;
  }
};

// make_contexts gives both contexts TLS 1.3 and the server its identity.
bool make_contexts(endpoints& e) {
  return e.client_ctx != nullptr && e.server_ctx != nullptr &&
         SSL_CTX_set_min_proto_version(e.client_ctx, TLS1_3_VERSION) == 1 &&
         SSL_CTX_set_min_proto_version(e.server_ctx, TLS1_3_VERSION) == 1 &&
         SSL_CTX_use_certificate(e.server_ctx, identity().cert) == 1 &&
         SSL_CTX_use_PrivateKey(e.server_ctx, identity().key) == 1;
}

// run_handshake drives both sides until neither makes progress, then lets
// the client read what the server sent after the handshake (its
// NewSessionTickets). Returns whether both completed the handshake and the
// client read without error.
bool run_handshake(SSL* client, SSL* server) {
  bool client_done = false;
  bool server_done = false;
  for (int round = 0; round < 20 && !(client_done && server_done); ++round) {
    if (!client_done) {
      const int r = SSL_do_handshake(client);
      client_done = r == 1;
      if (r <= 0 && SSL_get_error(client, r) != SSL_ERROR_WANT_READ) {
        return false;
      }
    }
    if (!server_done) {
      const int r = SSL_do_handshake(server);
      server_done = r == 1;
      if (r <= 0 && SSL_get_error(server, r) != SSL_ERROR_WANT_READ) {
        return false;
      }
    }
  }
  if (!client_done || !server_done) {
    return false;
  }
  char octet = 0;
  const int r = SSL_read(client, &octet, 1);
  return r > 0 || SSL_get_error(client, r) == SSL_ERROR_WANT_READ;
}

// One misbehaving server of the client's table.
struct client_row {
  const char* name;
  connection_flags client_hello;
  message forced_in;
  connection_flags forced;

  // A server that accepts P-256 only, so that OpenSSL's client, whose
  // first key share is X25519, gets a HelloRetryRequest.
  bool retry;

  // What the client finds: the broken rule and the message, or nothing
  // (errc::ok) and the flags it counts as acknowledged.
  errc client_error;
  const char* rule;
  connection_flags acknowledged;
};

const client_row kClientRows[] = {
    {"S2: acknowledging the client's unknown flag in ServerHello",
     {100},
     message::server_hello,
     {100},
     false,
     errc::ok,
     "",
     {100}},
    {"S2: acknowledging it in EncryptedExtensions",
     {100},
     message::encrypted_extensions,
     {100},
     false,
     errc::ok,
     "",
     {100}},
    {"S2: an unsolicited flag in EncryptedExtensions",
     {100},
     message::encrypted_extensions,
     {5},
     false,
     errc::unsolicited_flag,
     "S2",
     {}},
    {"M5: request_mtls in EncryptedExtensions",
     {kMtls},
     message::encrypted_extensions,
     {kMtls},
     false,
     errc::flag_not_allowed_in_message,
     "M5",
     {}},
    {"M5: request_mtls in ServerHello",
     {kMtls},
     message::server_hello,
     {kMtls},
     false,
     errc::flag_not_allowed_in_message,
     "M5",
     {}},
    {"M5: request_mtls in HelloRetryRequest",
     {kMtls},
     message::hello_retry_request,
     {kMtls},
     true,
     errc::flag_not_allowed_in_message,
     "M5",
     {}},
    {"S2: acknowledging in HelloRetryRequest",
     {100},
     message::hello_retry_request,
     {100},
     true,
     errc::ok,
     "",
     {100}},
    {"M5: request_mtls in the server's Certificate",
     {kMtls},
     message::server_certificate,
     {kMtls},
     false,
     errc::flag_not_allowed_in_message,
     "M5",
     {}},
    {"M4: request_mtls in CertificateRequest, unsolicited",
     {},
     message::certificate_request,
     {kMtls},
     false,
     errc::unsolicited_flag,
     "M4",
     {}},
    {"S4: an unknown flag proposed in CertificateRequest",
     {},
     message::certificate_request,
     {5},
     false,
     errc::ok,
     "",
     {}},
    {"S1: resumption_across_names proposed in NewSessionTicket",
     {},
     message::new_session_ticket,
     {8},
     false,
     errc::ok,
     "",
     {}},
    {"M5: request_mtls in NewSessionTicket",
     {kMtls},
     message::new_session_ticket,
     {kMtls},
     false,
     errc::flag_not_allowed_in_message,
     "M5",
     {}},
};

}  // namespace

TEST_CASE("openssl.message_for_context", "[openssl]") {
  STATIC_REQUIRE(all_context_rows_hold());
  for (const context_row& row : kContextRows) {
    CAPTURE(row.context);
    CHECK(message_for_context(row.context, row.sender) == row.expected);
  }
}

TEST_CASE("openssl.attach", "[openssl]") {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  REQUIRE(ctx != nullptr);
  SSL* ssl = SSL_new(ctx);
  REQUIRE(ssl != nullptr);
  connection_state state;
  CHECK(tlsflags::openssl::state_of(ssl) == nullptr);
  CHECK(tlsflags::openssl::attach(ssl, &state));
  CHECK(tlsflags::openssl::state_of(ssl) == &state);
  CHECK(tlsflags::openssl::attach(ssl, nullptr));
  CHECK(tlsflags::openssl::state_of(ssl) == nullptr);
  SSL_free(ssl);
  SSL_CTX_free(ctx);
}

TEST_CASE("openssl.add_extension_refuses_a_second_registration", "[openssl]") {
  static const tlsflags::openssl::config kConfig;
  SSL_CTX* ctx = SSL_CTX_new(TLS_method());
  REQUIRE(ctx != nullptr);
  CHECK(tlsflags::openssl::add_extension(ctx, kConfig));
  CHECK_FALSE(tlsflags::openssl::add_extension(ctx, kConfig));
  SSL_CTX_free(ctx);
}

TEST_CASE("openssl.memory_handshakes", "[openssl][handshake]") {
  REQUIRE(identity().cert != nullptr);
  for (const handshake_row& row : kHandshakes) {
    CAPTURE(row.name);
    tlsflags::openssl::config client_config;
    tlsflags::openssl::config server_config;
    if (row.accepts_hint) {
      server_config.supported.set(kMtls);
    }

    endpoints e;
    REQUIRE(make_contexts(e));
    SSL_CTX_set_verify(e.server_ctx, row.always_request ? SSL_VERIFY_PEER : 0,
                       nullptr);
    REQUIRE(tlsflags::openssl::enable(e.client_ctx, client_config));
    REQUIRE(tlsflags::openssl::enable(e.server_ctx, server_config));
    REQUIRE(e.ready());
    connection_state& client = e.client_state;
    connection_state& server = e.server_state;

    client.send(message::client_hello) = row.client_hello;
    octets raw;
    if (row.raw != nullptr) {
      raw = hex(row.raw);
      CAPTURE(to_hex(raw));
      client.raw_client_hello = raw.data;
      client.raw_client_hello_size = raw.size;
    }

    const bool completed = run_handshake(e.client, e.server);
    CHECK(server.failure.error == row.server_error);
    if (row.server_error != errc::ok) {
      CHECK_FALSE(completed);
      CHECK(std::string(server.failure.rule) == row.rule);
      CHECK(server.failure.alert_to_send == row.alert_sent);
      CHECK(server.failure_in == message::client_hello);
      CHECK_FALSE(server.certificate_request_sent);
      continue;
    }

    // The client answers any CertificateRequest with an empty Certificate
    // (M6), so every row completes.
    CHECK(completed);
    CHECK(client.failure.error == errc::ok);
    CHECK(server.received(message::client_hello) == row.client_hello);
    CHECK(server.client_hellos == 1);
    CHECK(server.certificate_request_sent == row.certificate_requested);
    CHECK(client.received(message::certificate_request) ==
          row.certificate_request_flags);
    CHECK(client.acknowledged() == row.certificate_request_flags);
    CHECK(client.received_in.contains(message::certificate_request) ==
          !row.certificate_request_flags.empty());
    const bool hinted = row.client_hello.test(kMtls);
    CHECK(server.decision.may_reject_empty_certificate ==
          (hinted && row.certificate_requested));
    if (!row.certificate_request_flags.empty()) {
      CHECK(client.obligations.hint_accepted);
      CHECK(client.obligations.must_answer);
    }
    CHECK(tlsflags::openssl::flagged_without_certificate(e.server, server) ==
          (hinted && row.certificate_requested));
  }
}

TEST_CASE("openssl.client_checks", "[openssl][handshake]") {
  REQUIRE(identity().cert != nullptr);
  for (const client_row& row : kClientRows) {
    CAPTURE(row.name);
    static const tlsflags::openssl::config kClientConfig;
    forced_flags forced;
    forced.config.supported.set(kMtls);
    forced.in = row.forced_in;
    forced.flags = row.forced;

    endpoints e;
    REQUIRE(make_contexts(e));
    if (row.retry) {
      REQUIRE(SSL_CTX_set1_groups_list(e.server_ctx, "P-256") == 1);
    }
    REQUIRE(tlsflags::openssl::enable(e.client_ctx, kClientConfig));
    REQUIRE(tlsflags::openssl::add_extension(e.server_ctx, forced.config));
    SSL_CTX_set_client_hello_cb(e.server_ctx, force_flags, &forced);
    REQUIRE(e.ready());
    e.client_state.send(message::client_hello) = row.client_hello;

    const bool completed = run_handshake(e.client, e.server);
    const connection_state& client = e.client_state;
    CHECK(e.server_state.sent_in.contains(row.forced_in));
    CHECK(client.failure.error == row.client_error);
    if (row.client_error != errc::ok) {
      CHECK_FALSE(completed);
      CHECK(std::string(client.failure.rule) == row.rule);
      CHECK(client.failure.alert_to_send == alert::illegal_parameter);
      CHECK(client.failure_in == row.forced_in);
      CHECK_FALSE(client.received_in.contains(row.forced_in));
      continue;
    }
    CHECK(completed);
    CHECK(e.server_state.client_hellos == (row.retry ? 2 : 1));
    CHECK(client.received_in.contains(row.forced_in));
    CHECK(client.received(row.forced_in) == row.forced);
    CHECK(client.acknowledged() == row.acknowledged);
  }
}

// A server with the extension and no ClientHello callback decides from the
// ClientHello's parse callback, which OpenSSL runs before it decides on a
// CertificateRequest.
TEST_CASE("openssl.without_client_hello_callback", "[openssl][handshake]") {
  REQUIRE(identity().cert != nullptr);
  static const tlsflags::openssl::config kClientConfig;
  static const tlsflags::openssl::config kServerConfig = [] {
    tlsflags::openssl::config c;
    c.supported.set(kMtls);
    return c;
  }();
  for (const bool hint : {true, false}) {
    CAPTURE(hint);
    endpoints e;
    REQUIRE(make_contexts(e));
    REQUIRE(tlsflags::openssl::add_extension(e.client_ctx, kClientConfig));
    REQUIRE(tlsflags::openssl::add_extension(e.server_ctx, kServerConfig));
    REQUIRE(e.ready());
    if (hint) {
      e.client_state.send(message::client_hello).set(kMtls);
    }
    CHECK(run_handshake(e.client, e.server));
    CHECK(e.server_state.client_hello_handled == hint);
    CHECK(e.server_state.certificate_request_sent == hint);
    CHECK(e.client_state.acknowledged().test(kMtls) == hint);
  }
}

namespace {

// length_at reads the `size`-octet big-endian length at `at`.
std::size_t length_at(const std::string& bytes, std::size_t at,
                      std::size_t size) {
  std::size_t value = 0;
  for (std::size_t i = 0; i < size; ++i) {
    value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  }
  return value;
}

// add_to_length adds `extra` to the `size`-octet length at `at`.
void add_to_length(std::string& bytes, std::size_t at, std::size_t size,
                   std::size_t extra) {
  std::size_t value = length_at(bytes, at, size) + extra;
  for (std::size_t i = size; i > 0; --i) {
    bytes[at + i - 1] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
}

}  // namespace

// W9: OpenSSL itself refuses a ClientHello that carries tls_flags twice,
// with illegal_parameter, before the adapter sees it. The ClientHello is
// the adapter client's own, with its tls_flags extension copied to the end
// of the extension block.
TEST_CASE("openssl.duplicate_in_client_hello", "[openssl][handshake]") {
  REQUIRE(identity().cert != nullptr);
  static const tlsflags::openssl::config kConfig = [] {
    tlsflags::openssl::config c;
    c.supported.set(kMtls);
    return c;
  }();
  endpoints e;
  REQUIRE(make_contexts(e));
  REQUIRE(tlsflags::openssl::enable(e.client_ctx, kConfig));
  REQUIRE(tlsflags::openssl::enable(e.server_ctx, kConfig));
  REQUIRE(e.ready());
  e.client_state.send(message::client_hello).set(kMtls);

  // The client's first flight: one record holding the ClientHello.
  REQUIRE(SSL_do_handshake(e.client) != 1);
  // The server's end of the BIO pair holds what the client wrote.
  char buffer[4096];
  const int n = BIO_read(SSL_get_rbio(e.server), buffer, sizeof buffer);
  REQUIRE(n > 0);
  std::string hello(buffer, static_cast<std::size_t>(n));

  // record header (5), handshake header (4), version (2), random (32),
  // session id, cipher suites, compression methods, then the extensions.
  std::size_t at = 5 + 4 + 2 + 32;
  at += 1 + length_at(hello, at, 1);
  at += 2 + length_at(hello, at, 2);
  at += 1 + length_at(hello, at, 1);
  const std::size_t extensions_length_at = at;
  const std::size_t end = at + 2 + length_at(hello, at, 2);
  REQUIRE(end == hello.size());
  std::string copy;
  for (at += 2; at + 4 <= end;) {
    const std::size_t size = 4 + length_at(hello, at + 2, 2);
    if (length_at(hello, at, 2) == tlsflags::kDefaultCodePoint) {
      copy = hello.substr(at, size);
    }
    at += size;
  }
  REQUIRE(!copy.empty());
  hello += copy;
  add_to_length(hello, 3, 2, copy.size());
  add_to_length(hello, 6, 3, copy.size());
  add_to_length(hello, extensions_length_at, 2, copy.size());

  // A fresh server receives the edited ClientHello.
  endpoints f;
  REQUIRE(make_contexts(f));
  REQUIRE(tlsflags::openssl::enable(f.server_ctx, kConfig));
  REQUIRE(f.ready());
  BIO* to_server = SSL_get_wbio(f.client);
  REQUIRE(BIO_write(to_server, hello.data(), static_cast<int>(hello.size())) ==
          static_cast<int>(hello.size()));
  const int result = SSL_do_handshake(f.server);
  CHECK(result <= 0);
  CHECK(SSL_get_error(f.server, result) == SSL_ERROR_SSL);
  CHECK_FALSE(f.server_state.client_hello_handled);

  // The alert the server sent, read from the wire: a plaintext alert
  // record, level fatal (2), illegal_parameter (47).
  char alert_record[7];
  REQUIRE(BIO_read(SSL_get_rbio(f.client), alert_record, sizeof alert_record) ==
          7);
  CHECK(alert_record[0] == 21);
  CHECK(alert_record[5] == 2);
  CHECK(alert_record[6] == static_cast<char>(alert::illegal_parameter));
}
