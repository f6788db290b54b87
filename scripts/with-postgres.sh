#!/usr/bin/env bash
# Runs CMD... with CLUSTER_TEST_PG pointing at a PostgreSQL server.
# If CLUSTER_TEST_PG is already set, CMD runs against that server. Otherwise a throw-away server is started:
# Debian's postgresql is installed if initdb is missing, a cluster is initialised in a temp dir owned by the
# postgres user (the server refuses to run as root), it listens on a free port on 127.0.0.1 only with its unix
# socket in the temp dir, and it is stopped and deleted on exit. CMD's exit code is propagated.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

if [[ -n "${CLUSTER_TEST_PG:-}" ]]; then
    exec "$@"
fi

find_bin() {
    local name=$1
    if command -v "$name" >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v "$name")")"
        return 0
    fi
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/$name" ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

if ! PG_BIN=$(find_bin initdb); then
    echo "with-postgres: initdb not found, installing Debian's postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    PG_BIN=$(find_bin initdb)
fi

# The server must not run as root; use the postgres user the Debian package creates, or create one.
RUN_AS=postgres
if ! id "$RUN_AS" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
fi

as_pg() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u "$RUN_AS" -- "$@"
    else
        "$@"
    fi
}

TMP_DIR=$(mktemp -d /tmp/cluster-pg.XXXXXX)
chmod 755 "$TMP_DIR"
if [[ "$(id -u)" -eq 0 ]]; then
    chown "$RUN_AS" "$TMP_DIR"
fi
DATA_DIR="$TMP_DIR/data"

cleanup() {
    as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$TMP_DIR"
}
trap cleanup EXIT

# A free port: a random one nobody answers on (bash only, no extra tools). pg_ctl fails loudly if it was taken.
PORT=
for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
done
[[ -n "$PORT" ]] || { echo "with-postgres: no free port found" >&2; exit 1; }
PASSWORD="cluster-test-$$-$RANDOM"
PW_FILE="$TMP_DIR/pwfile"
echo "$PASSWORD" > "$PW_FILE"
if [[ "$(id -u)" -eq 0 ]]; then chown "$RUN_AS" "$PW_FILE"; fi

as_pg "$PG_BIN/initdb" -D "$DATA_DIR" -U cluster --pwfile="$PW_FILE" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$TMP_DIR/initdb.log" 2>&1 \
    || { cat "$TMP_DIR/initdb.log" >&2; exit 1; }

# Tests create many schemas and connections in parallel; fsync stays on so the benchmark measures real commits.
as_pg "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$TMP_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$TMP_DIR -c max_connections=300" >/dev/null \
    || { cat "$TMP_DIR/server.log" >&2; exit 1; }

for _ in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q; then break; fi
    sleep 0.5
done
"$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q || { echo "with-postgres: server did not become ready" >&2; cat "$TMP_DIR/server.log" >&2; exit 1; }

export CLUSTER_TEST_PG="Host=127.0.0.1;Port=$PORT;Username=cluster;Password=$PASSWORD;Database=postgres"
set +e
"$@"
STATUS=$?
set -e
exit $STATUS
