// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: handshake.hpp
// -----------------------------------------------------------------------------
//
// Handshake-message and record framing for analyzers: from octets captured
// on the wire to the extension blocks of each TLS 1.3 handshake message that
// may carry tls_flags (W10), and so to the flags themselves.
//
//   * `handshake_reader` yields handshake messages from plaintext TLS records
//     (RFC 8446 section 5.1), reassembling messages split across records and
//     splitting records that hold several messages, or from a bare stream of
//     handshake messages without a record layer.
//   * `parse_handshake()` and `parse_record()` frame one message or one
//     record.
//   * `parse_message_extensions()` walks the fixed fields of a ClientHello,
//     ServerHello (HelloRetryRequest included), EncryptedExtensions,
//     CertificateRequest, Certificate or NewSessionTicket (RFC 8446 section
//     4) to its extension block, or for Certificate to the block of each
//     CertificateEntry, each one validated as `parse_extension_block()` does
//     (exact framing, no duplicate, W9).
//
// Every length is checked. Malformed input yields an `errc` naming what was
// malformed and the offset where it begins; no input makes any function read
// outside the range it is given. Every function is constexpr and noexcept
// and none allocates, throws or prints. Views point into the caller's octets
// (or, for a message reassembled from several records, into the caller's
// reassembly buffer), which must outlive them.
//
// The framing is TLS 1.3's. Handshake messages of TLS 1.2 and earlier share
// most of it; where they differ (a hello without extensions) the error says
// exactly that (`errc::missing_extension_block`).
//
// Example:
//
//   std::uint8_t buffer[1 << 16];  // for messages split across records
//   auto reader = tlsflags::handshake_reader::from_records(
//       capture, capture_size, buffer, sizeof buffer);
//   tlsflags::handshake_message message;
//   while (reader.next(message)) {
//     auto framed = tlsflags::parse_message_extensions(message);
//     if (!framed) {
//       continue;  // framed.error, framed.offset say what is wrong, where
//     }
//     for (tlsflags::extension_block block : framed.extensions) {
//       auto flags = tlsflags::find_flags(
//           block, {tlsflags::kDefaultCodePoint,
//                   tlsflags::kCloudflareCodePoint});
//       ...
//     }
//   }
//   // reader.error() is errc::ok at the clean end of the capture.

#ifndef TLSFLAGS_HANDSHAKE_HPP_
#define TLSFLAGS_HANDSHAKE_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "tlsflags/config.hpp"
#include "tlsflags/detail/reader.hpp"
#include "tlsflags/error.hpp"
#include "tlsflags/extension.hpp"

#if TLSFLAGS_HAS_SPAN
#include <span>
#endif

namespace tlsflags {

// handshake_type
//
// The `HandshakeType` of a handshake message (RFC 8446 section 4). A
// HelloRetryRequest is a `server_hello` whose random is
// `kHelloRetryRequestRandom`. Values outside the enumeration are kept as
// they are.
enum class handshake_type : std::uint8_t {
  client_hello = 1,
  server_hello = 2,
  new_session_ticket = 4,
  end_of_early_data = 5,
  encrypted_extensions = 8,
  certificate = 11,
  certificate_request = 13,
  certificate_verify = 15,
  finished = 20,
  key_update = 24,
  message_hash = 254,
};

// handshake_type_name returns the RFC 8446 name of `type` ("client_hello"),
// or "unknown" for a value outside the enumeration.
[[nodiscard]] constexpr const char* handshake_type_name(
    handshake_type type) noexcept {
  switch (type) {
    case handshake_type::client_hello:
      return "client_hello";
    case handshake_type::server_hello:
      return "server_hello";
    case handshake_type::new_session_ticket:
      return "new_session_ticket";
    case handshake_type::end_of_early_data:
      return "end_of_early_data";
    case handshake_type::encrypted_extensions:
      return "encrypted_extensions";
    case handshake_type::certificate:
      return "certificate";
    case handshake_type::certificate_request:
      return "certificate_request";
    case handshake_type::certificate_verify:
      return "certificate_verify";
    case handshake_type::finished:
      return "finished";
    case handshake_type::key_update:
      return "key_update";
    case handshake_type::message_hash:
      return "message_hash";
  }
  return "unknown";
}

// carries_extensions returns whether messages of type `type` have extension
// blocks in TLS 1.3, and so may carry tls_flags (W10): ClientHello,
// ServerHello (and HelloRetryRequest), EncryptedExtensions,
// CertificateRequest, Certificate and NewSessionTicket.
[[nodiscard]] constexpr bool carries_extensions(handshake_type type) noexcept {
  switch (type) {
    case handshake_type::client_hello:
    case handshake_type::server_hello:
    case handshake_type::new_session_ticket:
    case handshake_type::encrypted_extensions:
    case handshake_type::certificate:
    case handshake_type::certificate_request:
      return true;
    case handshake_type::end_of_early_data:
    case handshake_type::certificate_verify:
    case handshake_type::finished:
    case handshake_type::key_update:
    case handshake_type::message_hash:
      return false;
  }
  return false;
}

// content_type
//
// The `ContentType` of a TLS record (RFC 8446 section 5.1).
enum class content_type : std::uint8_t {
  change_cipher_spec = 20,
  alert = 21,
  handshake = 22,
  application_data = 23,
};

// kHandshakeHeaderSize is the size of a handshake message's type and
// 3-octet length.
inline constexpr std::size_t kHandshakeHeaderSize = 4;

// kRecordHeaderSize is the size of a record's content type, legacy version
// and 2-octet length.
inline constexpr std::size_t kRecordHeaderSize = 5;

// kMaxPlaintextLength is the longest fragment of a plaintext record, 2^14
// octets (RFC 8446 section 5.1).
inline constexpr std::size_t kMaxPlaintextLength = 16384;

// kMaxCiphertextLength is the longest fragment of a protected record,
// 2^14 + 256 octets (RFC 8446 section 5.2); it applies to records of type
// application_data.
inline constexpr std::size_t kMaxCiphertextLength = 16384 + 256;

// kHelloRetryRequestRandom is the random of every HelloRetryRequest:
// SHA-256("HelloRetryRequest") (RFC 8446 section 4.1.3).
inline constexpr std::array<std::uint8_t, 32> kHelloRetryRequestRandom = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c,
    0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb,
    0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

// handshake_message
//
// One handshake message: its type and its body (the octets after the
// 4-octet header). `body` may be null when `body_size` is 0.
struct handshake_message {
  handshake_type type = handshake_type{0};
  const std::uint8_t* body = nullptr;
  std::size_t body_size = 0;
};

// handshake_result
//
// The outcome of `parse_handshake()`: on success `error` is `errc::ok` and
// `message` is the message; on failure `message` is empty.
struct [[nodiscard]] handshake_result {
  handshake_message message;
  errc error = errc::ok;

