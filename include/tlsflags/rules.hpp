// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: rules.hpp
// -----------------------------------------------------------------------------
//
// The handshake rules: given the message a tls_flags extension arrived in,
// what this side proposed, and a registry, is the extension acceptable here,
// and if not, which alert ends the handshake? Then negotiation: which
// proposals to acknowledge, and what request_mtls asks of each side.
//
// One call per received extension:
//
//   * `check_body()` takes the received body octets: it decodes them (W2,
//     W5-W7), checks every flag (S1, S2, S4, S7, M4, M5), and returns the
//     flags or the broken rule with its alert.
//   * `check_flags()` checks flags already decoded.
//
// The rules, in the order they are checked for each flag, lowest flag first:
//
//   1. S7, M5: a flag the registry knows appears only in the messages its
//      entry lists.
//   2. S1, S4: a proposal needs no invitation. A flag the registry does not
//      know is a proposal in a proposing message, and is ignored: this side
//      does not support it.
//   3. S2, M4: every other flag acknowledges a proposal, and must be one
//      this side made in the message that the received message answers.
//
// What this side proposed (`proposed`) depends on the received message:
//
//   * ServerHello, HelloRetryRequest, EncryptedExtensions, the server's
//     Certificate and CertificateRequest: the flags the client sent in
//     ClientHello. CertificateRequest proposes flags to the client (S1) but
//     also acknowledges request_mtls (M3), and may only do so when the
//     client proposed it (M4).
//   * The client's Certificate: the flags the server sent in
//     CertificateRequest.
//   * ClientHello and NewSessionTicket answer nothing: `proposed` is not
//     read, and an empty set will do.
//
// Some rules belong to the stack that embeds the library and cannot be
// checked from a flag set: whether a Certificate message arrives at all (M6,
// M7), where a client's certificate comes from (M8), which message a flag
// document should choose (S8). The helpers at the end of this file state
// what request_mtls asks of each side; the stack acts on the answer.
//
// Every function here is constexpr and noexcept, and none allocates, throws
// or prints.

#ifndef TLSFLAGS_RULES_HPP_
#define TLSFLAGS_RULES_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>

#include "tlsflags/codec.hpp"
#include "tlsflags/config.hpp"
#include "tlsflags/error.hpp"
#include "tlsflags/flag_set.hpp"
#include "tlsflags/message.hpp"
#include "tlsflags/registry.hpp"

#if TLSFLAGS_HAS_SPAN
#include <span>
#endif

namespace tlsflags {

// check_result
//
// The outcome of `check_flags()`. On success `error` is `errc::ok`. On
// failure `error` names the broken rule, `alert_to_send` is the alert that
// ends the handshake, `rule` is the rule id ("S2", or "M4" and "M5" when the
// flag is request_mtls), and `flag` is the offending flag when one flag broke
// the rule.
struct [[nodiscard]] check_result {
  errc error = errc::ok;

  // The alert to send; meaningful only when `error` is not `errc::ok`.
  alert alert_to_send = alert::internal_error;

  // The id (docs/rules.md) of the broken rule, or "" on success.
  const char* rule = "";

  // The offending flag, for `errc::unsolicited_flag` and
  // `errc::flag_not_allowed_in_message`; no value otherwise.
  std::optional<std::size_t> flag;

