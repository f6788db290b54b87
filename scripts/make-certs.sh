#!/usr/bin/env bash
# Makes a throw-away certificate authority and node certificates for Akka.Remote's mutual TLS.
# usage: make-certs.sh DIR [NODE...]   (nodes default to "node")
# Writes DIR/ca.crt (the CA, PEM: what nodes trust), DIR/ca.key, and for each NODE DIR/NODE.pfx
# (PKCS#12 with key and certificate, password in DIR/password, what Akka.Remote loads). Node certificates
# carry DNS:localhost and IP:127.0.0.1 and are valid for both server and client authentication, since every
# Akka.Remote node is both. Existing files are kept, so a second run reuses the same CA.
# Debian's openssl is installed if it is missing, as with-postgres.sh does for PostgreSQL.
set -euo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 DIR [NODE...]" >&2
    exit 2
fi
dir=$1
shift
nodes=("$@")
if [[ ${#nodes[@]} -eq 0 ]]; then
    nodes=(node)
fi

if ! command -v openssl >/dev/null 2>&1; then
    echo "make-certs: openssl not found, installing Debian's openssl" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq openssl >&2
fi

mkdir -p "$dir"
umask 077
if [[ ! -f "$dir/password" ]]; then
    openssl rand -hex 16 >"$dir/password"
fi
password=$(cat "$dir/password")

if [[ ! -f "$dir/ca.crt" ]]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=cluster-test-ca" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
fi

for node in "${nodes[@]}"; do
    if [[ -f "$dir/$node.pfx" ]]; then
        continue
    fi
    ext="$dir/$node.ext"
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
        "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1" >"$ext"
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$node" -keyout "$dir/$node.key" -out "$dir/$node.csr" 2>/dev/null
    openssl x509 -req -in "$dir/$node.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 30 \
        -extfile "$ext" -out "$dir/$node.crt" 2>/dev/null
    openssl pkcs12 -export -inkey "$dir/$node.key" -in "$dir/$node.crt" -name "$node" \
        -passout "pass:$password" -out "$dir/$node.pfx"
    rm -f "$dir/$node.csr" "$ext"
done
echo "make-certs: CA $dir/ca.crt, nodes ${nodes[*]} in $dir (password in $dir/password)" >&2
