// request_mtls_server: a TLS 1.3 server on 127.0.0.1 that honours the
// request_mtls flag through the OpenSSL adapter (tlsflags/openssl.hpp). A
// client that sends the flag is asked for a certificate and sees the flag
// echoed in CertificateRequest; a client that does not is not asked.
//
//   request_mtls_server --port N --cert FILE --key FILE --ca FILE [options]
//
// It prints {"listening": PORT} once bound (--port 0 picks a free port),
// then one JSON line per connection:
//
//   {"peer_flags": [80], "requested_certificate": true,
//    "client_certificate": "CN=client" or null, "alert": null or "<name>",
//    "alert_sender": null, "server" or "client", "rule": null or "<id>",
//    "outcome": "ok" or "failed", "hello_retry_request": false}
//
// "peer_flags" are the ClientHello flags; "rule" is the rule the adapter
// found broken when the server ended the handshake; "outcome" says whether
// the handshake completed.
//
// Options:
//   --codepoint N       the tls_flags code point (62; 0xfe01 for
//                       Cloudflare's deployment)
//   --connections N     exit after N connections (0, the default: never)
//   --require-certificate-when-flagged
//                       M7: end the handshake with bad_certificate when a
//                       client that sent the flag sends no certificate
//   --always-request    ask every client for a certificate (M3: the flag is
//                       echoed only to clients that sent it)
//   --ignore-hint       do not support request_mtls (M2: the server may)
//   --ticket-flags LIST flags to propose in NewSessionTicket
//   --groups LIST       the key exchange groups (P-256 provokes a
//                       HelloRetryRequest from OpenSSL's default client)
//   --alert-policy P    rfc8446 (default) or draft-literal
//   --idle-timeout S    exit with status 1 when no client comes for S
//                       seconds (30)
//
// Test aid, which breaks the rules on purpose so that tests can watch a
// client catch it:
//   --echo LIST         put LIST into CertificateRequest and
//                       EncryptedExtensions whatever the client proposed,
//                       and request a certificate. OpenSSL adds the
//                       EncryptedExtensions copy only for a client that
//                       sent tls_flags.

#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "common.hpp"
#include "tlsflags/openssl.hpp"

namespace {

using request_mtls::connection;
using tlsflags::message;
using tlsflags::openssl::connection_flags;

struct options {
  std::optional<unsigned long> port;
  std::string cert;
  std::string key;
  std::string ca;
  unsigned long connections = 0;
  unsigned long idle_timeout = 30;
  bool always_request = false;
  std::string groups;
  connection_flags ticket_flags;
  std::optional<connection_flags> echo;

