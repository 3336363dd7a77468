// Prints, as hex, the TLS records of a real ClientHello that OpenSSL writes
// with a tls_flags custom extension carrying the flags named on the command
// line: make_client_hello CODE_POINT FLAG... The handshake runs into a memory
// BIO and stops after the first flight, so no peer is needed.

#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "tlsflags/tlsflags.hpp"

namespace {

tlsflags::flag_set g_flags;
std::uint8_t g_body[256];

int add_flags(SSL*, unsigned int, unsigned int, const unsigned char** out,
              std::size_t* outlen, X509*, std::size_t, int* al, void*) {
  const tlsflags::encode_result encoded =
      tlsflags::encode(g_flags, g_body, sizeof g_body);
  if (!encoded) {
    *al = SSL_AD_INTERNAL_ERROR;
    return -1;
  }
  *out = g_body;
  *outlen = encoded.size;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: make_client_hello CODE_POINT FLAG...\n");
    return 2;
  }
  const unsigned long code_point = std::strtoul(argv[1], nullptr, 0);
  for (int i = 2; i < argc; ++i) {
    if (!g_flags.set(std::strtoul(argv[i], nullptr, 0))) {
      std::fprintf(stderr, "make_client_hello: bad flag %s\n", argv[i]);
      return 2;
    }
  }

  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (ctx == nullptr ||
      SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1 ||
      SSL_CTX_add_custom_ext(ctx, static_cast<unsigned int>(code_point),
                             SSL_EXT_CLIENT_HELLO, add_flags, nullptr, nullptr,
                             nullptr, nullptr) != 1) {
    std::fprintf(stderr, "make_client_hello: cannot set up OpenSSL\n");
    return 1;
  }
  SSL* ssl = SSL_new(ctx);
  BIO* in = BIO_new(BIO_s_mem());
  BIO* out = BIO_new(BIO_s_mem());
  SSL_set_bio(ssl, in, out);
  SSL_set_connect_state(ssl);
  SSL_set_tlsext_host_name(ssl, "tlsflags.test");

  // The first flight is written; the handshake then waits for the server.
  const int rc = SSL_do_handshake(ssl);
  if (rc == 1 || SSL_get_error(ssl, rc) != SSL_ERROR_WANT_READ) {
    std::fprintf(stderr, "make_client_hello: unexpected handshake state\n");
    return 1;
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(out, &data);
  std::string hex;
  for (long i = 0; i < size; ++i) {
    char octet[3];
    std::snprintf(octet, sizeof octet, "%02x",
                  static_cast<unsigned>(static_cast<unsigned char>(data[i])));
    hex += octet;
  }
  std::printf("%s\n", hex.c_str());
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  return size > 0 ? 0 : 1;
}
