#!/usr/bin/env bash
# Runs the tlsflags tool and checks its output and exit status, one group of
# cases per command. Usage: cli_test.sh TOOL GROUP
set -uo pipefail
tool=$1
group=$2
failures=0
cases=0

# expect STATUS PATTERN ARGS...: runs `tool ARGS...`; the exit status must be
# STATUS and standard output plus standard error must match the extended
# regular expression PATTERN.
expect() {
  local status=$1 pattern=$2
  shift 2
  local output actual
  output=$("$tool" "$@" 2>&1)
  actual=$?
  cases=$((cases + 1))
  if [ "$actual" -ne "$status" ] || ! grep -qE -- "$pattern" <<<"$output"; then
    failures=$((failures + 1))
    echo "FAIL: tlsflags $* (status $actual, expected $status)"
    echo "  expected output matching: $pattern"
    echo "  got: $output" | head -n 8
  fi
}

# expect_stdin STATUS PATTERN INPUT ARGS...: as expect, with INPUT on stdin.
expect_stdin() {
  local status=$1 pattern=$2 input=$3
  shift 3
  local output actual
  output=$("$tool" "$@" 2>&1 <<<"$input")
  actual=$?
  cases=$((cases + 1))
  if [ "$actual" -ne "$status" ] || ! grep -qE -- "$pattern" <<<"$output"; then
    failures=$((failures + 1))
    echo "FAIL: tlsflags $* < input (status $actual, expected $status)"
    echo "  expected output matching: $pattern"
    echo "  got: $output" | head -n 8
  fi
}

zeros10="00 00 00 00 00 00 00 00 00 00"

