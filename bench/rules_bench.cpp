// Benchmarks of the rules check: one call of check_body() from the received
// body octets to "accepted" or the alert to send, as a server checks a
// ClientHello (a proposing message: every flag it does not know is ignored)
// over the vector sizes of kVectorSizes, and as a client checks the
// request_mtls acknowledgement in a CertificateRequest.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bench_support.hpp"
#include "tlsflags/codec.hpp"
#include "tlsflags/message.hpp"
#include "tlsflags/rules.hpp"

// The measured operations, one out-of-line call each (bench_support.hpp).
namespace tlsflags_bench::op {

TLSFLAGS_BENCH_OP tlsflags::body_check_result<128> check_client_hello(
    const std::uint8_t* body, std::size_t size,
    const tlsflags::basic_flag_set<128>& proposed) {
  return tlsflags::check_body<128>(tlsflags::message::client_hello, body, size,
                                   proposed);
}

TLSFLAGS_BENCH_OP tlsflags::body_check_result<128> check_certificate_request(
    const std::uint8_t* body, std::size_t size,
    const tlsflags::basic_flag_set<128>& proposed) {
  return tlsflags::check_body<128>(tlsflags::message::certificate_request, body,
                                   size, proposed);
}

}  // namespace tlsflags_bench::op

namespace {

using tlsflags_bench::arg;
using tlsflags_bench::set_bytes_processed;
namespace op = tlsflags_bench::op;

// BM_CheckClientHello checks a dense pseudo-random vector, every flag
// unknown but request_mtls (80). Flag 8, resumption_across_names, belongs
// to NewSessionTicket only (S7), so it is cleared.
void BM_CheckClientHello(benchmark::State& state) {
  std::vector<std::uint8_t> body = tlsflags_bench::make_body(arg(state));
  if (body.size() > 2) {
    body[2] = static_cast<std::uint8_t>(body[2] & 0xfeU);  // flag 8
  }
  const std::uint8_t* p = body.data();
  const std::size_t size = body.size();
  const tlsflags::basic_flag_set<128> proposed;
  if (!op::check_client_hello(p, size, proposed)) {
    state.SkipWithError("the ClientHello body was refused");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(p);
    auto result = op::check_client_hello(p, size, proposed);
    benchmark::DoNotOptimize(result);
  }
  set_bytes_processed(state, size);
}
BENCHMARK(BM_CheckClientHello)->Apply(tlsflags_bench::vector_sizes);

// BM_CheckCertificateRequest: the client proposed request_mtls and the
// server acknowledges it (M3).
void BM_CheckCertificateRequest(benchmark::State& state) {
  static constexpr auto kBody = tlsflags::encode_array<80>();
  const std::uint8_t* p = kBody.data();
  const tlsflags::basic_flag_set<128> proposed{80};
  if (!op::check_certificate_request(p, kBody.size(), proposed)) {
    state.SkipWithError("the CertificateRequest body was refused");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(p);
    auto result = op::check_certificate_request(p, kBody.size(), proposed);
    benchmark::DoNotOptimize(result);
  }
  set_bytes_processed(state, kBody.size());
}
BENCHMARK(BM_CheckCertificateRequest);

}  // namespace
