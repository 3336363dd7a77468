// Benchmarks of the body codec: strict decoding into capacities 64 and 2040,
// view construction with one flag test, encoding and the encoded size, each
// over the vector sizes of kVectorSizes, and the baselines of baselines.hpp
// on the same bodies. Bytes processed are the octets of the body, length
// octet included.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "baselines.hpp"
#include "bench_support.hpp"
#include "tlsflags/codec.hpp"

// The measured operations, one out-of-line call each (bench_support.hpp).
namespace tlsflags_bench::op {

// decode_64 decodes as a TLS stack reading a responding message does: a
// flag above 63 is an error (S2).
TLSFLAGS_BENCH_OP tlsflags::decode_result<64> decode_64(
    const std::uint8_t* body, std::size_t size) {
  return tlsflags::decode<64>(body, size);
}

// decode_64_drop decodes as a TLS stack reading a proposing message does:
// flags above 63 are dropped and counted (S4).
TLSFLAGS_BENCH_OP tlsflags::decode_result<64> decode_64_drop(
    const std::uint8_t* body, std::size_t size) {
  return tlsflags::decode<64>(body, size, tlsflags::capacity_policy::drop);
}

TLSFLAGS_BENCH_OP tlsflags::decode_result<2040> decode_2040(
    const std::uint8_t* body, std::size_t size) {
  return tlsflags::decode<2040>(body, size);
}

TLSFLAGS_BENCH_OP bool parse_view_test(const std::uint8_t* body,
                                       std::size_t size, std::size_t flag) {
  const tlsflags::view_result result = tlsflags::parse_view(body, size);
  return result && result.view.test(flag);
}

TLSFLAGS_BENCH_OP tlsflags::encode_result encode(
    const tlsflags::flag_set& flags, std::uint8_t* out, std::size_t size) {
  return tlsflags::encode(flags, out, size);
}

TLSFLAGS_BENCH_OP std::size_t encoded_size(const tlsflags::flag_set& flags) {
  return tlsflags::encoded_size(flags);
}

TLSFLAGS_BENCH_OP std::ptrdiff_t baseline_bit_by_bit(const std::uint8_t* body,
                                                     std::size_t size,
                                                     std::uint16_t* list) {
  return baseline::bit_by_bit(body, size, list);
}

TLSFLAGS_BENCH_OP bool baseline_byte_loop(const std::uint8_t* body,
                                          std::size_t size,
                                          std::uint64_t* words) {
  return baseline::byte_loop(body, size, words);
}

TLSFLAGS_BENCH_OP bool baseline_load32(const std::uint8_t* body,
                                       std::size_t size, std::uint32_t* out) {
  return baseline::load32(body, size, out);
}

TLSFLAGS_BENCH_OP bool baseline_load32_inline(const std::uint8_t* body,
                                              std::size_t size,
                                              std::uint32_t* out) {
  return baseline::load32_inline(body, size, out);
}

TLSFLAGS_BENCH_OP std::size_t baseline_copy(const std::uint8_t* body,
                                            std::size_t size,
                                            std::uint8_t* out) {
  return baseline::copy(body, size, out);
}

}  // namespace tlsflags_bench::op

