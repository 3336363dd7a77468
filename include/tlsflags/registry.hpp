// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: registry.hpp
// -----------------------------------------------------------------------------
//
// Known flags: the IANA "TLS Flags" registry (value, flag name, messages,
// recommended, reference), and lookups by value and by name, all constexpr.
//
// The built-in registry, `kBuiltinRegistry`, holds the registry's initial
// entry, resumption_across_names (8), and request_mtls (80), whose value
// IANA has not assigned yet: 80 is the value every deployment uses, and the
// entry is marked provisional.
//
// A user builds a registry of their own in a constant expression, replacing
// the built-in one (`make_registry()`) or extending it
// (`extend_registry()`). A registry that breaks a rule below does not
// compile; the compiler's message names the rule:
//
//   * values run from 0 to 2039 (W3);
//   * no two entries share a value or a name, and every entry has a name;
//   * a flag is proposed only in proposing messages (S1);
//   * a flag is acknowledged only in a message that answers a message it is
//     proposed in (S2, S3), and never in a message it is proposed in.
//
// Example:
//
//   constexpr auto kRegistry = tlsflags::extend_registry(
//       tlsflags::kBuiltinRegistry,
//       {{42, "example_flag", {tlsflags::message::client_hello},
//         {tlsflags::message::encrypted_extensions},
//         tlsflags::recommended::no, "draft-example", false}});
//   static_assert(kRegistry.find("example_flag")->value == 42);

#ifndef TLSFLAGS_REGISTRY_HPP_
#define TLSFLAGS_REGISTRY_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "tlsflags/config.hpp"
#include "tlsflags/flag_set.hpp"
#include "tlsflags/message.hpp"

namespace tlsflags {

// recommended
//
// The Recommended column of the registry (RFC 8447): Y, N or D.
enum class recommended : std::uint8_t {
  yes = 0,
  no = 1,
  discouraged = 2,
};

// recommended_letter returns the registry's letter for `r`: 'Y', 'N' or 'D',
// or '?' for a value outside the enumeration.
[[nodiscard]] constexpr char recommended_letter(recommended r) noexcept {
  switch (r) {
    case recommended::yes:
      return 'Y';
    case recommended::no:
      return 'N';
    case recommended::discouraged:
      return 'D';
  }
  return '?';
}

// flag_info
//
// One registry entry. The registry's Message column is split in two:
// `proposed_in` lists the messages that may carry the flag as a proposal,
// `acknowledged_in` those that may carry it as an acknowledgement of a
// proposal (empty for a flag that is never acknowledged). A flag is allowed
// in no other message (S7).
struct flag_info {
  // The flag number, 0 to 2039 (W3).
  std::uint16_t value = 0;

  // The registry's Flag Name, in snake_case.
  std::string_view name;

  // The messages in which the flag may be proposed (S1).
  message_set proposed_in;

  // The messages in which the flag may acknowledge a proposal (S2, S3).
  message_set acknowledged_in;

  // The registry's Recommended column.
  recommended rec = recommended::no;

  // The document that defines the flag.
  std::string_view reference;

  // Whether the value is not assigned by IANA yet, only used in deployments.
  bool provisional = false;