  // Returns whether a whole message was found.
  constexpr explicit operator bool() const noexcept {
    return error == errc::ok;
  }
};

// parse_handshake
//
// Parses the handshake message at the start of `[data, data + size)`: the
// 1-octet type, the 3-octet length and the body of that length (RFC 8446
// section 4). Octets after the message are left to the caller; the message
// takes `kHandshakeHeaderSize + message.body_size` octets. Fails with
// `errc::truncated_handshake_message` when the header or the body is cut
// short. `data` may be null when `size` is 0.
[[nodiscard]] constexpr handshake_result parse_handshake(
    const std::uint8_t* data, std::size_t size) noexcept {
  handshake_result result;
  detail::reader input(data, size);
  std::uint8_t type = 0;
  std::uint32_t length = 0;
  detail::reader body;

  // RFC 8446 section 4: msg_type, the 3-octet length and the body.
  if (!input.read_u8(type) || !input.read_u24(length) ||
      !input.read_bytes(length, body)) {
    result.error = errc::truncated_handshake_message;
    return result;
  }
  result.message = handshake_message{static_cast<handshake_type>(type),
                                     body.data(), body.remaining()};
  return result;
}

// plaintext_record
//
// One TLS record (`TLSPlaintext`, RFC 8446 section 5.1): its content type,
// its legacy version (which RFC 8446 says to ignore) and its fragment.
// `fragment` may be null when `fragment_size` is 0.
struct plaintext_record {
  content_type type = content_type{0};
  std::uint16_t legacy_version = 0;
  const std::uint8_t* fragment = nullptr;
  std::size_t fragment_size = 0;
};

// record_result
//
// The outcome of `parse_record()`: on success `error` is `errc::ok` and
// `record` is the record; on failure `record` is empty.
struct [[nodiscard]] record_result {
  plaintext_record record;
  errc error = errc::ok;