# hs TYPE BODY_HEX: a handshake message (type, 3-octet length, body).
hs() {
  local body=${2// /}
  printf '%02x%06x%s' "$1" $((${#body} / 2)) "$body"
}

# record HEX: one handshake record around HEX.
record() {
  local data=${1// /}
  printf '160303%04x%s' $((${#data} / 2)) "$data"
}

random32=$(printf '00%.0s' $(seq 32))
# A ClientHello carrying supported_versions and tls_flags {80} under CODE.
client_hello() {
  local flags_ext="$1 000c 0b $zeros10 01"
  local exts="002b 0003 02 0304 $flags_ext"
  exts=${exts// /}
  local body="0303 $random32 00 0002 1301 0100 $(printf '%04x' $((${#exts} / 2))) $exts"
  hs 1 "$body"
}
# EncryptedExtensions with a tls_flags body BODY under 62.
encrypted_extensions() {
  local body=${1// /}
  local ext="003e $(printf '%04x' $((${#body} / 2))) $body"
  ext=${ext// /}
  hs 8 "$(printf '%04x' $((${#ext} / 2))) $ext"
}

case $group in
  decode)
    expect 0 '^valid: 1 flag' decode "0b $zeros10 01"
    expect 0 '80 request_mtls' decode 0b $zeros10 01
    expect 0 '"valid": true, "flags": \[\{"value": 1, "name": null\}, \{"value": 5, "name": null\}\]' decode --json 01 22
    expect 0 '\{"value": 2039, "name": null\}' decode --json "ff $(printf '00 %.0s' $(seq 254)) 80"
    expect 1 'trailing_zero_octet \(W5\).*illegal_parameter \(47\)' decode 02 02 00
    expect 1 '"valid": false, "error": "trailing_zero_octet", "rule": "W5", "alert": "illegal_parameter", "alert_code": 47, "flags": \[\{"value": 1' decode --json 02 02 00
    expect 1 '"error": "empty_vector", "rule": "W6", "alert": "decode_error", "alert_code": 50' decode --json 00
    expect 1 '"error": "truncated_vector".*"flags": \[\{"value": 0, "name": null\}, \{"value": 9' decode --json 05 01 02
    expect 1 '"error": "trailing_octets".*"alert_code": 50' decode --json 01 01 00
    expect 1 'empty_vector \(W6\)' decode 00
    expect 2 'pairs of hex digits' decode 0
    expect 2 'pairs of hex digits' decode zz
    expect 2 'usage: tlsflags decode' decode
    expect 0 'usage: tlsflags decode' decode --help
    expect_stdin 0 'valid: 2 flags' "01 22" decode -
    ;;
  encode)
    expect 0 '^0b0000000000000000000001$' encode request_mtls
    expect 0 '^0b0001000000000000000001$' encode 80 resumption_across_names
    expect 0 '^0b0001000000000000000001$' encode 8,80
    expect 0 '^032800 ?80$' encode 3 5 23
    expect 0 '^003e000c0b0000000000000000000001$' encode --extension 80
    expect 0 '^fe01000c0b0000000000000000000001$' encode --extension --codepoint 0xfe01 80
    expect 0 '"body": "0b0000000000000000000001", "codepoint": 65025, "extension": "fe01000c0b0000000000000000000001"' encode --json --extension --codepoint 65025 request_mtls
    expect 0 '"flags": \[\{"value": 80, "name": "request_mtls"\}\]' encode --json 80
    expect 1 'above 2039 \(W3\)' encode 2040
    expect 1 "unknown flag 'no_such_flag'" encode no_such_flag
    expect 1 '"valid": false, "error": "unknown flag' encode --json bogus
    expect 2 'at least one FLAG' encode
    expect 2 '--codepoint goes with --extension' encode --codepoint 62 80
    expect 2 'from 0 to 65535' encode --extension --codepoint 65536 80
    expect 2 'unknown option --frobnicate' encode --frobnicate 80
    expect 0 'usage: tlsflags encode' encode --help
    ;;
  check)
    mtls="0b $zeros10 01"
    expect 0 '^valid in client_hello: 1 flag' check --message ch $mtls
    expect 0 '"valid": true, "message": "certificate_request", "flags": \[\{"value": 80' check --json --message cr --proposed request_mtls $mtls
    expect 1 '"error": "unsolicited_flag", "rule": "M4", "alert": "illegal_parameter", "alert_code": 47, "flag": 80' check --json --message cr $mtls
    expect 1 '"error": "flag_not_allowed_in_message", "rule": "M5".*"flag": 80' check --json --message ee --proposed 80 $mtls
    expect 1 'flag_not_allowed_in_message \(M5\).*80 request_mtls.*illegal_parameter \(47\)' check --message sh --proposed 80 $mtls
    expect 1 '"error": "flag_not_allowed_in_message", "rule": "M5"' check --json --message cct $mtls
    expect 1 '"error": "unsolicited_flag", "rule": "S2"' check --json --message ee 01 01
    expect 0 '"valid": true' check --json --message ee --proposed 0 01 01
    expect 0 '"valid": true, "message": "client_hello", "flags": \[\{"value": 1, "name": null\}\]' check --json --message ch 01 02
    expect 0 '"valid": true, "message": "new_session_ticket"' check --json --message nst 02 00 01
    expect 1 '"error": "trailing_zero_octet", "rule": "W5"' check --json --message ch 02 02 00
    expect 2 'needs --message' check 01 01
    expect 2 "unknown message 'xx'" check --message xx 01 01
    expect 2 'unknown flag' check --message ee --proposed bogus 01 01
    expect 0 'usage: tlsflags check' check --help
    ;;
  registry)
    expect 0 '^8 +resumption_across_names +NST +- +N' registry
    expect 0 '^80 +request_mtls +CH +CR +N +draft-jhoyla-req-mtls-flag \(value provisional\)' registry
    expect 0 '"value": 80, "name": "request_mtls", "proposed_in": \["client_hello"\], "acknowledged_in": \["certificate_request"\], "recommended": "N", "reference": "draft-jhoyla-req-mtls-flag", "provisional": true' registry --json
    expect 0 '"value": 8, "name": "resumption_across_names", "proposed_in": \["new_session_ticket"\], "acknowledged_in": \[\]' registry --json
    expect 2 'takes no operand' registry extra
    ;;
  inspect)
    ch62=$(client_hello 003e)
    chfe=$(client_hello fe01)
    expect 0 '"messages": \[\{"type": "client_hello", "found": true, "codepoint": 62, "valid": true, "flags": \[\{"value": 80, "name": "request_mtls"\}\]\}\]' inspect --json "$(record "$ch62")"
    expect 0 '"codepoint": 65025, "valid": true' inspect --json "$(record "$chfe")"
    expect 0 'client_hello: tls_flags \(code point 65025\): 1 flag' inspect "$(record "$chfe")"
    # Only the code point asked for.
    expect 0 '"found": false, "codepoint": null' inspect --json --codepoint 62 "$(record "$chfe")"
    # A bare handshake message, no record layer; from standard input.
    expect_stdin 0 '"type": "client_hello", "found": true' "$ch62" inspect --json -
    # Two messages in one record, the second with a malformed body.
    ee_bad=$(encrypted_extensions "02 02 00")
    expect 1 '"type": "client_hello".*\{"type": "encrypted_extensions", "found": true, "codepoint": 62, "valid": false, "error": "trailing_zero_octet", "rule": "W5", "alert": "illegal_parameter", "alert_code": 47, "flags": \[\{"value": 1' inspect --json "$(record "$ch62$ee_bad")"
    # One message split across two records.
    half=$(( ${#ch62} / 2 ))
    half=$(( half - half % 2 ))
    expect 0 '"type": "client_hello", "found": true, "codepoint": 62, "valid": true' inspect --json "$(record "${ch62:0:$half}")$(record "${ch62:$half}")"
    # A record cut short: a framing error entry with its offset.
    full=$(record "$ch62")
    expect 1 '\{"type": null, "valid": false, "error": "truncated_record".*"offset": 0\}' inspect --json "${full:0:40}"
    # A message whose extensions carry a duplicate (W9).
    dup=$(hs 8 "000e 003e 0003 02 00 01 003e 0003 02 00 01")
    expect 1 '"type": "encrypted_extensions", "valid": false, "error": "duplicate_extension".*"alert_code": 47' inspect --json "$(record "$dup")"
    expect 2 'pairs of hex digits' inspect --json 0
    expect 0 'usage: tlsflags inspect' inspect --help
    ;;
  usage)
    expect 2 'usage: tlsflags COMMAND' 
    expect 2 "unknown command 'frob'" frob
    expect 0 'usage: tlsflags COMMAND' --help
    expect 0 '^tlsflags [0-9]+\.[0-9]+\.[0-9]+$' --version
    ;;
  *)
    echo "unknown group $group" >&2
    exit 2
    ;;
esac

echo "$group: $((cases - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