  // messages returns the registry's Message column: every message in which
  // the flag may appear.
  [[nodiscard]] constexpr message_set messages() const noexcept {
    return proposed_in | acknowledged_in;
  }
};

template <std::size_t N>
class basic_registry;

namespace detail {

// Not constexpr on purpose: each is reached only when a registry entry
// breaks the rule its name states, which makes the constant expression that
// builds the registry ill-formed. A bad registry therefore does not compile,
// and the compiler's message names the broken rule.
inline void registry_has_flag_value_above_2039() noexcept {}
inline void registry_has_duplicate_flag_value() noexcept {}
inline void registry_has_duplicate_flag_name() noexcept {}
inline void registry_has_flag_without_name() noexcept {}
inline void registry_has_flag_proposed_in_responding_message() noexcept {}
inline void registry_has_flag_acknowledged_where_not_proposed() noexcept {}

// acknowledgements_fit returns whether every message in which `info` is
// acknowledged answers a message in which it is proposed, and none is also
// a message in which it is proposed.
[[nodiscard]] constexpr bool acknowledgements_fit(
    const flag_info& info) noexcept {
  if (!(info.proposed_in & info.acknowledged_in).empty()) {
    return false;
  }
  for (message m : info.acknowledged_in) {
    const std::optional<message> answered = answers(m);
    if (!answered || !info.proposed_in.contains(*answered)) {
      return false;
    }
  }
  return true;
}

// name_hash returns the 64-bit FNV-1a hash of `name`.
[[nodiscard]] constexpr std::uint64_t name_hash(
    std::string_view name) noexcept {
  std::uint64_t hash = 0xcbf29ce484222325U;
  for (char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3U;
  }
  return hash;
}

// name_table_size returns the number of slots of the name table for `n`
// entries: a power of two at least twice `n`, so that probes stay short.
[[nodiscard]] constexpr std::size_t name_table_size(std::size_t n) noexcept {
  std::size_t size = 1;
  while (size < 2 * n) {
    size *= 2;
  }
  return size;
}

// validate_entries checks `N` entries, one rule a paragraph, and reaches the
// function named for each broken rule. Values are checked against a bit set
// and names against an open-addressing hash table, so the cost grows with
// the number of entries and the length of their names, not with their
// square: a registry of all 2040 flags stays within compilers' default
// limits on constant evaluation.
template <std::size_t N>
constexpr void validate_entries(const flag_info* entries) noexcept {
  constexpr std::size_t kSlots = name_table_size(N);
  std::uint64_t seen[(kMaxFlags + 63) / 64] = {};
  std::array<std::size_t, kSlots> slots{};  // entry number + 1; 0 when free
  std::array<std::uint64_t, kSlots> hashes{};
  for (std::size_t i = 0; i < N; ++i) {
    const flag_info& info = entries[i];

    // W3: flag numbers run from 0 to 2039.
    if (info.value > kMaxFlag) {
      registry_has_flag_value_above_2039();
    } else {
      // One entry a value.
      std::uint64_t& w = seen[info.value / 64];
      const std::uint64_t bit = std::uint64_t{1} << (info.value % 64);
      if ((w & bit) != 0) {
        registry_has_duplicate_flag_value();
      }
      w |= bit;
    }

    // One entry a name, and every entry has one. Names are compared only
    // when their hashes are equal.
    if (info.name.empty()) {
      registry_has_flag_without_name();
    }
    const std::uint64_t hash = name_hash(info.name);
    std::size_t slot = static_cast<std::size_t>(hash) & (kSlots - 1);
    while (slots[slot] != 0) {
      if (hashes[slot] == hash && entries[slots[slot] - 1].name == info.name) {
        registry_has_duplicate_flag_name();
        break;
      }
      slot = (slot + 1) & (kSlots - 1);
    }
    slots[slot] = i + 1;
    hashes[slot] = hash;

    // S1: only proposing messages carry proposals.
    if (!(info.proposed_in - kProposingMessages).empty()) {
      registry_has_flag_proposed_in_responding_message();
    }

    // S2, S3: an acknowledgement answers a proposal.
    if (!acknowledgements_fit(info)) {
      registry_has_flag_acknowledged_where_not_proposed();
    }
  }
}

// registry_builder builds registries for `make_registry()` and
// `extend_registry()`. Not part of the public API.
struct registry_builder {
  template <std::size_t N>
  static constexpr basic_registry<N> build(const flag_info* first,
                                           std::size_t first_count,
                                           const flag_info* second,
                                           std::size_t second_count) noexcept {
    basic_registry<N> registry;
    for (std::size_t i = 0; i < first_count; ++i) {
      registry.entries_[i] = first[i];
    }
    for (std::size_t i = 0; i < second_count; ++i) {
      registry.entries_[first_count + i] = second[i];
    }
    validate_entries<N>(registry.entries_.data());
    return registry;
  }
};

}  // namespace detail

// basic_registry
//
// A registry of `N` flags, in the order they were given. It is built only by
// `make_registry()` and `extend_registry()`, which check its entries; build
// it in a constant expression (a `constexpr` variable), where a bad entry
// does not compile. Outside a constant expression the same checks cannot
// stop the program: lookups then return the first matching entry.
//
// Lookups are linear in `N` and never allocate.
template <std::size_t N>
class basic_registry {
 public:
  using value_type = flag_info;
  using const_iterator = const flag_info*;

  // size returns the number of entries, `N`.
  [[nodiscard]] static constexpr std::size_t size() noexcept { return N; }

  [[nodiscard]] constexpr const flag_info* begin() const noexcept {
    return entries_.data();
  }

  [[nodiscard]] constexpr const flag_info* end() const noexcept {
    return entries_.data() + N;
  }

  // find returns the entry of flag `value`, or null when the registry has
  // none. The pointer is valid as long as the registry is.
  [[nodiscard]] constexpr const flag_info* find(
      std::size_t value) const noexcept {
    for (const flag_info& info : entries_) {
      if (info.value == value) {
        return &info;
      }
    }
    return nullptr;
  }