  // Returns whether a whole record was found.
  constexpr explicit operator bool() const noexcept {
    return error == errc::ok;
  }
};

// parse_record
//
// Parses the record at the start of `[data, data + size)`: content type,
// legacy version, 2-octet length and fragment. Octets after the record are
// left to the caller; the record takes `kRecordHeaderSize +
// record.fragment_size` octets. Any content type is framed. A length above
// 2^14 (2^14 + 256 for application_data, whose records are protected) fails
// with `errc::record_too_long`; a header or fragment cut short with
// `errc::truncated_record`. `data` may be null when `size` is 0.
[[nodiscard]] constexpr record_result parse_record(const std::uint8_t* data,
                                                   std::size_t size) noexcept {
  record_result result;
  detail::reader input(data, size);
  std::uint8_t type = 0;
  std::uint16_t version = 0;
  std::uint16_t length = 0;

  // RFC 8446 section 5.1: type, legacy_record_version and length.
  if (!input.read_u8(type) || !input.read_u16(version) ||
      !input.read_u16(length)) {
    result.error = errc::truncated_record;
    return result;
  }

  // RFC 8446 sections 5.1 and 5.2: a fragment holds at most 2^14 octets, and
  // a protected one at most 256 more.
  const std::size_t limit =
      type == static_cast<std::uint8_t>(content_type::application_data)
          ? kMaxCiphertextLength
          : kMaxPlaintextLength;
  if (length > limit) {
    result.error = errc::record_too_long;
    return result;
  }

  // The fragment the length announces.
  detail::reader fragment;
  if (!input.read_bytes(length, fragment)) {
    result.error = errc::truncated_record;
    return result;
  }
  result.record = plaintext_record{static_cast<content_type>(type), version,
                                   fragment.data(), fragment.remaining()};
  return result;
}

class certificate_list;
class message_extensions;

namespace detail {

// handshake_access builds validated lists and blocks. Not part of the
// public API.
struct handshake_access {
  static constexpr certificate_list make_certificates(
      const std::uint8_t* list, std::size_t size, std::size_t count) noexcept;
  static constexpr message_extensions make_message(
      handshake_type type, bool hello_retry_request, extension_block block,
      const certificate_list& certificates, std::size_t count) noexcept;
};

// read_entry reads one CertificateEntry, whose framing has been validated,
// and returns false when it is not all there.
constexpr bool read_entry(reader& in, reader& cert_data,
                          reader& extensions) noexcept {
  reader copy = in;
  if (!copy.read_u24_prefixed(cert_data) ||
      !copy.read_u16_prefixed(extensions)) {
    return false;
  }
  in = copy;
  return true;
}

}  // namespace detail

// certificate_entry
//
// One `CertificateEntry` of a Certificate message (RFC 8446 section 4.4.2):
// its `cert_data` (or `ASN1_subjectPublicKeyInfo`, framed the same way) and
// its validated extension block. Both point into the message.
struct certificate_entry {
  const std::uint8_t* cert_data = nullptr;
  std::size_t cert_data_size = 0;
  extension_block extensions;
};

// certificate_list
//
// The validated `certificate_list` of a Certificate message, iterated entry
// by entry in wire order. A default-constructed list holds no entry.
class certificate_list {
 public:
  class iterator;

  constexpr certificate_list() noexcept = default;

  // size returns the number of entries.
  [[nodiscard]] constexpr std::size_t size() const noexcept { return count_; }

  // empty returns whether the list holds no entry.
  [[nodiscard]] constexpr bool empty() const noexcept { return count_ == 0; }

  [[nodiscard]] constexpr iterator begin() const noexcept;
  [[nodiscard]] constexpr iterator end() const noexcept;

  // iterator: a forward iterator over the entries of a list.
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = certificate_entry;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = certificate_entry;

    constexpr iterator() noexcept = default;

    [[nodiscard]] constexpr certificate_entry operator*() const noexcept {
      detail::reader copy = rest_;
      detail::reader cert_data;
      detail::reader extensions;
      certificate_entry entry;
      if (detail::read_entry(copy, cert_data, extensions)) {
        entry.cert_data = cert_data.data();
        entry.cert_data_size = cert_data.remaining();
        entry.extensions = detail::extension_block_access::make(
            extensions.data(), extensions.remaining());
      }
      return entry;
    }

    // The list is validated, so every step finds a whole entry; a step that
    // did not would end the iteration rather than read past it.
    constexpr iterator& operator++() noexcept {
      detail::reader cert_data;
      detail::reader extensions;
      if (!detail::read_entry(rest_, cert_data, extensions)) {
        rest_ = detail::reader(rest_.data() + rest_.remaining(), 0);
      }
      return *this;
    }

    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }

    // Iterators of the same list are equal when as many octets remain.
    [[nodiscard]] friend constexpr bool operator==(const iterator& a,
                                                   const iterator& b) noexcept {
      return a.rest_.remaining() == b.rest_.remaining();
    }

    [[nodiscard]] friend constexpr bool operator!=(const iterator& a,
                                                   const iterator& b) noexcept {
      return !(a == b);
    }

   private:
    friend class certificate_list;

    constexpr explicit iterator(detail::reader rest) noexcept : rest_(rest) {}

    detail::reader rest_;
  };

 private:
  friend struct detail::handshake_access;

  constexpr certificate_list(const std::uint8_t* list, std::size_t size,
                             std::size_t count) noexcept
      : data_(list), size_(size), count_(count) {}

  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t count_ = 0;
};

constexpr certificate_list::iterator certificate_list::begin() const noexcept {
  return iterator(detail::reader(data_, size_));
}

constexpr certificate_list::iterator certificate_list::end() const noexcept {
  return iterator(detail::reader(data_ + size_, 0));
}

