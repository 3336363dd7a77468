// Benchmarks of reading flags: testing one flag of a set or of a view, and
// iterating the set flags of a set or a view. Iteration runs over vectors of
// several sizes carrying several numbers of flags, and reports items
// processed as flags visited, so its cost per flag is read off directly.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bench_support.hpp"
#include "tlsflags/codec.hpp"
#include "tlsflags/flag_set.hpp"

// The measured operations, one out-of-line call each (bench_support.hpp).
namespace tlsflags_bench::op {

TLSFLAGS_BENCH_OP bool test_64(const tlsflags::basic_flag_set<64>& flags,
                               std::size_t flag) {
  return flags.test(flag);
}

TLSFLAGS_BENCH_OP bool test_2040(const tlsflags::flag_set& flags,
                                 std::size_t flag) {
  return flags.test(flag);
}

TLSFLAGS_BENCH_OP bool view_test(tlsflags::flags_view view, std::size_t flag) {
  return view.test(flag);
}

// The iterations add up the flag numbers, so that every flag is visited.

TLSFLAGS_BENCH_OP std::size_t sum_flags_64(
    const tlsflags::basic_flag_set<64>& flags) {
  std::size_t sum = 0;
  for (std::size_t flag : flags) {
    sum += flag;
  }
  return sum;
}

TLSFLAGS_BENCH_OP std::size_t sum_flags_2040(const tlsflags::flag_set& flags) {
  std::size_t sum = 0;
  for (std::size_t flag : flags) {
    sum += flag;
  }
  return sum;
}

TLSFLAGS_BENCH_OP std::size_t sum_view_flags(tlsflags::flags_view view) {
  std::size_t sum = 0;
  for (std::size_t flag : view) {
    sum += flag;
  }
  return sum;
}

}  // namespace tlsflags_bench::op

namespace {

using tlsflags_bench::arg;
using tlsflags_bench::make_sparse_body;
namespace op = tlsflags_bench::op;

// kTestedFlag: request_mtls, the flag a server asks about.
constexpr std::size_t kTestedFlag = 80;

void BM_FlagSetTest64(benchmark::State& state) {
  const tlsflags::basic_flag_set<64> flags{1, 8, 31, 63};
  const tlsflags::basic_flag_set<64>* set = &flags;
  std::size_t flag = 31;
  for (auto _ : state) {
    benchmark::DoNotOptimize(set);
    benchmark::DoNotOptimize(flag);
    bool present = op::test_64(*set, flag);
    benchmark::DoNotOptimize(present);
  }
}
BENCHMARK(BM_FlagSetTest64);

void BM_FlagSetTest2040(benchmark::State& state) {
  const tlsflags::flag_set flags{8, kTestedFlag, 2039};
  const tlsflags::flag_set* set = &flags;
  std::size_t flag = kTestedFlag;
  for (auto _ : state) {
    benchmark::DoNotOptimize(set);
    benchmark::DoNotOptimize(flag);
    bool present = op::test_2040(*set, flag);
    benchmark::DoNotOptimize(present);
  }
}
BENCHMARK(BM_FlagSetTest2040);

void BM_ViewTest(benchmark::State& state) {
  static constexpr auto kBody = tlsflags::encode_array<8, kTestedFlag>();
  const tlsflags::view_result parsed =
      tlsflags::parse_view(kBody.data(), kBody.size());
  tlsflags::flags_view view = parsed.view;
  std::size_t flag = kTestedFlag;
  if (!parsed || !op::view_test(view, flag)) {
    state.SkipWithError("the view does not hold the tested flag");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(view);
    benchmark::DoNotOptimize(flag);
    bool present = op::view_test(view, flag);
    benchmark::DoNotOptimize(present);
  }
}
BENCHMARK(BM_ViewTest);

// The iteration sweeps: {vector size in octets, flags set}. A single flag at
// the top of a long vector shows what a sparse set costs (11 octets: the
// request_mtls body); the full vectors show the cost per flag.
void iteration_sizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"octets", "flags"});
  b->Args({1, 1})->Args({1, 8})->Args({2, 1})->Args({8, 1})->Args({8, 64});
  b->Args({11, 1})->Args({32, 1})->Args({32, 256});
  b->Args({255, 1})->Args({255, 8})->Args({255, 64})->Args({255, 512});
  b->Args({255, 2040});
}

void small_iteration_sizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"octets", "flags"});
  b->Args({1, 1})->Args({1, 8})->Args({8, 1})->Args({8, 8})->Args({8, 64});
}

template <std::size_t Capacity>
void run_set_iteration(
    benchmark::State& state,
    std::size_t (*sum)(const tlsflags::basic_flag_set<Capacity>&)) {
  const std::vector<std::uint8_t> body =
      make_sparse_body(arg(state, 0), arg(state, 1));
  const auto decoded = tlsflags::decode<Capacity>(body.data(), body.size());
  if (!decoded || decoded.flags.count() != arg(state, 1)) {
    state.SkipWithError("the set does not hold the flags");
    return;
  }
  const tlsflags::basic_flag_set<Capacity>* set = &decoded.flags;
  for (auto _ : state) {
    benchmark::DoNotOptimize(set);
    std::size_t total = sum(*set);
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * state.range(1));
}

void BM_FlagSetIterate64(benchmark::State& state) {
  run_set_iteration<64>(state, op::sum_flags_64);
}
BENCHMARK(BM_FlagSetIterate64)->Apply(small_iteration_sizes);

void BM_FlagSetIterate2040(benchmark::State& state) {
  run_set_iteration<2040>(state, op::sum_flags_2040);
}
BENCHMARK(BM_FlagSetIterate2040)->Apply(iteration_sizes);

void BM_ViewIterate(benchmark::State& state) {
  const std::vector<std::uint8_t> body =
      make_sparse_body(arg(state, 0), arg(state, 1));
  const tlsflags::view_result parsed =
      tlsflags::parse_view(body.data(), body.size());
  if (!parsed || parsed.view.count() != arg(state, 1)) {
    state.SkipWithError("the view does not hold the flags");
    return;
  }
  tlsflags::flags_view view = parsed.view;
  for (auto _ : state) {
    benchmark::DoNotOptimize(view);
    std::size_t total = op::sum_view_flags(view);
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * state.range(1));
}
BENCHMARK(BM_ViewIterate)->Apply(iteration_sizes);

}  // namespace
