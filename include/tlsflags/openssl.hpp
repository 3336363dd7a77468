// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: openssl.hpp
// -----------------------------------------------------------------------------
//
// The adapter for OpenSSL 3: tls_flags as an OpenSSL custom extension, in
// real TLS 1.3 handshakes, for clients and servers. Optional: only this
// header includes OpenSSL, and the umbrella header does not include it.
//
// What the adapter does, side by side:
//
//   * Client: sends the flags the caller chose in ClientHello (empty: no
//     extension, W4), and checks every tls_flags extension OpenSSL hands
//     over (ServerHello, HelloRetryRequest, EncryptedExtensions,
//     CertificateRequest, the server's Certificate, NewSessionTicket)
//     against the rules of rules.hpp, with what it proposed.
//   * Server: reads the ClientHello flags in a ClientHello callback, before
//     any certificate decision; decides about request_mtls
//     (`server_mtls_decision()`): requests a certificate (M2) and echoes
//     the flag in CertificateRequest only when the client proposed it and
//     the server accepts it (M3, M4); acknowledges what it supports where
//     the registry says (S3); checks the client's Certificate against what
//     its CertificateRequest proposed; proposes the caller's flags in
//     NewSessionTicket.
//   * Either side: a broken rule ends the handshake with the alert the
//     check names (`check_result::alert_to_send`): OpenSSL sends it and the
//     peer sees it. The broken rule is kept in the connection's state.
//
// Setup, once per SSL_CTX, and once per connection:
//
//   static const tlsflags::openssl::config kConfig = [] {
//     tlsflags::openssl::config c;
//     c.supported.set(tlsflags::kRequestMtls);  // a server accepting hints
//     return c;
//   }();
//   if (!tlsflags::openssl::enable(ctx, kConfig)) { ... }
//   ...
//   tlsflags::openssl::connection_state state;  // outlives `ssl`
//   if (!tlsflags::openssl::attach(ssl, &state)) { ... }
//
// Lifetimes: a `config` outlives every SSL_CTX it was given to and every
// SSL made from them; a `connection_state` outlives its SSL, or is detached
// (`attach(ssl, nullptr)`) first. The adapter owns nothing, allocates
// nothing and prints nothing. It obtains one ex_data index from OpenSSL,
// once per process (`state_index()`).
//
// The adapter checks flags against the built-in registry
// (`kBuiltinRegistry`), keeps flags below `kCapacity`, and ignores flags at
// or above it in proposing messages, where they are unknown to this side
// (S4).
//
// What OpenSSL does itself: it refuses a ClientHello that carries an
// extension type twice with illegal_parameter before any callback here
// runs (W9); a server adds tls_flags to ServerHello, HelloRetryRequest,
// EncryptedExtensions and its Certificate only for a client that sent it;
// a client answers every CertificateRequest with a Certificate message,
// empty when it has no certificate (M6).

#ifndef TLSFLAGS_OPENSSL_HPP_
#define TLSFLAGS_OPENSSL_HPP_

#include <openssl/opensslv.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>

#include "tlsflags/codec.hpp"
#include "tlsflags/config.hpp"
#include "tlsflags/error.hpp"
#include "tlsflags/extension.hpp"
#include "tlsflags/flag_set.hpp"
#include "tlsflags/message.hpp"
#include "tlsflags/registry.hpp"
#include "tlsflags/rules.hpp"

#if !defined(OPENSSL_VERSION_MAJOR) || OPENSSL_VERSION_MAJOR < 3
#error "tlsflags/openssl.hpp requires OpenSSL 3"
#endif