// message_extensions
//
// The extension blocks of one handshake message, each validated: one block
// for ClientHello, ServerHello, HelloRetryRequest, EncryptedExtensions,
// CertificateRequest and NewSessionTicket; one per entry, in wire order, for
// Certificate (none for an empty certificate_list). Iteration yields
// `extension_block`s; for Certificate, `certificates()` gives each entry
// with its block. A default-constructed value holds no block.
class message_extensions {
 public:
  class iterator;

  constexpr message_extensions() noexcept = default;

  // type returns the message's handshake type.
  [[nodiscard]] constexpr handshake_type type() const noexcept { return type_; }

  // is_hello_retry_request returns whether the message is a ServerHello
  // whose random is `kHelloRetryRequestRandom`.
  [[nodiscard]] constexpr bool is_hello_retry_request() const noexcept {
    return hello_retry_request_;
  }

  // size returns the number of extension blocks.
  [[nodiscard]] constexpr std::size_t size() const noexcept { return count_; }

  // empty returns whether there is no extension block.
  [[nodiscard]] constexpr bool empty() const noexcept { return count_ == 0; }

  // certificates returns the entries of a Certificate message, or an empty
  // list for any other message.
  [[nodiscard]] constexpr const certificate_list& certificates()
      const noexcept {
    return certificates_;
  }

  [[nodiscard]] constexpr iterator begin() const noexcept {
    return iterator(block_, certificates_.begin(), 0, is_certificate());
  }

  [[nodiscard]] constexpr iterator end() const noexcept {
    return iterator(block_, certificates_.end(), count_, is_certificate());
  }

  // iterator: a forward iterator over the extension blocks of a message.
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = extension_block;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = extension_block;

    constexpr iterator() noexcept = default;

    [[nodiscard]] constexpr extension_block operator*() const noexcept {
      return certificate_ ? (*entry_).extensions : block_;
    }

    constexpr iterator& operator++() noexcept {
      ++index_;
      if (certificate_) {
        ++entry_;
      }
      return *this;
    }

    constexpr iterator operator++(int) noexcept {
      iterator old = *this;
      ++*this;
      return old;
    }

    [[nodiscard]] friend constexpr bool operator==(const iterator& a,
                                                   const iterator& b) noexcept {
      return a.index_ == b.index_;
    }

    [[nodiscard]] friend constexpr bool operator!=(const iterator& a,
                                                   const iterator& b) noexcept {
      return !(a == b);
    }

   private:
    friend class message_extensions;

    constexpr iterator(extension_block block, certificate_list::iterator entry,
                       std::size_t index, bool certificate) noexcept
        : block_(block),
          entry_(entry),
          index_(index),
          certificate_(certificate) {}

    extension_block block_;
    certificate_list::iterator entry_;
    std::size_t index_ = 0;
    bool certificate_ = false;
  };

 private:
  friend struct detail::handshake_access;

  constexpr bool is_certificate() const noexcept {
    return type_ == handshake_type::certificate;
  }

  handshake_type type_ = handshake_type{0};
  bool hello_retry_request_ = false;
  extension_block block_;
  certificate_list certificates_;
  std::size_t count_ = 0;
};

constexpr certificate_list detail::handshake_access::make_certificates(
    const std::uint8_t* list, std::size_t size, std::size_t count) noexcept {
  return certificate_list(list, size, count);
}

constexpr message_extensions detail::handshake_access::make_message(
    handshake_type type, bool hello_retry_request, extension_block block,
    const certificate_list& certificates, std::size_t count) noexcept {
  message_extensions message;
  message.type_ = type;
  message.hello_retry_request_ = hello_retry_request;
  message.block_ = block;
  message.certificates_ = certificates;
  message.count_ = count;
  return message;
}

// message_extensions_result
//
// The outcome of `parse_message_extensions()`. On success `error` is
// `errc::ok` and `extensions` holds the message's validated blocks. On
// failure `extensions` holds no block but still tells the type and, as far
// as the random was read, whether a ServerHello is a HelloRetryRequest;
// `offset` is where the broken structure begins, in octets from the start of
// the body (after the 4-octet header); and `extension_type` is the type of
// the extension at fault for `errc::extension_length_mismatch` and
// `errc::duplicate_extension` (W9).
struct [[nodiscard]] message_extensions_result {
  message_extensions extensions;
  errc error = errc::ok;
  std::size_t offset = 0;
  std::uint16_t extension_type = 0;

  // Returns whether the message was framed correctly.
  constexpr explicit operator bool() const noexcept {
    return error == errc::ok;
  }
};

namespace detail {

// message_framer walks the fixed fields of one message body to its
// extension block(s) and records the first broken rule.
class message_framer {
 public:
  constexpr message_framer(handshake_type type, const std::uint8_t* body,
                           std::size_t size) noexcept
      : body_(body), in_(body, size), type_(type) {}