  // Returns whether the extension is acceptable.
  constexpr explicit operator bool() const noexcept {
    return error == errc::ok;
  }
};

// body_check_result
//
// The outcome of `check_body()`: a `check_result`, and on success the flags
// received that are below `Capacity`. `dropped` counts flags at or above
// `Capacity`: this side cannot support them, so only a proposing message can
// carry them, and they are ignored (S4). On failure `flags` is empty and
// `dropped` is 0.
template <std::size_t Capacity>
struct [[nodiscard]] body_check_result : check_result {
  basic_flag_set<Capacity> flags;
  std::size_t dropped = 0;
};

namespace detail {

// is_request_mtls returns whether `info` is the entry of request_mtls, whose
// own rules (M4, M5) restate S2 and S7.
[[nodiscard]] constexpr bool is_request_mtls(const flag_info& info) noexcept {
  return info.name == kRequestMtlsInfo.name;
}

// failure returns the result for `error`, with its alert under `policy`.
[[nodiscard]] constexpr check_result failure(errc error,
                                             std::optional<std::size_t> flag,
                                             const char* rule,
                                             alert_policy policy) noexcept {
  check_result result;
  result.error = error;
  result.alert_to_send = alert_for(error, policy);
  result.rule = rule;
  result.flag = flag;
  return result;
}

// check_each applies the rules of the file comment to every flag of
// `received`, a flag set or a `flags_view`, and returns the first broken
// rule. Precondition: `m` is a valid message.
template <typename Flags, std::size_t P, typename Registry>
[[nodiscard]] constexpr check_result check_each(
    message m, const Flags& received, const basic_flag_set<P>& proposed,
    const Registry& registry, alert_policy policy) noexcept {
  for (std::size_t flag : received) {
    const flag_info* info = registry.find(flag);

    // S7, M5: a known flag appears only in the messages its entry lists.
    if (info != nullptr && !info->messages().contains(m)) {
      return failure(errc::flag_not_allowed_in_message, flag,
                     is_request_mtls(*info) ? "M5" : "S7", policy);
    }

    // S1, S4: a proposal needs no invitation; an unknown flag in a proposing
    // message is a proposal this side does not support, and is ignored.
    const bool proposal =
        info != nullptr ? info->proposed_in.contains(m) : is_proposing(m);
    if (proposal) {
      continue;
    }

    // S2, M4: anything else acknowledges a flag this side proposed.
    if (!proposed.test(flag)) {
      return failure(errc::unsolicited_flag, flag,
                     info != nullptr && is_request_mtls(*info) ? "M4" : "S2",
                     policy);
    }
  }
  return check_result{};
}

}  // namespace detail

// check_flags
//
// Checks the flags `received` in message `received_in` against the rules of
// the file comment, with `proposed` what this side proposed in the message
// that `received_in` answers (see the file comment), and `registry` the
// flags this side knows. Returns success, or the first broken rule for the
// lowest offending flag with the alert `policy` maps it to. A value of
// `received_in` outside the enumeration fails with `errc::unknown_message`.
//
// Example (a client, on EncryptedExtensions):
//
//   using tlsflags::message;
//   auto result = tlsflags::check_flags(message::encrypted_extensions,
//                                       received, client_hello_flags);
//   if (!result) {
//     return result.alert_to_send;  // illegal_parameter
//   }
template <std::size_t C, std::size_t P, typename Registry = builtin_registry>
[[nodiscard]] constexpr check_result check_flags(
    message received_in, const basic_flag_set<C>& received,
    const basic_flag_set<P>& proposed,
    const Registry& registry = kBuiltinRegistry,
    alert_policy policy = alert_policy::rfc8446) noexcept {
  // W10: only the messages of `message` carry tls_flags.
  if (!is_valid_message(received_in)) {
    return detail::failure(errc::unknown_message, std::nullopt,
                           error_rule(errc::unknown_message), policy);
  }
  return detail::check_each(received_in, received, proposed, registry, policy);
}

// check_body
//
// Decodes the received body `[body, body + size)` and checks it as
// `check_flags()` does, in one call: from the octets of a tls_flags
// `extension_data` to "accepted" or the alert to send. The checks, in order:
// `received_in` is a valid message (W10); the body is well formed (W2,
// W5-W7, reported with the codec's error); every flag it carries, whatever
// `Capacity`, obeys the rules (S1, S2, S4, S7, M4, M5). On success `flags`
// holds the received flags below `Capacity` and `dropped` counts the others,
// which only a proposing message can carry (S4).
//
// `proposed` fits in `Capacity` (a static_assert says so), so a responding
// message that carries a flag at or above `Capacity` fails with
// `errc::unsolicited_flag`. `body` may be null when `size` is 0.
//
// Example (a server, on ClientHello):
//
//   auto result = tlsflags::check_body<128>(tlsflags::message::client_hello,
//                                          body, size,
//                                          tlsflags::basic_flag_set<128>{});
//   if (!result) {
//     return result.alert_to_send;
//   }
//   bool hint = result.flags.test(tlsflags::kRequestMtls);
template <std::size_t Capacity, std::size_t P,
          typename Registry = builtin_registry>
[[nodiscard]] constexpr body_check_result<Capacity> check_body(
    message received_in, const std::uint8_t* body, std::size_t size,
    const basic_flag_set<P>& proposed,
    const Registry& registry = kBuiltinRegistry,
    alert_policy policy = alert_policy::rfc8446) noexcept {
  static_assert(P <= Capacity,
                "the flags received must be stored in a set at least as "
                "large as the proposal they may acknowledge");
  body_check_result<Capacity> result;
  check_result& checked = result;

  // W10: only the messages of `message` carry tls_flags.
  if (!is_valid_message(received_in)) {
    checked = detail::failure(errc::unknown_message, std::nullopt,
                              error_rule(errc::unknown_message), policy);
    return result;
  }

  // W2, W5-W7: the body itself.
  const view_result parsed = parse_view(body, size);
  if (!parsed) {
    checked = detail::failure(parsed.error, std::nullopt,
                              error_rule(parsed.error), policy);
    return result;
  }

  // S1, S2, S4, S7, M4, M5: every flag of the vector, above `Capacity` too.
  checked =
      detail::check_each(received_in, parsed.view, proposed, registry, policy);
  if (!checked) {
    return result;
  }

  // S4: a flag that does not fit is one this side cannot support: counted,
  // and otherwise ignored.
  const decode_result<Capacity> stored =
      parsed.view.template to_set<Capacity>(capacity_policy::drop);
  result.flags = stored.flags;
  result.dropped = stored.dropped;
  return result;
}

#if TLSFLAGS_HAS_SPAN
// check_body for a `std::span`, with the same contract as above.
template <std::size_t Capacity, std::size_t P,
          typename Registry = builtin_registry>
[[nodiscard]] constexpr body_check_result<Capacity> check_body(
    message received_in, std::span<const std::uint8_t> body,
    const basic_flag_set<P>& proposed,
    const Registry& registry = kBuiltinRegistry,
    alert_policy policy = alert_policy::rfc8446) noexcept {
  return check_body<Capacity>(received_in, body.data(), body.size(), proposed,
                              registry, policy);
}
#endif

// acknowledge
//
// Returns the flags to send in `acknowledge_in`, a message that answers the
// one that carried `proposals` (see `answers()`): each proposal that this
// side `supported` and whose registry entry lists `acknowledge_in` among the
// messages it is acknowledged in (S3). A flag the registry does not know is
// never acknowledged, nor one that is never acknowledged (its document asks
// for no answer, as resumption_across_names). The result passes
// `check_flags()` at the peer.
//
// Example (a server choosing what to echo in CertificateRequest):
//
//   auto echo = tlsflags::acknowledge(client_hello_flags, supported,
//                                     tlsflags::message::certificate_request);
template <std::size_t C, std::size_t S, typename Registry = builtin_registry>
[[nodiscard]] constexpr basic_flag_set<C> acknowledge(
    const basic_flag_set<C>& proposals, const basic_flag_set<S>& supported,
    message acknowledge_in,
    const Registry& registry = kBuiltinRegistry) noexcept {
  basic_flag_set<C> out;
  for (std::size_t flag : proposals) {
    const flag_info* info = registry.find(flag);
    if (supported.test(flag) && info != nullptr &&
        info->acknowledged_in.contains(acknowledge_in)) {
      out.set(flag);
    }
  }
  return out;
}

// server_mtls_options
//
// How a server treats client certificates, for `server_mtls_decision()`.
struct server_mtls_options {
  // Whether the server accepts the request_mtls hint: it requests a
  // certificate from clients that send it (M2) and says so by echoing the
  // flag in CertificateRequest (M3).
  bool accept_hint = true;