  // What the adapter needs; it reads this for the life of the SSL_CTX.
  tlsflags::openssl::config flags;
};

void usage() {
  std::fprintf(stderr,
               "usage: request_mtls_server --port N --cert FILE --key FILE "
               "--ca FILE\n"
               "  [--codepoint N] [--connections N] "
               "[--require-certificate-when-flagged]\n"
               "  [--always-request] [--ignore-hint] [--ticket-flags LIST] "
               "[--groups LIST]\n"
               "  [--alert-policy rfc8446|draft-literal] [--idle-timeout S] "
               "[--echo LIST]\n");
}

std::optional<options> parse_options(int argc, char** argv) {
  options opt;
  opt.flags.supported.set(tlsflags::kRequestMtls);
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (name == "--require-certificate-when-flagged") {
      opt.flags.reject_flagged_without_certificate = true;
      continue;
    }
    if (name == "--always-request") {
      opt.always_request = true;
      continue;
    }
    if (name == "--ignore-hint") {
      opt.flags.supported.reset(tlsflags::kRequestMtls);
      continue;
    }
    if (i + 1 >= argc) {
      return std::nullopt;
    }
    const std::string value = argv[++i];
    if (name == "--port") {
      opt.port = request_mtls::parse_number(value, 65535);
      if (!opt.port) {
        return std::nullopt;
      }
    } else if (name == "--cert") {
      opt.cert = value;
    } else if (name == "--key") {
      opt.key = value;
    } else if (name == "--ca") {
      opt.ca = value;
    } else if (name == "--codepoint") {
      const auto code_point = request_mtls::parse_code_point(value);
      if (!code_point) {
        return std::nullopt;
      }
      opt.flags.code_point = *code_point;
    } else if (name == "--connections" || name == "--idle-timeout") {
      const auto number = request_mtls::parse_number(value, 1000000);
      if (!number) {
        return std::nullopt;
      }
      (name == "--connections" ? opt.connections : opt.idle_timeout) = *number;
    } else if (name == "--ticket-flags" || name == "--echo") {
      const auto list = request_mtls::parse_flags(value);
      if (!list) {
        return std::nullopt;
      }
      if (name == "--echo") {
        opt.echo = *list;
      } else {
        opt.ticket_flags = *list;
      }
    } else if (name == "--groups") {
      opt.groups = value;
    } else if (name == "--alert-policy") {
      const auto policy = request_mtls::parse_alert_policy(value);
      if (!policy) {
        return std::nullopt;
      }
      opt.flags.policy = *policy;
    } else {
      return std::nullopt;
    }
  }
  if (!opt.port || opt.cert.empty() || opt.key.empty() || opt.ca.empty()) {
    return std::nullopt;
  }
  return opt;
}

// echo_client_hello is the ClientHello callback of a server run with
// --echo: the adapter's work, then the test aid's. It shows how an
// application with a ClientHello callback of its own calls the adapter.
int echo_client_hello(SSL* ssl, int* al, void* arg) {
  const auto* opt = static_cast<const options*>(arg);
  const int result =
      tlsflags::openssl::handle_client_hello(ssl, opt->flags, al);
  tlsflags::openssl::connection_state* state = tlsflags::openssl::state_of(ssl);
  if (result != SSL_CLIENT_HELLO_SUCCESS || state == nullptr) {
    return result;
  }
  state->send(message::certificate_request) |= *opt->echo;
  state->send(message::encrypted_extensions) |= *opt->echo;
  SSL_set_verify(ssl, SSL_get_verify_mode(ssl) | SSL_VERIFY_PEER,
                 SSL_get_verify_callback(ssl));
  return result;
}

SSL_CTX* make_context(const options& opt) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == nullptr) {
    return nullptr;
  }
  STACK_OF(X509_NAME)* ca_names = SSL_load_client_CA_file(opt.ca.c_str());
  const bool ready =
      SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1 &&
      SSL_CTX_use_certificate_chain_file(ctx, opt.cert.c_str()) == 1 &&
      SSL_CTX_use_PrivateKey_file(ctx, opt.key.c_str(), SSL_FILETYPE_PEM) ==
          1 &&
      SSL_CTX_check_private_key(ctx) == 1 &&
      SSL_CTX_load_verify_locations(ctx, opt.ca.c_str(), nullptr) == 1 &&
      ca_names != nullptr &&
      (opt.groups.empty() ||
       SSL_CTX_set1_groups_list(ctx, opt.groups.c_str()) == 1);
  if (!ready) {
    sk_X509_NAME_pop_free(ca_names, X509_NAME_free);
    SSL_CTX_free(ctx);
    return nullptr;
  }
  SSL_CTX_set_client_CA_list(ctx, ca_names);

  // A server that asks every client says so in its verify mode; the
  // adapter reads it (M3). Otherwise the adapter asks flagged clients only.
  SSL_CTX_set_verify(ctx, opt.always_request ? SSL_VERIFY_PEER : 0, nullptr);

  bool registered = false;
  if (opt.echo) {
    registered = tlsflags::openssl::add_extension(ctx, opt.flags);
    SSL_CTX_set_client_hello_cb(ctx, echo_client_hello,
                                const_cast<options*>(&opt));
  } else {
    registered = tlsflags::openssl::enable(ctx, opt.flags);
  }
  if (!registered) {
    SSL_CTX_free(ctx);
    return nullptr;
  }
  return ctx;
}