  // offset returns where `r`, a reader into the body, stands.
  [[nodiscard]] constexpr std::size_t offset(const reader& r) const noexcept {
    return static_cast<std::size_t>(r.data() - body_);
  }

  // fail returns the result for `error` at `at`.
  [[nodiscard]] constexpr message_extensions_result fail(
      errc error, std::size_t at,
      std::uint16_t extension_type = 0) const noexcept {
    message_extensions_result result;
    result.extensions = handshake_access::make_message(
        type_, hello_retry_request_, extension_block(), certificate_list(), 0);
    result.error = error;
    result.offset = at;
    result.extension_type = extension_type;
    return result;
  }

  // fail_block returns the result for a block that failed validation;
  // `list_at` is where the block's list begins in the body.
  [[nodiscard]] constexpr message_extensions_result fail_block(
      const block_result& block, std::size_t list_at) const noexcept {
    return fail(block.error, list_at + block.offset, block.type);
  }

  // read_extensions reads an extensions field, a 2-octet length and the
  // list it frames, into `list`. It returns `errc::missing_extension_block`
  // when no octet is left for it and `errc::truncated_extension_block` when
  // the length or the list is cut short.
  [[nodiscard]] static constexpr errc read_extensions(reader& in,
                                                      reader& list) noexcept {
    if (in.empty()) {
      return errc::missing_extension_block;
    }
    if (!in.read_u16_prefixed(list)) {
      return errc::truncated_extension_block;
    }
    return errc::ok;
  }

  // finish reads the extensions field that ends a body: a 2-octet length, a
  // list of `min_size` to `max_size` octets (`out_of_bounds` otherwise),
  // the block, and nothing after it.
  [[nodiscard]] constexpr message_extensions_result finish(
      std::size_t min_size, std::size_t max_size, errc out_of_bounds) noexcept {
    const std::size_t at = offset(in_);
    reader list;
    const errc field = read_extensions(in_, list);
    if (field != errc::ok) {
      return fail(field, at);
    }

    // RFC 8446 section 4: the bounds of the message's extensions vector.
    if (list.remaining() < min_size || list.remaining() > max_size) {
      return fail(out_of_bounds, at);
    }

    // RFC 8446 section 4.2: exact framing, no duplicate (W9).
    const block_result block =
        parse_extension_block(list.data(), list.remaining());
    if (!block) {
      return fail_block(block, offset(list));
    }

    // The extensions field is the last of the body.
    if (!in_.empty()) {
      return fail(errc::extension_block_trailing_octets, offset(in_));
    }
    message_extensions_result result;
    result.extensions = handshake_access::make_message(
        type_, hello_retry_request_, block.block, certificate_list(), 1);
    return result;
  }

  constexpr message_extensions_result client_hello() noexcept {
    constexpr errc kMalformed = errc::malformed_client_hello;
    reader field;

    // RFC 8446 section 4.1.2: legacy_version and the 32-octet random.
    if (!in_.skip(2 + 32)) {
      return fail(kMalformed, 0);
    }

    // legacy_session_id<0..32>.
    reader copy = in_;
    if (!copy.read_u8_prefixed(field) || field.remaining() > 32) {
      return fail(kMalformed, offset(in_));
    }
    in_ = copy;

    // cipher_suites<2..2^16-2>: at least one suite of 2 octets.
    if (!copy.read_u16_prefixed(field) || field.remaining() < 2 ||
        field.remaining() % 2 != 0) {
      return fail(kMalformed, offset(in_));
    }
    in_ = copy;

    // legacy_compression_methods<1..2^8-1>.
    if (!copy.read_u8_prefixed(field) || field.empty()) {
      return fail(kMalformed, offset(in_));
    }
    in_ = copy;

    // extensions<8..2^16-1>.
    return finish(8, 0xffff, kMalformed);
  }

  constexpr message_extensions_result server_hello() noexcept {
    constexpr errc kMalformed = errc::malformed_server_hello;
    reader field;

    // RFC 8446 section 4.1.3: legacy_version.
    if (!in_.skip(2)) {
      return fail(kMalformed, 0);
    }

    // random. A HelloRetryRequest is the ServerHello whose random is
    // SHA-256("HelloRetryRequest").
    if (!in_.read_bytes(32, field)) {
      return fail(kMalformed, offset(in_));
    }
    hello_retry_request_ = true;
    for (std::size_t i = 0; i < kHelloRetryRequestRandom.size(); ++i) {
      std::uint8_t octet = 0;
      if (!field.read_u8(octet) || octet != kHelloRetryRequestRandom[i]) {
        hello_retry_request_ = false;
        break;
      }
    }

    // legacy_session_id_echo<0..32>.
    reader copy = in_;
    if (!copy.read_u8_prefixed(field) || field.remaining() > 32) {
      return fail(kMalformed, offset(in_));
    }
    in_ = copy;

    // cipher_suite (2 octets) and legacy_compression_method (1 octet).
    if (!in_.skip(2 + 1)) {
      return fail(kMalformed, offset(in_));
    }

    // extensions<6..2^16-1>, in ServerHello and HelloRetryRequest alike.
    return finish(6, 0xffff, kMalformed);
  }