  // Whether the server requests a certificate from every client for reasons
  // of its own. Such a CertificateRequest does not carry the flag unless the
  // hint was accepted (M3).
  bool always_request = false;
};

// mtls_decision
//
// What a server does after a ClientHello, for request_mtls.
struct mtls_decision {
  // Send a CertificateRequest (M2, M3).
  bool request_certificate = false;

  // Set request_mtls in that CertificateRequest's tls_flags (M3). Never true
  // unless the ClientHello carried the flag (M4).
  bool echo_flag = false;

  // The client sent the hint and the server requests a certificate: if the
  // client then sends an empty Certificate, the server may end the handshake
  // with a bad_certificate alert (M7). The stack sees the Certificate
  // message; the library does not.
  bool may_reject_empty_certificate = false;
};

// server_mtls_decision
//
// Returns what a server with `options` does about client authentication
// after a ClientHello whose checked flags are `client_hello_flags`.
// request_mtls is found in `registry` by name, so that a registry that gives
// it another value (once IANA assigns one) is followed; a registry without
// it means no client sends the hint.
template <std::size_t C, typename Registry = builtin_registry>
[[nodiscard]] constexpr mtls_decision server_mtls_decision(
    const basic_flag_set<C>& client_hello_flags,
    server_mtls_options options = {},
    const Registry& registry = kBuiltinRegistry) noexcept {
  const flag_info* info = registry.find(kRequestMtlsInfo.name);
  const bool hint = info != nullptr && client_hello_flags.test(info->value);
  mtls_decision decision;
  decision.echo_flag = hint && options.accept_hint;
  decision.request_certificate = decision.echo_flag || options.always_request;
  decision.may_reject_empty_certificate = hint && decision.request_certificate;
  return decision;
}

// mtls_obligations
//
// What request_mtls asks of a client that received a CertificateRequest.
struct mtls_obligations {
  // The CertificateRequest echoes request_mtls: the server asks because of
  // the hint, not for reasons of its own (M3), and the client may choose its
  // certificate for that purpose.
  bool hint_accepted = false;