  // find returns the entry named `name` (exactly, letters in the registry's
  // case), or null when the registry has none.
  [[nodiscard]] constexpr const flag_info* find(
      std::string_view name) const noexcept {
    for (const flag_info& info : entries_) {
      if (info.name == name) {
        return &info;
      }
    }
    return nullptr;
  }

 private:
  friend struct detail::registry_builder;

  constexpr basic_registry() noexcept = default;

  std::array<flag_info, N> entries_{};
};

// make_registry
//
// Returns a registry of exactly `entries`, for a user who replaces the
// built-in registry. In a constant expression an entry that breaks a rule of
// the file comment does not compile.
template <std::size_t N>
[[nodiscard]] constexpr basic_registry<N> make_registry(
    const flag_info (&entries)[N]) noexcept {
  return detail::registry_builder::build<N>(entries, N, nullptr, 0);
}

// make_registry returns a registry of exactly `entries`, as the overload
// above does, for entries computed by a constexpr function.
template <std::size_t N>
[[nodiscard]] constexpr basic_registry<N> make_registry(
    const std::array<flag_info, N>& entries) noexcept {
  return detail::registry_builder::build<N>(entries.data(), N, nullptr, 0);
}

// make_registry returns an empty registry: every flag is unknown, and only
// the rules that need no registry apply (S2, S4).
[[nodiscard]] constexpr basic_registry<0> make_registry() noexcept {
  return detail::registry_builder::build<0>(nullptr, 0, nullptr, 0);
}

// extend_registry
//
// Returns a registry of the entries of `base` followed by `entries`. In a
// constant expression an entry that breaks a rule of the file comment,
// including a value or a name that `base` already holds, does not compile.
template <std::size_t B, std::size_t N>
[[nodiscard]] constexpr basic_registry<B + N> extend_registry(
    const basic_registry<B>& base, const flag_info (&entries)[N]) noexcept {
  return detail::registry_builder::build<B + N>(base.begin(), B, entries, N);
}

// extend_registry returns a registry of the entries of `base` followed by
// `entries`, as the overload above does, for entries computed by a
// constexpr function.
template <std::size_t B, std::size_t N>
[[nodiscard]] constexpr basic_registry<B + N> extend_registry(
    const basic_registry<B>& base,
    const std::array<flag_info, N>& entries) noexcept {
  return detail::registry_builder::build<B + N>(base.begin(), B, entries.data(),
                                                N);
}

// kResumptionAcrossNames is the value of resumption_across_names, the
// registry's initial entry (draft-ietf-tls-tlsflags, IANA Considerations).
inline constexpr std::size_t kResumptionAcrossNames = 8;

// kRequestMtls is the value of request_mtls. IANA has not assigned one: 80
// is the value every deployment uses, so it is provisional.
inline constexpr std::size_t kRequestMtls = 80;

// kResumptionAcrossNamesInfo is the registry entry of
// resumption_across_names: proposed by the server in NewSessionTicket and
// never acknowledged.
inline constexpr flag_info kResumptionAcrossNamesInfo{
    kResumptionAcrossNames,
    "resumption_across_names",
    {message::new_session_ticket},
    {},
    recommended::no,
    "draft-ietf-tls-cross-sni-resumption",
    false};

// kRequestMtlsInfo is the registry entry of request_mtls: proposed by the
// client in ClientHello (M1) and acknowledged by the server in
// CertificateRequest (M3). The -01 draft listed ClientHello only; its
// behaviour, no acknowledgement, is a subset of this one.
inline constexpr flag_info kRequestMtlsInfo{kRequestMtls,
                                            "request_mtls",
                                            {message::client_hello},
                                            {message::certificate_request},
                                            recommended::no,
                                            "draft-jhoyla-req-mtls-flag",
                                            true};

// builtin_registry is the type of `kBuiltinRegistry`.
using builtin_registry = basic_registry<2>;

// kBuiltinRegistry is the registry of the flags this library knows.
inline constexpr builtin_registry kBuiltinRegistry =
    make_registry({kResumptionAcrossNamesInfo, kRequestMtlsInfo});

// find_flag returns the built-in entry of flag `value`, or null.
[[nodiscard]] constexpr const flag_info* find_flag(std::size_t value) noexcept {
  return kBuiltinRegistry.find(value);
}

// find_flag returns the built-in entry named `name`, or null.
[[nodiscard]] constexpr const flag_info* find_flag(
    std::string_view name) noexcept {
  return kBuiltinRegistry.find(name);
}

}  // namespace tlsflags

#endif  // TLSFLAGS_REGISTRY_HPP_