// serve runs one connection on `fd` and prints its JSON line.
void serve(SSL_CTX* ctx, int fd, const options& opt) {
  connection conn;
  conn.flags.send(message::new_session_ticket) = opt.ticket_flags;
  SSL* ssl = SSL_new(ctx);
  if (ssl == nullptr || !request_mtls::start_connection(ssl, &conn) ||
      SSL_set_fd(ssl, fd) != 1) {
    request_mtls::print_openssl_errors("cannot set up the connection");
    SSL_free(ssl);
    return;
  }

  const bool handshake = SSL_accept(ssl) == 1;
  if (handshake) {
    // Greet, then wait for the client's close_notify or its alert.
    static const char kGreeting[] = "hello from request_mtls_server\n";
    int result = SSL_write(ssl, kGreeting, sizeof kGreeting - 1);
    char buffer[256];
    while (result > 0) {
      result = SSL_read(ssl, buffer, sizeof buffer);
    }
    if (SSL_get_error(ssl, result) == SSL_ERROR_ZERO_RETURN) {
      SSL_shutdown(ssl);
    }
  }

  const tlsflags::openssl::connection_state& state = conn.flags;
  X509* peer = SSL_get0_peer_certificate(ssl);
  const std::string subject =
      peer != nullptr
          ? request_mtls::json_string(request_mtls::subject_of(peer))
          : "null";
  std::printf(
      "{\"peer_flags\": %s, \"requested_certificate\": %s, "
      "\"client_certificate\": %s, %s, \"outcome\": \"%s\", "
      "\"hello_retry_request\": %s}\n",
      request_mtls::json_flags(state.received(message::client_hello)).c_str(),
      request_mtls::json_bool(state.certificate_request_sent), subject.c_str(),
      request_mtls::json_alert(conn, "server", "client").c_str(),
      handshake ? "ok" : "failed",
      request_mtls::json_bool(state.client_hellos > 1));
  std::fflush(stdout);
  SSL_free(ssl);
  ERR_clear_error();
}

int listen_on_loopback(unsigned long port, unsigned* bound) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    return -1;
  }
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  socklen_t size = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(fd, 16) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) != 0) {
    close(fd);
    return -1;
  }
  *bound = ntohs(addr.sin_port);
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<options> opt = parse_options(argc, argv);
  if (!opt) {
    usage();
    return request_mtls::kExitUsage;
  }
  std::signal(SIGPIPE, SIG_IGN);

  SSL_CTX* ctx = make_context(*opt);
  if (ctx == nullptr) {
    request_mtls::print_openssl_errors("cannot set up the TLS context");
    return request_mtls::kExitUsage;
  }
  unsigned port = 0;
  const int listener = listen_on_loopback(*opt->port, &port);
  if (listener < 0) {
    std::perror("cannot listen on 127.0.0.1");
    SSL_CTX_free(ctx);
    return request_mtls::kExitUsage;
  }
  std::printf("{\"listening\": %u}\n", port);
  std::fflush(stdout);

  int status = request_mtls::kExitOk;
  for (unsigned long served = 0;
       opt->connections == 0 || served < opt->connections; ++served) {
    pollfd waiting{listener, POLLIN, 0};
    const int timeout_ms = static_cast<int>(opt->idle_timeout * 1000);
    if (poll(&waiting, 1, timeout_ms) != 1) {
      std::fprintf(stderr, "no client within %lu s\n", opt->idle_timeout);
      status = request_mtls::kExitFailed;
      break;
    }
    const int fd = accept(listener, nullptr, nullptr);
    if (fd < 0) {
      continue;
    }
    request_mtls::set_socket_timeouts(fd);
    serve(ctx, fd, *opt);
    close(fd);
  }
  close(listener);
  SSL_CTX_free(ctx);
  return status;
}
