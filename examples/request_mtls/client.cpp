// request_mtls_client: a TLS 1.3 client that sends the request_mtls flag
// through the OpenSSL adapter (tlsflags/openssl.hpp) when it holds a
// certificate, and checks every tls_flags extension the server sends.
//
//   request_mtls_client --connect HOST:PORT --ca FILE [options]
//
// It prints one JSON line:
//
//   {"outcome": "ok" or "failed", "sent_flags": [80],
//    "acknowledged_flags": [80], "certificate_requested": true,
//    "certificate_request_flags": [80], "ticket_flags": [],
//    "alert": null or "<name>", "alert_sender": null, "client" or
//    "server", "rule": null or "<id>"}
//
// "outcome" is "ok" when the handshake completed and the server's greeting
// arrived; a server that ends the connection after the client's Finished
// (M7) is a failure. "rule" is the rule the adapter found broken when the
// client ended the handshake. The exit status is 0 for "ok", 1 for
// "failed", 2 for a usage or setup error.
//
// Options:
//   --cert FILE --key FILE  the client's certificate and key
//   --flags LIST            the ClientHello flags: numbers or names,
//                           comma-separated, "none" for none. The default
//                           is request_mtls when --cert is given and none
//                           otherwise (M8: the flag only with a
//                           certificate at hand); a LIST overrides it.
//   --codepoint N           the tls_flags code point (62; 0xfe01 for
//                           Cloudflare's deployment)
//   --alert-policy P        rfc8446 (default) or draft-literal
//
// Test aid, which breaks the rules on purpose so that tests can watch a
// server catch it:
//   --raw-body HEX          send these octets as the ClientHello's tls_flags
//                           body instead of the encoded flags ("" sends an
//                           empty body)

#include <netdb.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "common.hpp"
#include "tlsflags/openssl.hpp"

namespace {

using request_mtls::connection;
using tlsflags::message;
using tlsflags::openssl::connection_flags;

struct options {
  std::string host;
  std::string port;
  std::string ca;
  std::string cert;
  std::string key;
  std::optional<connection_flags> flags;
  std::optional<std::vector<std::uint8_t>> raw_body;

  // What the adapter needs; it reads this for the life of the SSL_CTX.
  tlsflags::openssl::config adapter;
};

void usage() {
  std::fprintf(stderr,
               "usage: request_mtls_client --connect HOST:PORT --ca FILE\n"
               "  [--cert FILE --key FILE] [--flags LIST] [--codepoint N]\n"
               "  [--alert-policy rfc8446|draft-literal] [--raw-body HEX]\n");
}

std::optional<options> parse_options(int argc, char** argv) {
  options opt;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--connect") {
      const std::size_t colon = value.rfind(':');
      if (colon == std::string::npos || colon == 0) {
        return std::nullopt;
      }
      opt.host = value.substr(0, colon);
      opt.port = value.substr(colon + 1);
    } else if (name == "--ca") {
      opt.ca = value;
    } else if (name == "--cert") {
      opt.cert = value;
    } else if (name == "--key") {
      opt.key = value;
    } else if (name == "--flags") {
      opt.flags = request_mtls::parse_flags(value);
      if (!opt.flags) {
        return std::nullopt;
      }
    } else if (name == "--codepoint") {
      const auto code_point = request_mtls::parse_code_point(value);
      if (!code_point) {
        return std::nullopt;
      }
      opt.adapter.code_point = *code_point;
    } else if (name == "--alert-policy") {
      const auto policy = request_mtls::parse_alert_policy(value);
      if (!policy) {
        return std::nullopt;
      }
      opt.adapter.policy = *policy;
    } else if (name == "--raw-body") {
      opt.raw_body = request_mtls::parse_hex(value);
      if (!opt.raw_body) {
        return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
  }
  if (argc % 2 != 1 || opt.host.empty() || opt.ca.empty() ||
      opt.cert.empty() != opt.key.empty()) {
    return std::nullopt;
  }
  return opt;
}

SSL_CTX* make_context(const options& opt) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (ctx == nullptr) {
    return nullptr;
  }
  bool ready =
      SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1 &&
      SSL_CTX_load_verify_locations(ctx, opt.ca.c_str(), nullptr) == 1 &&
      tlsflags::openssl::add_extension(ctx, opt.adapter);
  if (ready && !opt.cert.empty()) {
    ready = SSL_CTX_use_certificate_chain_file(ctx, opt.cert.c_str()) == 1 &&
            SSL_CTX_use_PrivateKey_file(ctx, opt.key.c_str(),
                                        SSL_FILETYPE_PEM) == 1 &&
            SSL_CTX_check_private_key(ctx) == 1;
  }
  if (!ready) {
    SSL_CTX_free(ctx);
    return nullptr;
  }
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  return ctx;
}