  // RFC 8446 section 4.3.1: extensions<0..2^16-1>, the whole body. A
  // 2-octet length cannot leave those bounds, so `finish()` never reports
  // the last argument.
  constexpr message_extensions_result encrypted_extensions() noexcept {
    return finish(0, 0xffff, errc::truncated_extension_block);
  }

  constexpr message_extensions_result certificate_request() noexcept {
    constexpr errc kMalformed = errc::malformed_certificate_request;
    reader field;

    // RFC 8446 section 4.3.2: certificate_request_context<0..2^8-1>.
    if (!in_.read_u8_prefixed(field)) {
      return fail(kMalformed, 0);
    }

    // extensions<2..2^16-1>.
    return finish(2, 0xffff, kMalformed);
  }

  constexpr message_extensions_result new_session_ticket() noexcept {
    constexpr errc kMalformed = errc::malformed_new_session_ticket;
    reader field;

    // RFC 8446 section 4.6.1: ticket_lifetime and ticket_age_add, 4 octets
    // each.
    if (!in_.skip(4 + 4)) {
      return fail(kMalformed, 0);
    }

    // ticket_nonce<0..255>.
    if (!in_.read_u8_prefixed(field)) {
      return fail(kMalformed, offset(in_));
    }

    // ticket<1..2^16-1>.
    reader copy = in_;
    if (!copy.read_u16_prefixed(field) || field.empty()) {
      return fail(kMalformed, offset(in_));
    }
    in_ = copy;

    // extensions<0..2^16-2>.
    return finish(0, 0xfffe, kMalformed);
  }

  constexpr message_extensions_result certificate() noexcept {
    constexpr errc kMalformed = errc::malformed_certificate;
    reader field;

    // RFC 8446 section 4.4.2: certificate_request_context<0..2^8-1>.
    if (!in_.read_u8_prefixed(field)) {
      return fail(kMalformed, 0);
    }

    // certificate_list<0..2^24-1>, the last field of the body.
    reader list;
    if (!in_.read_u24_prefixed(list)) {
      return fail(kMalformed, offset(in_));
    }
    if (!in_.empty()) {
      return fail(kMalformed, offset(in_));
    }

    // Each CertificateEntry: cert_data<1..2^24-1> (or the same framing of
    // ASN1_subjectPublicKeyInfo), then extensions<0..2^16-1>.
    const reader whole = list;
    std::size_t count = 0;
    while (!list.empty()) {
      reader copy = list;
      if (!copy.read_u24_prefixed(field) || field.empty()) {
        return fail(kMalformed, offset(list));
      }
      list = copy;

      const std::size_t at = offset(list);
      reader extensions;
      const errc entry = read_extensions(list, extensions);
      if (entry != errc::ok) {
        return fail(entry, at);
      }

      // RFC 8446 section 4.2: exact framing, no duplicate (W9), in each
      // entry's block on its own.
      const block_result block =
          parse_extension_block(extensions.data(), extensions.remaining());
      if (!block) {
        return fail_block(block, offset(extensions));
      }
      ++count;
    }
    message_extensions_result result;
    result.extensions = handshake_access::make_message(
        type_, false, extension_block(),
        handshake_access::make_certificates(whole.data(), whole.remaining(),
                                            count),
        count);
    return result;
  }

 private:
  const std::uint8_t* body_ = nullptr;
  reader in_;
  handshake_type type_ = handshake_type{0};
  bool hello_retry_request_ = false;
};

}  // namespace detail

// parse_message_extensions
//
// Walks the body of `message` to its extension block(s), checking every
// field and every length on the way (RFC 8446 section 4), and validates
// each block as `parse_extension_block()` does: exact framing and no
// duplicate type (W9). Fails with:
//
//   * `errc::unsupported_handshake_type` for a type that has no extension
//     block (`carries_extensions()` is false) or is unknown;
//   * `errc::malformed_client_hello`, `malformed_server_hello` (for
//     HelloRetryRequest too), `malformed_certificate_request`,
//     `malformed_certificate` or `malformed_new_session_ticket` for a fixed
//     field cut short or out of its bounds, or an extensions vector out of
//     the bounds of its message;
//   * `errc::missing_extension_block` when the body ends where the
//     extensions field should begin (TLS 1.2 and earlier allowed this in
//     hellos; TLS 1.3 does not);
//   * `errc::truncated_extension_block` when the field's length is cut
//     short or runs past the body;
//   * `errc::extension_block_trailing_octets` when octets follow the last
//     field;
//   * the block errors of `parse_extension_block()`.
//
// See `message_extensions_result` for offsets.
[[nodiscard]] constexpr message_extensions_result parse_message_extensions(
    const handshake_message& message) noexcept {
  detail::message_framer framer(message.type, message.body, message.body_size);
  switch (message.type) {
    case handshake_type::client_hello:
      return framer.client_hello();
    case handshake_type::server_hello:
      return framer.server_hello();
    case handshake_type::encrypted_extensions:
      return framer.encrypted_extensions();
    case handshake_type::certificate_request:
      return framer.certificate_request();
    case handshake_type::certificate:
      return framer.certificate();
    case handshake_type::new_session_ticket:
      return framer.new_session_ticket();
    case handshake_type::end_of_early_data:
    case handshake_type::certificate_verify:
    case handshake_type::finished:
    case handshake_type::key_update:
    case handshake_type::message_hash:
      break;
  }
  return framer.fail(errc::unsupported_handshake_type, 0);
}

