// Shared by the benchmarks: the inputs, built once outside the timed loops,
// and the attribute that keeps each measured operation an out-of-line call.
//
// Every measured operation is a function in `tlsflags_bench::op` marked
// TLSFLAGS_BENCH_OP. The timed loop calls it once an iteration, so the timer
// and callgrind (scripts/bench --callgrind) see the same code: callgrind's
// inclusive instruction count of one `op::` function divided by its number of
// calls is the instruction count of one operation, its return included.

#ifndef TLSFLAGS_BENCH_BENCH_SUPPORT_HPP_
#define TLSFLAGS_BENCH_BENCH_SUPPORT_HPP_

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <vector>

// TLSFLAGS_BENCH_OP keeps a measured operation out of line and opaque to the
// caller: the compiler can neither inline it into the loop, nor clone or
// specialize it for the benchmark's inputs, nor treat it as pure and hoist it
// out of the loop. GCC's `noipa` does all three; Clang has no IPA cloning to
// stop, and `noinline` is enough.
#if defined(__clang__)
#define TLSFLAGS_BENCH_OP __attribute__((noinline))
#elif defined(__GNUC__)
#define TLSFLAGS_BENCH_OP __attribute__((noipa))
#elif defined(_MSC_VER)
#define TLSFLAGS_BENCH_OP __declspec(noinline)
#else
#define TLSFLAGS_BENCH_OP
#endif

namespace tlsflags_bench {

// kVectorSizes: the vector sizes (octets after the length octet) that every
// size sweep runs, from one octet (flags 0-7) to the largest vector (W2).
inline constexpr std::int64_t kVectorSizes[] = {1, 2, 4, 8, 32, 128, 255};

// vector_sizes adds every size of kVectorSizes as an argument.
inline void vector_sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t size : kVectorSizes) {
    b->Arg(size);
  }
}

// small_vector_sizes adds the sizes of kVectorSizes up to 4 octets, those a
// 32-bit word holds.
inline void small_vector_sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t size : kVectorSizes) {
    if (size <= 4) {
      b->Arg(size);
    }
  }
}

// word_vector_sizes adds the sizes of kVectorSizes up to 8 octets, those a
// 64-bit word holds.
inline void word_vector_sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t size : kVectorSizes) {
    if (size <= 8) {
      b->Arg(size);
    }
  }
}

// make_body returns a valid body whose vector is `vector_size` octets of a
// fixed pseudo-random pattern (about half the bits set, so a dense worst case
// for decoders that work per flag) with the top bit of the last octet set:
// the highest flag is `8 * vector_size - 1`. The same octets for every run.
inline std::vector<std::uint8_t> make_body(std::size_t vector_size) {
  std::vector<std::uint8_t> body(1 + vector_size);
  body[0] = static_cast<std::uint8_t>(vector_size);
  std::uint32_t state = 0x9e3779b9U;
  for (std::size_t i = 1; i <= vector_size; ++i) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    body[i] = static_cast<std::uint8_t>(state >> 24);
  }
  body[vector_size] = static_cast<std::uint8_t>(body[vector_size] | 0x80U);
  return body;
}

// make_sparse_body returns a valid body of `vector_size` octets carrying
// `flags` flags spread evenly over the vector, the highest being
// `8 * vector_size - 1`. Precondition: 1 <= flags <= 8 * vector_size.
inline std::vector<std::uint8_t> make_sparse_body(std::size_t vector_size,
                                                  std::size_t flags) {
  std::vector<std::uint8_t> body(1 + vector_size, 0);
  body[0] = static_cast<std::uint8_t>(vector_size);
  const std::size_t top = 8 * vector_size - 1;
  for (std::size_t k = 0; k < flags; ++k) {
    // Flags top, top - step, ...: the highest is always set.
    const std::size_t flag = top - k * (8 * vector_size) / flags;
    body[1 + flag / 8] =
        static_cast<std::uint8_t>(body[1 + flag / 8] | (1U << (flag % 8)));
  }
  return body;
}

// arg returns argument `i` of the running benchmark as a size.
inline std::size_t arg(const benchmark::State& state, std::size_t i = 0) {
  return static_cast<std::size_t>(state.range(i));
}

// set_bytes_processed reports `body_size` octets read per iteration.
inline void set_bytes_processed(benchmark::State& state,
                                std::size_t body_size) {
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(body_size));
}

}  // namespace tlsflags_bench

#endif  // TLSFLAGS_BENCH_BENCH_SUPPORT_HPP_
