#!/usr/bin/env bash
# Writes throwaway certificates for the TLS tests into DIR (made if need be):
#
#   ca.pem                    the test CA, which signed the two below
#   server.pem, server.key    the server's: DNS:localhost, IP:127.0.0.1, IP:::1
#   client.pem, client.key    a client's: CN and DNS reporting.acme.test
#   other-ca.pem              a CA that signed neither, for "wrong CA" tests
#   stranger.pem, .key        signed by other-ca: a client with client's name from a CA not trusted
#   rotated.pem, .key         signed by other-ca: a server certificate to rotate to
#
#   tests/support/make-test-certificates.sh DIR
#
# EC P-256 keys (fast to make), valid for two days; nothing here is committed.
set -euo pipefail
dir=${1:?usage: make-test-certificates.sh DIR}
mkdir -p "$dir"
cd "$dir"

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# new_ca NAME: NAME.pem and NAME.key, self-signed.
new_ca() {
  new_key "$1.key"
  openssl req -x509 -new -key "$1.key" -subj "/CN=salesmetrics test $1" -days 2 -out "$1.pem" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
}

# new_leaf CA NAME COMMON_NAME SUBJECT_ALT_NAMES EXTENDED_KEY_USAGE: NAME.pem and NAME.key, signed by CA.
new_leaf() {
  new_key "$2.key"
  openssl req -new -key "$2.key" -subj "/CN=$3" 2>/dev/null |
    openssl x509 -req -CA "$1.pem" -CAkey "$1.key" -CAcreateserial -days 2 -out "$2.pem" \
      -extfile <(printf 'subjectAltName=%s\nextendedKeyUsage=%s\n' "$4" "$5") 2>/dev/null
}

new_ca ca
new_leaf ca server localhost "DNS:localhost,IP:127.0.0.1,IP:::1" serverAuth
new_leaf ca client reporting.acme.test "DNS:reporting.acme.test" clientAuth
new_ca other-ca
new_leaf other-ca stranger reporting.acme.test "DNS:reporting.acme.test" clientAuth
new_leaf other-ca rotated localhost "DNS:localhost,IP:127.0.0.1,IP:::1" serverAuth
rm -f ca.key other-ca.key ca.srl other-ca.srl
