#!/usr/bin/env bash
# End to end: a ClientHello that OpenSSL writes with a tls_flags custom
# extension, inspected by the tool. Usage: inspect_openssl_test.sh TOOL MAKER
set -uo pipefail
tool=$1
maker=$2
failures=0
cases=0

# check CODE_POINT FLAGS PATTERN: the tool's JSON for OpenSSL's ClientHello
# with FLAGS under CODE_POINT must match PATTERN.
check() {
  local code_point=$1 flags=$2 pattern=$3 hello output
  cases=$((cases + 1))
  if ! hello=$("$maker" "$code_point" $flags); then
    echo "FAIL: OpenSSL wrote no ClientHello for $code_point $flags"
    failures=$((failures + 1))
    return
  fi
  output=$("$tool" inspect --json - <<<"$hello")
  if [ $? -ne 0 ] || ! grep -qE -- "$pattern" <<<"$output"; then
    echo "FAIL: $code_point $flags"
    echo "  expected: $pattern"
    echo "  got: $output"
    failures=$((failures + 1))
  fi
}

check 62 80 '^\{"messages": \[\{"type": "client_hello", "found": true, "codepoint": 62, "valid": true, "flags": \[\{"value": 80, "name": "request_mtls"\}\]\}\]\}$'
check 0xfe01 80 '"type": "client_hello", "found": true, "codepoint": 65025, "valid": true, "flags": \[\{"value": 80, "name": "request_mtls"\}\]'
check 62 "1 5 2039" '"codepoint": 62, "valid": true, "flags": \[\{"value": 1, "name": null\}, \{"value": 5, "name": null\}, \{"value": 2039, "name": null\}\]'

echo "inspect_openssl: $((cases - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