// note_certificate_request is an OpenSSL message callback that notes a
// CertificateRequest, with or without tls_flags.
void note_certificate_request(int write_p, int /*version*/, int content_type,
                              const void* buf, std::size_t len, SSL* ssl,
                              void* /*arg*/) {
  connection* conn = request_mtls::connection_of(ssl);
  if (conn != nullptr && write_p == 0 && content_type == SSL3_RT_HANDSHAKE &&
      len > 0 &&
      *static_cast<const std::uint8_t*>(buf) == SSL3_MT_CERTIFICATE_REQUEST) {
    conn->certificate_requested = true;
  }
}

int connect_to(const options& opt) {
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(opt.host.c_str(), opt.port.c_str(), &hints, &found) != 0) {
    return -1;
  }
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd >= 0) {
    request_mtls::set_socket_timeouts(fd);
    if (connect(fd, found->ai_addr, found->ai_addrlen) != 0) {
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  return fd;
}

// expect_peer makes the client check that the server's certificate names
// `host`, an IP address or a DNS name.
bool expect_peer(SSL* ssl, const std::string& host) {
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  if (X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1) {
    return true;
  }
  return SSL_set_tlsext_host_name(ssl, host.c_str()) == 1 &&
         SSL_set1_host(ssl, host.c_str()) == 1;
}

// run_handshake connects, completes the handshake and reads the server's
// greeting line. Returns whether it all worked.
bool run_handshake(SSL* ssl) {
  if (SSL_connect(ssl) != 1) {
    return false;
  }
  char buffer[256];
  for (;;) {
    const int n = SSL_read(ssl, buffer, sizeof buffer);
    if (n <= 0) {
      return false;
    }
    if (buffer[n - 1] == '\n') {
      break;
    }
  }
  SSL_shutdown(ssl);
  return true;
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

  connection conn;
  tlsflags::openssl::connection_state& state = conn.flags;
  // M8: request_mtls only with a certificate at hand, unless told.
  if (opt->flags) {
    state.send(message::client_hello) = *opt->flags;
  } else if (!opt->cert.empty()) {
    state.send(message::client_hello).set(tlsflags::kRequestMtls);
  }
  if (opt->raw_body) {
    state.raw_client_hello = opt->raw_body->data();
    state.raw_client_hello_size = opt->raw_body->size();
    // An empty vector has no data(); the adapter needs a pointer.
    static const std::uint8_t kNothing = 0;
    if (opt->raw_body->empty()) {
      state.raw_client_hello = &kNothing;
    }
  }

  SSL* ssl = SSL_new(ctx);
  const int fd = connect_to(*opt);
  if (ssl == nullptr || fd < 0 || !request_mtls::start_connection(ssl, &conn) ||
      !expect_peer(ssl, opt->host) || SSL_set_fd(ssl, fd) != 1) {
    request_mtls::print_openssl_errors("cannot connect");
    if (fd >= 0) {
      close(fd);
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return request_mtls::kExitUsage;
  }
  SSL_set_msg_callback(ssl, note_certificate_request);

  const bool ok = run_handshake(ssl);
  const connection_flags sent = state.sent_in.contains(message::client_hello)
                                    ? state.sent(message::client_hello)
                                    : connection_flags{};
  std::printf(
      "{\"outcome\": \"%s\", \"sent_flags\": %s, \"acknowledged_flags\": %s, "
      "\"certificate_requested\": %s, \"certificate_request_flags\": %s, "
      "\"ticket_flags\": %s, %s}\n",
      ok ? "ok" : "failed", request_mtls::json_flags(sent).c_str(),
      request_mtls::json_flags(state.acknowledged()).c_str(),
      request_mtls::json_bool(conn.certificate_requested),
      request_mtls::json_flags(state.received(message::certificate_request))
          .c_str(),
      request_mtls::json_flags(state.received(message::new_session_ticket))
          .c_str(),
      request_mtls::json_alert(conn, "client", "server").c_str());
  std::fflush(stdout);

  SSL_free(ssl);
  close(fd);
  SSL_CTX_free(ctx);
  return ok ? request_mtls::kExitOk : request_mtls::kExitFailed;
}