namespace tlsflags {
namespace openssl {

// kCapacity is the number of flags the adapter keeps per message: flags 0
// to 127, request_mtls (80) among them.
inline constexpr std::size_t kCapacity = 128;

// connection_flags is the flag set the adapter keeps per message.
using connection_flags = basic_flag_set<kCapacity>;

// kContexts is the OpenSSL extension context tls_flags is registered with:
// TLS 1.3 only, in every message of W10.
inline constexpr unsigned int kContexts =
    SSL_EXT_TLS1_3_ONLY | SSL_EXT_CLIENT_HELLO | SSL_EXT_TLS1_3_SERVER_HELLO |
    SSL_EXT_TLS1_3_HELLO_RETRY_REQUEST | SSL_EXT_TLS1_3_ENCRYPTED_EXTENSIONS |
    SSL_EXT_TLS1_3_CERTIFICATE_REQUEST | SSL_EXT_TLS1_3_CERTIFICATE |
    SSL_EXT_TLS1_3_NEW_SESSION_TICKET;

// message_for_context
//
// Returns the message that an OpenSSL extension `context`, as passed to a
// custom extension callback, names when `sender` sends it: the
// Certificate context is `client_certificate` when the client sends it and
// `server_certificate` when the server does. Returns no value for a context
// that names no message of W10 (TLS 1.2 messages among them).
[[nodiscard]] constexpr std::optional<message> message_for_context(
    unsigned int context, side sender) noexcept {
  if ((context & SSL_EXT_CLIENT_HELLO) != 0) {
    return message::client_hello;
  }
  if ((context & SSL_EXT_TLS1_3_HELLO_RETRY_REQUEST) != 0) {
    return message::hello_retry_request;
  }
  if ((context & SSL_EXT_TLS1_3_SERVER_HELLO) != 0) {
    return message::server_hello;
  }
  if ((context & SSL_EXT_TLS1_3_ENCRYPTED_EXTENSIONS) != 0) {
    return message::encrypted_extensions;
  }
  if ((context & SSL_EXT_TLS1_3_CERTIFICATE_REQUEST) != 0) {
    return message::certificate_request;
  }
  if ((context & SSL_EXT_TLS1_3_CERTIFICATE) != 0) {
    return sender == side::client ? message::client_certificate
                                  : message::server_certificate;
  }
  if ((context & SSL_EXT_TLS1_3_NEW_SESSION_TICKET) != 0) {
    return message::new_session_ticket;
  }
  return std::nullopt;
}

namespace detail {
struct state_access;
}  // namespace detail

// config
//
// What one endpoint does with tls_flags, shared by every connection of the
// SSL_CTX it is given to. It must outlive them; the adapter only reads it.
struct config {
  // The extension type of tls_flags (W1): 62 by default, 0xfe01 for
  // Cloudflare's deployment. Both peers must agree; a peer using another
  // code point is a peer that does not send tls_flags.
  std::uint16_t code_point = kDefaultCodePoint;

  // How broken rules map to alerts.
  alert_policy policy = alert_policy::rfc8446;

  // The flags this side supports. A proposal of one of them is
  // acknowledged in the messages its registry entry names (S3). On a
  // server, request_mtls here means that the server accepts the hint: it
  // requests a certificate from a client that sends it (M2) and echoes it
  // in CertificateRequest (M3).
  connection_flags supported;

  // Server only (M7): end the handshake with bad_certificate when a client
  // that sent request_mtls answers the CertificateRequest with an empty
  // Certificate. The check runs when the server builds its first
  // NewSessionTicket, the first message OpenSSL lets a callback fail after
  // the client's Certificate; a server that sends no ticket
  // (`SSL_CTX_set_num_tickets(ctx, 0)`) checks
  // `flagged_without_certificate()` itself after the handshake.
  bool reject_flagged_without_certificate = false;
};

// connection_state
//
// The tls_flags state of one connection: what this side sends, what it
// sent and received, the request_mtls decision and, when the adapter ended
// the handshake, why. The caller owns it and attaches it to its SSL with
// `attach()` before the handshake; it must outlive the SSL or be detached
// first. One state serves one handshake.
struct connection_state {
  // send returns the flags this side sends in `m`; empty leaves the
  // extension out (W4). The caller sets, before the handshake, the client's
  // ClientHello proposals (request_mtls only when a certificate is directly
  // available, M8) and the server's NewSessionTicket proposals. The adapter
  // fills in the acknowledgements: the server's on each ClientHello, the
  // client's Certificate on CertificateRequest. A caller that changes them
  // afterwards (from its own ClientHello callback, after
  // `handle_client_hello()`) sends what it set, and the peer checks it.
  [[nodiscard]] connection_flags& send(message m) noexcept {
    return send_[index(m)];
  }