namespace {

using tlsflags_bench::arg;
using tlsflags_bench::make_body;
using tlsflags_bench::set_bytes_processed;
namespace op = tlsflags_bench::op;

// Each loop passes the body pointer through DoNotOptimize on every
// iteration, so the compiler must assume the octets changed and cannot keep
// a result from an earlier iteration.

template <tlsflags::decode_result<64> (*Decode)(const std::uint8_t*,
                                                std::size_t)>
void run_decode_64(benchmark::State& state) {
  const std::vector<std::uint8_t> body = make_body(arg(state));
  const std::uint8_t* p = body.data();
  const std::size_t size = body.size();
  if (!Decode(p, size)) {
    state.SkipWithError("decode<64> rejected the body");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(p);
    auto result = Decode(p, size);
    benchmark::DoNotOptimize(result);
  }
  set_bytes_processed(state, size);
}

// BM_Decode64 runs where 64 flags hold the vector; BM_Decode64Drop runs on
// every size.
void BM_Decode64(benchmark::State& state) {
  run_decode_64<op::decode_64>(state);
}
BENCHMARK(BM_Decode64)->Apply(tlsflags_bench::word_vector_sizes);

void BM_Decode64Drop(benchmark::State& state) {
  run_decode_64<op::decode_64_drop>(state);
}
BENCHMARK(BM_Decode64Drop)->Apply(tlsflags_bench::vector_sizes);

void BM_Decode2040(benchmark::State& state) {
  const std::vector<std::uint8_t> body = make_body(arg(state));
  const std::uint8_t* p = body.data();
  const std::size_t size = body.size();
  const auto check = op::decode_2040(p, size);
  if (!check || check.flags.highest() != 8 * arg(state) - 1) {
    state.SkipWithError("decode<2040> did not decode the body");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(p);
    auto result = op::decode_2040(p, size);
    benchmark::DoNotOptimize(result);
  }
  set_bytes_processed(state, size);
}
BENCHMARK(BM_Decode2040)->Apply(tlsflags_bench::vector_sizes);

// BM_ParseViewTest validates a body in place and tests its highest flag.
void BM_ParseViewTest(benchmark::State& state) {
  const std::vector<std::uint8_t> body = make_body(arg(state));
  const std::uint8_t* p = body.data();
  const std::size_t size = body.size();
  std::size_t flag = 8 * arg(state) - 1;
  if (!op::parse_view_test(p, size, flag)) {
    state.SkipWithError("parse_view did not find the highest flag");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(p);
    benchmark::DoNotOptimize(flag);
    bool set = op::parse_view_test(p, size, flag);
    benchmark::DoNotOptimize(set);
  }
  set_bytes_processed(state, size);
}
BENCHMARK(BM_ParseViewTest)->Apply(tlsflags_bench::vector_sizes);

// BM_Encode writes the body of a set whose encoding has the given vector
// size.
void BM_Encode(benchmark::State& state) {
  const std::vector<std::uint8_t> body = make_body(arg(state));
  const tlsflags::flag_set flags =
      tlsflags::decode<2040>(body.data(), body.size()).flags;
  std::uint8_t out[256] = {};
  const auto check = op::encode(flags, out, sizeof out);
  if (!check || check.size != body.size() ||
      !std::equal(body.begin(), body.end(), out)) {
    state.SkipWithError("encode did not give back the body");
    return;
  }
  const tlsflags::flag_set* set = &flags;
  for (auto _ : state) {
    benchmark::DoNotOptimize(set);
    auto result = op::encode(*set, out, sizeof out);
    benchmark::DoNotOptimize(result);
    benchmark::ClobberMemory();
  }
  set_bytes_processed(state, body.size());
}
BENCHMARK(BM_Encode)->Apply(tlsflags_bench::vector_sizes);

void BM_EncodedSize(benchmark::State& state) {
  const std::vector<std::uint8_t> body = make_body(arg(state));
  const tlsflags::flag_set flags =
      tlsflags::decode<2040>(body.data(), body.size()).flags;
  if (op::encoded_size(flags) != body.size()) {
    state.SkipWithError("encoded_size is not the body size");
    return;
  }
  const tlsflags::flag_set* set = &flags;
  for (auto _ : state) {
    benchmark::DoNotOptimize(set);
    std::size_t size = op::encoded_size(*set);
    benchmark::DoNotOptimize(size);
  }
  set_bytes_processed(state, body.size());
}
BENCHMARK(BM_EncodedSize)->Apply(tlsflags_bench::vector_sizes);

void BM_BaselineBitByBit(benchmark::State& state) {
  const std::vector<std::uint8_t> body = make_body(arg(state));
  const std::uint8_t* p = body.data();
  const std::size_t size = body.size();
  std::uint16_t list[2040] = {};
  const std::ptrdiff_t n = op::baseline_bit_by_bit(p, size, list);
  if (n <= 0 || std::size_t{list[n - 1]} != 8 * arg(state) - 1) {
    state.SkipWithError("the bit-by-bit baseline did not decode the body");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(p);
    std::ptrdiff_t count = op::baseline_bit_by_bit(p, size, list);
    benchmark::DoNotOptimize(count);
    benchmark::ClobberMemory();
  }
  set_bytes_processed(state, size);
}
BENCHMARK(BM_BaselineBitByBit)->Apply(tlsflags_bench::vector_sizes);

void BM_BaselineByteLoop(benchmark::State& state) {
  const std::vector<std::uint8_t> body = make_body(arg(state));
  const std::uint8_t* p = body.data();
  const std::size_t size = body.size();
  std::uint64_t words[32] = {};
  if (!op::baseline_byte_loop(p, size, words)) {
    state.SkipWithError("the byte-loop baseline rejected the body");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(p);
    bool ok = op::baseline_byte_loop(p, size, words);
    benchmark::DoNotOptimize(ok);
    benchmark::ClobberMemory();
  }
  set_bytes_processed(state, size);
}
BENCHMARK(BM_BaselineByteLoop)->Apply(tlsflags_bench::vector_sizes);

// The 32-bit baselines run only where a 32-bit word holds the vector.
template <bool (*Load)(const std::uint8_t*, std::size_t, std::uint32_t*)>
void run_load32(benchmark::State& state) {
  const std::vector<std::uint8_t> body = make_body(arg(state));
  const std::uint8_t* p = body.data();
  const std::size_t size = body.size();
  std::uint32_t flags = 0;
  const auto check = tlsflags::decode<32>(p, size);
  if (!Load(p, size, &flags) || !check || check.flags.word(0) != flags) {
    state.SkipWithError("the 32-bit baseline did not decode the body");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(p);
    bool ok = Load(p, size, &flags);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(flags);
  }
  set_bytes_processed(state, size);
}

void BM_BaselineLoad32(benchmark::State& state) {
  run_load32<op::baseline_load32>(state);
}
BENCHMARK(BM_BaselineLoad32)->Apply(tlsflags_bench::small_vector_sizes);

void BM_BaselineLoad32Inline(benchmark::State& state) {
  run_load32<op::baseline_load32_inline>(state);
}
BENCHMARK(BM_BaselineLoad32Inline)->Apply(tlsflags_bench::small_vector_sizes);

void BM_BaselineMemcpy(benchmark::State& state) {
  const std::vector<std::uint8_t> body = make_body(arg(state));
  const std::uint8_t* p = body.data();
  const std::size_t size = body.size();
  std::uint8_t out[256] = {};
  if (op::baseline_copy(p, size, out) != size - 1 ||
      !std::equal(body.begin() + 1, body.end(), out)) {
    state.SkipWithError("the copy did not copy the vector");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(p);
    std::size_t n = op::baseline_copy(p, size, out);
    benchmark::DoNotOptimize(n);
    benchmark::ClobberMemory();
  }
  set_bytes_processed(state, size);
}
BENCHMARK(BM_BaselineMemcpy)->Apply(tlsflags_bench::vector_sizes);

}  // namespace