// handshake_reader
//
// Reads handshake messages one at a time from captured octets, in one of
// two framings:
//
//   * `from_records()`: a stream of plaintext TLS records (RFC 8446 section
//     5.1). Records of type handshake (22) carry the messages: several
//     messages may share one record and one message may span several.
//     Records of type change_cipher_spec (20), alert (21) and
//     application_data (23) between messages are skipped and counted;
//     between two fragments of one message they fail with
//     `errc::interleaved_record`. Any other content type fails with
//     `errc::unknown_content_type`, a zero-length handshake record with
//     `errc::empty_handshake_record`, and the record errors of
//     `parse_record()` stop the reader.
//   * `from_messages()`: bare handshake messages back to back, without a
//     record layer.
//
// Reassembly. A message that lies inside one record is returned in place,
// pointing into the input, with no copy. A message that spans records is
// copied into the caller's buffer `[buffer, buffer + buffer_size)`, header
// included, and returned from there; it must fit: a message longer than
// `buffer_size - kHandshakeHeaderSize` octets (or, with no buffer, any
// message that spans records) fails with
// `errc::handshake_message_too_large`. Size the buffer for the largest
// message expected across records: 2^16 holds any realistic ClientHello and
// most certificate chains, and 4 + 2^24 - 1 any message at all. Nothing is
// allocated. A message returned from the buffer stays valid until the next
// call to `next()`; one returned in place, as long as the input.
//
// The input (and buffer) must outlive the reader. The reader never reads or
// writes outside them, for any octets.
class handshake_reader {
 public:
  // from_records returns a reader of the records in `[data, data + size)`
  // that reassembles into `[buffer, buffer + buffer_size)`. `buffer` may be
  // null when `buffer_size` is 0.
  [[nodiscard]] static constexpr handshake_reader from_records(
      const std::uint8_t* data, std::size_t size,
      std::uint8_t* buffer = nullptr, std::size_t buffer_size = 0) noexcept {
    return handshake_reader(data, size, true, buffer, buffer_size);
  }

  // from_messages returns a reader of the bare handshake messages in
  // `[data, data + size)`.
  [[nodiscard]] static constexpr handshake_reader from_messages(
      const std::uint8_t* data, std::size_t size) noexcept {
    return handshake_reader(data, size, false, nullptr, 0);
  }

  // next stores the next message in `out` and returns true. It returns
  // false, leaving `out` unchanged, at the end of the input or on the first
  // malformed structure; `error()` then tells which. After false it keeps
  // returning false.
  [[nodiscard]] constexpr bool next(handshake_message& out) noexcept {
    if (error_ != errc::ok) {
      return false;
    }
    return records_ ? next_from_records(out) : next_message(out);
  }

  // error returns `errc::ok` while no malformed structure has been found,
  // and at the clean end of the input; otherwise the first error:
  // `errc::truncated_handshake_message` when the input ends inside a
  // message, or one of the record errors above.
  [[nodiscard]] constexpr errc error() const noexcept { return error_; }

  // error_offset returns where the structure named by `error()` begins, in
  // octets from the start of the input: the record at fault, or for a
  // message the record (or, in bare framing, the octet) where it begins.
  [[nodiscard]] constexpr std::size_t error_offset() const noexcept {
    return error_offset_;
  }

  // skipped_records returns the number of records of other types than
  // handshake skipped so far.
  [[nodiscard]] constexpr std::size_t skipped_records() const noexcept {
    return skipped_;
  }

 private:
  constexpr handshake_reader(const std::uint8_t* data, std::size_t size,
                             bool records, std::uint8_t* buffer,
                             std::size_t buffer_size) noexcept
      : size_(size),
        input_(data, size),
        buffer_(buffer),
        buffer_size_(buffer_size),
        records_(records) {}

  constexpr bool fail(errc error, std::size_t at) noexcept {
    error_ = error;
    error_offset_ = at;
    return false;
  }

  constexpr std::size_t input_offset() const noexcept {
    return size_ - input_.remaining();
  }

