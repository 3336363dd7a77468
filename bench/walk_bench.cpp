// Benchmarks of the extension-block walk: the extension block of a realistic
// TLS 1.3 ClientHello (15 extensions, tls_flags among them, as a browser
// sends it), framed and checked for duplicates (W9), then searched for
// tls_flags and its request_mtls flag tested. Bytes processed are the octets
// of the block.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <vector>

#include "bench_support.hpp"
#include "tlsflags/extension.hpp"

// The measured operations, one out-of-line call each (bench_support.hpp).
namespace tlsflags_bench::op {

TLSFLAGS_BENCH_OP std::size_t parse_block(const std::uint8_t* list,
                                          std::size_t size) {
  const tlsflags::block_result parsed =
      tlsflags::parse_extension_block(list, size);
  return parsed ? parsed.count : 0;
}

// walk_for_mtls is what a server does with a ClientHello: validate the
// block, find tls_flags, and ask for request_mtls (80).
TLSFLAGS_BENCH_OP bool walk_for_mtls(const std::uint8_t* list,
                                     std::size_t size) {
  const tlsflags::block_result parsed =
      tlsflags::parse_extension_block(list, size);
  if (!parsed) {
    return false;
  }
  const tlsflags::find_flags_result flags = tlsflags::find_flags(parsed.block);
  return flags && flags.found && flags.view.test(80);
}

}  // namespace tlsflags_bench::op

namespace {

namespace op = tlsflags_bench::op;

// add_extension appends an extension of `type` whose body is `body_size`
// octets of a filler (the walk reads only the framing of other extensions).
void add_extension(std::vector<std::uint8_t>& list, std::uint16_t type,
                   std::size_t body_size) {
  list.push_back(static_cast<std::uint8_t>(type >> 8));
  list.push_back(static_cast<std::uint8_t>(type));
  list.push_back(static_cast<std::uint8_t>(body_size >> 8));
  list.push_back(static_cast<std::uint8_t>(body_size));
  list.insert(list.end(), body_size, 0x2a);
}

// client_hello_block returns the contents of a ClientHello's extension
// block: types and body sizes as a current browser sends them, with
// tls_flags (62) carrying request_mtls, {80}, before pre_shared_key's
// place at the end.
std::vector<std::uint8_t> client_hello_block() {
  struct entry {
    std::uint16_t type;
    std::size_t body_size;
  };
  const std::initializer_list<entry> entries = {
      {0x0000, 18},   // server_name, a 13-character host name
      {0x0017, 0},    // extended_master_secret
      {0xff01, 1},    // renegotiation_info
      {0x000a, 10},   // supported_groups
      {0x000b, 2},    // ec_point_formats
      {0x0023, 0},    // session_ticket
      {0x0010, 14},   // application_layer_protocol_negotiation
      {0x0005, 5},    // status_request
      {0x000d, 20},   // signature_algorithms
      {0x0012, 0},    // signed_certificate_timestamp
      {0x0033, 107},  // key_share: X25519 and a GREASE share
      {0x002d, 2},    // psk_key_exchange_modes
      {0x002b, 7},    // supported_versions
      {0x001b, 3},    // compress_certificate
  };
  std::vector<std::uint8_t> list;
  for (const entry& e : entries) {
    add_extension(list, e.type, e.body_size);
  }
  // tls_flags (W1: 62) with request_mtls: Cloudflare's capture's body.
  const std::uint8_t flags[] = {0x0b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};
  add_extension(list, 62, sizeof flags);
  std::copy(std::begin(flags), std::end(flags), list.end() - sizeof flags);
  return list;
}

void BM_ParseExtensionBlock(benchmark::State& state) {
  const std::vector<std::uint8_t> list = client_hello_block();
  const std::uint8_t* p = list.data();
  const std::size_t size = list.size();
  if (op::parse_block(p, size) != 15) {
    state.SkipWithError("the block does not hold 15 extensions");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(p);
    std::size_t count = op::parse_block(p, size);
    benchmark::DoNotOptimize(count);
  }
  tlsflags_bench::set_bytes_processed(state, size);
}
BENCHMARK(BM_ParseExtensionBlock);

void BM_WalkClientHello(benchmark::State& state) {
  const std::vector<std::uint8_t> list = client_hello_block();
  const std::uint8_t* p = list.data();
  const std::size_t size = list.size();
  if (!op::walk_for_mtls(p, size)) {
    state.SkipWithError("request_mtls was not found");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(p);
    bool mtls = op::walk_for_mtls(p, size);
    benchmark::DoNotOptimize(mtls);
  }
  tlsflags_bench::set_bytes_processed(state, size);
}
BENCHMARK(BM_WalkClientHello);

}  // namespace