  [[nodiscard]] const connection_flags& send(message m) const noexcept {
    return send_[index(m)];
  }

  // sent returns the flags this side put on the wire in `m`; see `sent_in`.
  [[nodiscard]] const connection_flags& sent(message m) const noexcept {
    return sent_[index(m)];
  }

  // received returns the checked flags received in `m` (those below
  // `kCapacity`), all of them when `m` arrived more than once (several
  // NewSessionTickets, several certificates in a Certificate); see
  // `received_in`.
  [[nodiscard]] const connection_flags& received(message m) const noexcept {
    return received_[index(m)];
  }

  // acknowledged returns the flags the peer acknowledged: those received
  // in a message that answers one this side sent, and proposed there (S2,
  // S3). For a client, request_mtls here means the server accepted the
  // hint (M3).
  [[nodiscard]] connection_flags acknowledged() const noexcept {
    connection_flags out;
    for (message m : received_in) {
      const std::optional<message> answered = answers(m);
      if (answered && sent_in.contains(*answered)) {
        out |= received(m) & sent(*answered);
      }
    }
    return out;
  }

  // A test aid, client only: when not null, ClientHello carries the
  // `raw_client_hello_size` octets at `raw_client_hello` as the tls_flags
  // body instead of the encoding of `send(message::client_hello)`, so that
  // tests can send bodies that break W2-W7. They must outlive the
  // handshake. What the server's answers are checked against is the flags
  // of this body when it is valid, and none otherwise.
  const std::uint8_t* raw_client_hello = nullptr;
  std::size_t raw_client_hello_size = 0;

  // The messages this side sent tls_flags in, and received tls_flags in.
  message_set sent_in;
  message_set received_in;

  // Server: the number of ClientHello messages handled (2 after a
  // HelloRetryRequest), the request_mtls decision of the last one, and
  // whether OpenSSL built a CertificateRequest.
  int client_hellos = 0;
  mtls_decision decision;
  bool certificate_request_sent = false;

  // Client: what request_mtls asks after a CertificateRequest that carried
  // tls_flags (M6).
  mtls_obligations obligations;

  // Why the adapter ended the handshake: `failure.error` is `errc::ok`
  // while it has not, and otherwise names the broken rule, with the alert
  // sent and the offending flag; `failure_in` is the message it was
  // received in (or, for M7, the message the server was building).
  check_result failure;
  message failure_in = message::client_hello;

  // Server: the adapter has handled a ClientHello of this connection, in
  // the ClientHello callback or, without one, in the parse callback.
  bool client_hello_handled = false;

  // Space for the body the adapter hands to OpenSSL, which copies it at
  // once.
  std::uint8_t body_buffer[1 + kMaxVectorSize] = {};

 private:
  friend struct detail::state_access;

  static constexpr std::size_t index(message m) noexcept {
    const auto i = static_cast<std::size_t>(m);
    return i < kMessageCount ? i : 0;
  }

  connection_flags send_[kMessageCount];
  connection_flags sent_[kMessageCount];
  connection_flags received_[kMessageCount];
};

namespace detail {

// state_access records what the callbacks saw in a state. Not part of the
// public API.
struct state_access {
  static void record_sent(connection_state& state, message m,
                          const connection_flags& flags) noexcept {
    state.sent_[connection_state::index(m)] = flags;
    state.sent_in.insert(m);
  }

