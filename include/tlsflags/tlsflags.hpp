// tlsflags: the TLS Flags extension (draft-ietf-tls-tlsflags) for C++.
// SPDX-License-Identifier: MIT
//
// -----------------------------------------------------------------------------
// File: tlsflags.hpp
// -----------------------------------------------------------------------------
//
// The umbrella header: everything in the library except optional adapters.

#ifndef TLSFLAGS_TLSFLAGS_HPP_
#define TLSFLAGS_TLSFLAGS_HPP_

#include "tlsflags/codec.hpp"
#include "tlsflags/config.hpp"
#include "tlsflags/error.hpp"
#include "tlsflags/extension.hpp"
#include "tlsflags/flag_set.hpp"
#include "tlsflags/handshake.hpp"
#include "tlsflags/message.hpp"
#include "tlsflags/registry.hpp"
#include "tlsflags/rules.hpp"

#endif  // TLSFLAGS_TLSFLAGS_HPP_