  // The client must answer with a Certificate message, empty when no
  // certificate fits, and should not end the handshake in anticipation of a
  // certificate_required alert (M6). A CertificateRequest whose
  // certificate_authorities or signature_algorithms the client cannot
  // satisfy is still a reason to end it. False when the client sent no hint:
  // request_mtls then asks nothing beyond RFC 8446.
  bool must_answer = false;
};

// client_mtls_obligations
//
// Returns what request_mtls asks of a client that sent `client_hello_flags`
// and then received a CertificateRequest carrying `certificate_request_flags`
// (empty when it carried no tls_flags), both already checked. The hint
// promises to handle a CertificateRequest gracefully (M1), and an echoed
// flag makes it a must (M6); a CertificateRequest without the flag, as -01
// servers send, is answered the same way. request_mtls is found in
// `registry` by name, as in `server_mtls_decision()`.
template <std::size_t A, std::size_t B, typename Registry = builtin_registry>
[[nodiscard]] constexpr mtls_obligations client_mtls_obligations(
    const basic_flag_set<A>& client_hello_flags,
    const basic_flag_set<B>& certificate_request_flags,
    const Registry& registry = kBuiltinRegistry) noexcept {
  const flag_info* info = registry.find(kRequestMtlsInfo.name);
  const bool sent = info != nullptr && client_hello_flags.test(info->value);
  mtls_obligations obligations;
  obligations.hint_accepted =
      sent && certificate_request_flags.test(info->value);
  obligations.must_answer = sent;
  return obligations;
}

}  // namespace tlsflags

#endif  // TLSFLAGS_RULES_HPP_