  constexpr bool next_message(handshake_message& out) noexcept {
    if (input_.empty()) {
      return false;
    }
    const std::size_t at = input_offset();
    const handshake_result message =
        parse_handshake(input_.data(), input_.remaining());
    if (!message) {
      return fail(message.error, at);
    }
    if (!input_.skip(kHandshakeHeaderSize + message.message.body_size)) {
      return fail(errc::truncated_handshake_message, at);
    }
    out = message.message;
    return true;
  }

  // next_fragment moves to the next handshake record with octets, skipping
  // records of other types, unless `inside_message` says a message has
  // begun and must continue. It returns false at the end of the input or on
  // an error.
  constexpr bool next_fragment(bool inside_message) noexcept {
    while (!input_.empty()) {
      const std::size_t at = input_offset();
      const record_result parsed =
          parse_record(input_.data(), input_.remaining());
      if (!parsed) {
        return fail(parsed.error, at);
      }
      const plaintext_record& record = parsed.record;
      if (!input_.skip(kRecordHeaderSize + record.fragment_size)) {
        return fail(errc::truncated_record, at);
      }

      switch (record.type) {
        case content_type::handshake:
          // RFC 8446 section 5.1: no zero-length handshake fragments.
          if (record.fragment_size == 0) {
            return fail(errc::empty_handshake_record, at);
          }
          fragment_ = detail::reader(record.fragment, record.fragment_size);
          record_offset_ = at;
          return true;

        case content_type::change_cipher_spec:
        case content_type::alert:
        case content_type::application_data:
          // RFC 8446 section 5.1: a message split over records has no
          // record of another type between its fragments.
          if (inside_message) {
            return fail(errc::interleaved_record, at);
          }
          ++skipped_;
          break;

        default:
          // RFC 8446 section 5: an unexpected record type.
          return fail(errc::unknown_content_type, at);
      }
    }
    return false;
  }

  constexpr bool next_from_records(handshake_message& out) noexcept {
    if (fragment_.empty() && !next_fragment(false)) {
      return false;
    }
    const std::size_t message_offset = record_offset_;

    // A message wholly inside the current record: in place, no copy.
    detail::reader copy = fragment_;
    std::uint8_t type = 0;
    std::uint32_t length = 0;
    detail::reader body;
    if (copy.read_u8(type) && copy.read_u24(length) &&
        copy.read_bytes(length, body)) {
      fragment_ = copy;
      out = handshake_message{static_cast<handshake_type>(type), body.data(),
                              body.remaining()};
      return true;
    }

    // RFC 8446 section 5.1: the message continues in the next records.
    // Gather the header, learn the length, then gather the body.
    std::size_t needed = kHandshakeHeaderSize;
    std::size_t filled = 0;
    bool have_length = false;
    for (;;) {
      if (needed > buffer_size_) {
        return fail(errc::handshake_message_too_large, message_offset);
      }
      const std::size_t want = needed - filled;
      const std::size_t take =
          want < fragment_.remaining() ? want : fragment_.remaining();
      if (!fragment_.copy_bytes(take, buffer_ + filled)) {
        return fail(errc::truncated_handshake_message, message_offset);
      }
      filled += take;

      if (!have_length && filled == kHandshakeHeaderSize) {
        detail::reader header(buffer_, kHandshakeHeaderSize);
        if (!header.skip(1) || !header.read_u24(length)) {
          return fail(errc::truncated_handshake_message, message_offset);
        }
        needed += length;
        have_length = true;
        continue;
      }
      if (filled == needed) {
        break;
      }

      if (!next_fragment(true)) {
        return error_ != errc::ok
                   ? false
                   : fail(errc::truncated_handshake_message, message_offset);
      }
    }
    out = handshake_message{static_cast<handshake_type>(buffer_[0]),
                            buffer_ + kHandshakeHeaderSize,
                            needed - kHandshakeHeaderSize};
    return true;
  }

  std::size_t size_ = 0;
  detail::reader input_;
  detail::reader fragment_;
  std::size_t record_offset_ = 0;
  std::uint8_t* buffer_ = nullptr;
  std::size_t buffer_size_ = 0;
  bool records_ = false;
  errc error_ = errc::ok;
  std::size_t error_offset_ = 0;
  std::size_t skipped_ = 0;
};

#if TLSFLAGS_HAS_SPAN
// Overloads for `std::span`, with the same contracts as above.

[[nodiscard]] constexpr handshake_result parse_handshake(
    std::span<const std::uint8_t> data) noexcept {
  return parse_handshake(data.data(), data.size());
}

[[nodiscard]] constexpr record_result parse_record(
    std::span<const std::uint8_t> data) noexcept {
  return parse_record(data.data(), data.size());
}
#endif

}  // namespace tlsflags

#endif  // TLSFLAGS_HANDSHAKE_HPP_