  static void record_received(connection_state& state, message m,
                              const connection_flags& flags) noexcept {
    connection_flags& slot = state.received_[connection_state::index(m)];
    // A Certificate message carries one extension block per certificate.
    if (state.received_in.contains(m)) {
      slot |= flags;
    } else {
      slot = flags;
    }
    state.received_in.insert(m);
  }
};

}  // namespace detail

// state_index returns the ex_data index under which connections hold their
// `connection_state`, obtained from OpenSSL on first use, or -1 if OpenSSL
// could not provide one (and every later call returns -1 too).
[[nodiscard]] inline int state_index() noexcept {
  static const int kIndex =
      SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return kIndex;
}

// attach makes `state` the tls_flags state of `ssl`, or detaches the
// current one when `state` is null. Returns false when OpenSSL refused;
// the connection then has no state. Call it before the handshake.
//
// A connection without a state sends no tls_flags, requests no
// certificate because of a hint, and still checks every tls_flags
// extension it receives, as if it had proposed nothing.
[[nodiscard]] inline bool attach(SSL* ssl, connection_state* state) noexcept {
  const int index = state_index();
  return index >= 0 && SSL_set_ex_data(ssl, index, state) == 1;
}

// state_of returns the state attached to `ssl`, or null.
[[nodiscard]] inline connection_state* state_of(const SSL* ssl) noexcept {
  const int index = state_index();
  if (index < 0) {
    return nullptr;
  }
  return static_cast<connection_state*>(SSL_get_ex_data(ssl, index));
}

// flagged_without_certificate returns whether the M7 condition holds on a
// server after the client's Certificate: the client sent request_mtls,
// the server sent a CertificateRequest, and the client's Certificate was
// empty.
[[nodiscard]] inline bool flagged_without_certificate(
    const SSL* ssl, const connection_state& state) noexcept {
  return state.decision.may_reject_empty_certificate &&
         state.certificate_request_sent &&
         SSL_get0_peer_certificate(ssl) == nullptr;
}

namespace detail {

// proposal_for returns what this side proposed in the message that `m`
// answers, as it went on the wire; empty when `m` answers nothing or this
// side sent no tls_flags there.
[[nodiscard]] inline connection_flags proposal_for(
    const connection_state* state, message m) noexcept {
  const std::optional<message> answered = answers(m);
  if (state == nullptr || !answered || !state->sent_in.contains(*answered)) {
    return connection_flags{};
  }
  return state->sent(*answered);
}

inline void record_failure(connection_state* state, const check_result& result,
                           message m) noexcept {
  if (state != nullptr) {
    state->failure = result;
    state->failure_in = m;
  }
}

// process_client_hello checks a ClientHello's tls_flags body (`present`
// false when it has none) and, with a state, makes the server's decisions.
// Returns 1, or 0 with the alert in `*al`.
inline int process_client_hello(SSL* ssl, const config& cfg,
                                connection_state* state, bool present,
                                const std::uint8_t* body, std::size_t size,
                                int* al) noexcept {
  connection_flags proposals;
  if (present) {
    // S1, S4, S7, M5, and W2-W7 for the body: ClientHello proposes.
    const body_check_result<kCapacity> result =
        check_body<kCapacity>(message::client_hello, body, size,
                              connection_flags{}, kBuiltinRegistry, cfg.policy);
    if (!result) {
      record_failure(state, result, message::client_hello);
      *al = static_cast<int>(result.alert_to_send);
      return 0;
    }
    proposals = result.flags;
  }
  if (state == nullptr) {
    return 1;
  }
  ++state->client_hellos;
  state->client_hello_handled = true;
  if (present) {
    state_access::record_received(*state, message::client_hello, proposals);
  }

  // M2, M3: a certificate is requested for the hint when the server
  // accepts it, or for reasons of its own when its verify mode already
  // asks every client.
  server_mtls_options options;
  options.accept_hint = cfg.supported.test(kRequestMtls);
  options.always_request = (SSL_get_verify_mode(ssl) & SSL_VERIFY_PEER) != 0;
  state->decision = server_mtls_decision(proposals, options);

  // S3: acknowledge each supported proposal where its entry says.
  for (message m : {message::server_hello, message::hello_retry_request,
                    message::encrypted_extensions, message::certificate_request,
                    message::server_certificate}) {
    state->send(m) = acknowledge(proposals, cfg.supported, m);
  }

  // M3, M4: request_mtls in CertificateRequest only when accepted, which
  // needs the client's proposal.
  if (!state->decision.echo_flag) {
    state->send(message::certificate_request).reset(kRequestMtls);
  }
  if (state->decision.request_certificate) {
    SSL_set_verify(ssl, SSL_get_verify_mode(ssl) | SSL_VERIFY_PEER,
                   SSL_get_verify_callback(ssl));
  }
  return 1;
}

// add_callback is the SSL_custom_ext_add_cb_ex of tls_flags: it hands
// OpenSSL the body to send in the message `context` names, or returns 0 to
// leave the extension out.
inline int add_callback(SSL* ssl, unsigned int /*ext_type*/,
                        unsigned int context, const unsigned char** out,
                        std::size_t* outlen, X509* /*x*/, std::size_t chainidx,
                        int* al, void* add_arg) noexcept {
  const auto* cfg = static_cast<const config*>(add_arg);
  connection_state* state = state_of(ssl);
  const side own = SSL_is_server(ssl) == 1 ? side::server : side::client;
  const std::optional<message> m = message_for_context(context, own);
  if (cfg == nullptr || state == nullptr || !m || sender(*m) != own) {
    return 0;
  }
  if (*m == message::certificate_request) {
    state->certificate_request_sent = true;
  }

  // M7: the server's first NewSessionTicket follows the client's
  // Certificate and Finished; this is the server's last chance to end the
  // handshake.
  if (*m == message::new_session_ticket &&
      cfg->reject_flagged_without_certificate &&
      flagged_without_certificate(ssl, *state)) {
    check_result result;
    result.error = errc::empty_client_certificate;
    result.alert_to_send = alert_for(result.error, cfg->policy);
    result.rule = error_rule(result.error);
    record_failure(state, result, *m);
    *al = static_cast<int>(result.alert_to_send);
    return -1;
  }

  // A Certificate message carries one extension block per certificate; the
  // flags go with the first.
  if ((*m == message::server_certificate ||
       *m == message::client_certificate) &&
      chainidx != 0) {
    return 0;
  }

  if (*m == message::client_hello && state->raw_client_hello != nullptr) {
    const decode_result<kCapacity> flags =
        decode<kCapacity>(state->raw_client_hello, state->raw_client_hello_size,
                          capacity_policy::drop);
    state_access::record_sent(*state, *m, flags.flags);
    *out = state->raw_client_hello;
    *outlen = state->raw_client_hello_size;
    return 1;
  }

  // W4: an empty set is not sent.
  const connection_flags& flags = state->send(*m);
  const encode_result encoded =
      encode(flags, state->body_buffer, sizeof state->body_buffer);
  if (!encoded) {
    return 0;
  }
  state_access::record_sent(*state, *m, flags);
  *out = state->body_buffer;
  *outlen = encoded.size;
  return 1;
}

// parse_callback is the SSL_custom_ext_parse_cb_ex of tls_flags: it checks
// the body received in the message `context` names against what this side
// proposed, and fails with the alert of the broken rule.
inline int parse_callback(SSL* ssl, unsigned int /*ext_type*/,
                          unsigned int context, const unsigned char* in,
                          std::size_t inlen, X509* /*x*/,
                          std::size_t /*chainidx*/, int* al,
                          void* parse_arg) noexcept {
  const auto* cfg = static_cast<const config*>(parse_arg);
  connection_state* state = state_of(ssl);
  const side peer = SSL_is_server(ssl) == 1 ? side::client : side::server;
  const std::optional<message> m = message_for_context(context, peer);
  if (cfg == nullptr || !m || sender(*m) != peer) {
    *al = static_cast<int>(alert::internal_error);
    return 0;
  }

  // The ClientHello callback has checked this body already; without one,
  // this is where the server decides.
  if (*m == message::client_hello) {
    if (state != nullptr && state->client_hello_handled) {
      return 1;
    }
    return process_client_hello(ssl, *cfg, state, true, in, inlen, al);
  }

  // W2-W7, S1, S2, S4, S7, M4, M5, against what this side proposed in the
  // message that `m` answers.
  const body_check_result<kCapacity> result = check_body<kCapacity>(
      *m, in, inlen, proposal_for(state, *m), kBuiltinRegistry, cfg->policy);
  if (!result) {
    record_failure(state, result, *m);
    *al = static_cast<int>(result.alert_to_send);
    return 0;
  }
  if (state == nullptr) {
    return 1;
  }
  state_access::record_received(*state, *m, result.flags);

  // The client's Certificate answers CertificateRequest: acknowledge what
  // it supports there (S3), and note what request_mtls asks (M6).
  if (*m == message::certificate_request) {
    state->send(message::client_certificate) =
        acknowledge(result.flags, cfg->supported, message::client_certificate);
    state->obligations = client_mtls_obligations(
        proposal_for(state, message::certificate_request), result.flags);
  }
  return 1;
}

}  // namespace detail

// handle_client_hello
//
// The server's work on a ClientHello, for a ClientHello callback: reads the
// tls_flags body under `cfg.code_point` with `SSL_client_hello_get0_ext()`,
// checks it, and, when `ssl` has a state, records the flags and decides:
// requests a certificate with `SSL_set_verify()` (M2), plans the
// acknowledgements, request_mtls in CertificateRequest included (M3, M4).
// Returns `SSL_CLIENT_HELLO_SUCCESS`, or `SSL_CLIENT_HELLO_ERROR` with the
// alert to send in `*al`.
//
// `enable()` installs a ClientHello callback that calls it. An application
// with a ClientHello callback of its own uses `add_extension()` instead and
// calls this from its callback. Without either, the extension's parse
// callback makes the same decision when the ClientHello carries tls_flags,
// still before OpenSSL 3 decides on a CertificateRequest; the ClientHello
// callback is the place OpenSSL documents for such decisions.
[[nodiscard]] inline int handle_client_hello(SSL* ssl, const config& cfg,
                                             int* al) noexcept {
  const unsigned char* body = nullptr;
  std::size_t size = 0;
  const bool present =
      SSL_client_hello_get0_ext(ssl, cfg.code_point, &body, &size) == 1;
  return detail::process_client_hello(ssl, cfg, state_of(ssl), present, body,
                                      size, al) == 1
             ? SSL_CLIENT_HELLO_SUCCESS
             : SSL_CLIENT_HELLO_ERROR;
}

namespace detail {

inline int client_hello_callback(SSL* ssl, int* al, void* arg) noexcept {
  const auto* cfg = static_cast<const config*>(arg);
  if (cfg == nullptr) {
    *al = static_cast<int>(alert::internal_error);
    return SSL_CLIENT_HELLO_ERROR;
  }
  return handle_client_hello(ssl, *cfg, al);
}

}  // namespace detail

// add_extension registers tls_flags under `cfg.code_point` on `ctx`, for
// connections of either side, with `kContexts`. Returns false when OpenSSL
// refuses: a code point OpenSSL handles itself, or one already registered
// on `ctx`. `cfg` must outlive `ctx` and its connections.
[[nodiscard]] inline bool add_extension(SSL_CTX* ctx,
                                        const config& cfg) noexcept {
  void* arg = const_cast<config*>(&cfg);
  return state_index() >= 0 &&
         SSL_CTX_add_custom_ext(ctx, cfg.code_point, kContexts,
                                detail::add_callback, nullptr, arg,
                                detail::parse_callback, arg) == 1;
}

// enable registers tls_flags on `ctx` (`add_extension()`) and installs a
// ClientHello callback that calls `handle_client_hello()`, replacing any
// other. Clients need only the extension; the callback never runs for
// them. Returns false when the extension could not be registered.
[[nodiscard]] inline bool enable(SSL_CTX* ctx, const config& cfg) noexcept {
  if (!add_extension(ctx, cfg)) {
    return false;
  }
  SSL_CTX_set_client_hello_cb(ctx, detail::client_hello_callback,
                              const_cast<config*>(&cfg));
  return true;
}

}  // namespace openssl
}  // namespace tlsflags

#endif  // TLSFLAGS_OPENSSL_HPP_
