#!/usr/bin/env bash
# Runs a local cluster on loopback: one controller (embedded SQLite) and 4 host-node processes, adds
# 2 datastores, creates a dozen VMs and powers them on, then shows a live view (hosts, VMs, recent
# events, refreshed every 2 s) until Ctrl+C, and stops every process it started.
#
#   scripts/run-local-cluster.sh [--no-watch] [--duration N] [--data-dir DIR] [--hosts N] [--vms N]
#
#   --no-watch     print the cluster once instead of the live view, then stop (also CLUSTER_NO_WATCH=1)
#   --duration N   stop the live view after N seconds (default: until Ctrl+C); with --no-watch, run N
#                  seconds before printing the cluster and stopping
#   --data-dir DIR keep the database, storage leases and logs in DIR (default: a new temp directory); run
#                  again on the same DIR, it resumes: the cluster comes back from its journal, VMs that
#                  exist are not created again (stopped ones are started), earlier logs are kept as *.log.<time>
#   --hosts N      host-node processes (default 4); --vms N: VMs to create (default 12)
#
# Needs only the .NET SDK (and openssl, installed by scripts/make-certs.sh if missing). Ports: controller
# 9000 (cluster) and 9110 (admin API), hosts 9121...; if any is taken, all move up by 100 until a free set
# is found. Cluster traffic is mutual TLS: on first run a throw-away CA and one certificate per node are
# made in DIR/certs (scripts/make-certs.sh) and passed to every process.
set -euo pipefail
cd "$(dirname "$0")/.."

watch=1
[ "${CLUSTER_NO_WATCH:-0}" = "1" ] && watch=0
duration=0
data_dir=""
hosts=4
vms=12
while [ $# -gt 0 ]; do
  case "$1" in
    --no-watch) watch=0 ;;
    --duration) duration="${2:?--duration needs seconds}"; shift ;;
    --data-dir) data_dir="${2:?--data-dir needs a directory}"; shift ;;
    --hosts) hosts="${2:?--hosts needs a number}"; shift ;;
    --vms) vms="${2:?--vms needs a number}"; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-local-cluster: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '==> %s\n' "$*"; }

say "building (Release)"
for project in src/Controller/Controller.csproj src/HostNode/HostNode.csproj src/Shell/Shell.csproj; do
  dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null || { echo "build of $project failed" >&2; dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly; exit 1; }
done
controller_dll=src/Controller/bin/Release/net10.0/Cluster.Controller.dll
host_dll=src/HostNode/bin/Release/net10.0/Cluster.HostNode.dll
shell_dll=src/Shell/bin/Release/net10.0/cluster-shell.dll

if [ -z "$data_dir" ]; then
  data_dir=$(mktemp -d "${TMPDIR:-/tmp}/local-cluster.XXXXXX")
fi
mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)
leases="$data_dir/storage-leases"

# A resumed run keeps the previous run's logs beside the new ones.
run_stamp=$(date +%Y%m%d-%H%M%S)
kept_logs=0
for log in "$data_dir"/*.log; do
  [ -e "$log" ] || continue
  mv "$log" "$log.$run_stamp"
  kept_logs=1
done
[ "$kept_logs" = 1 ] && say "resuming on $data_dir; the previous run's logs are kept as *.log.$run_stamp"

certs="$data_dir/certs"
nodes=(ctrl-1)
for i in $(seq 1 "$hosts"); do nodes+=("h-$i"); done
[ -f "$certs/ca.crt" ] || say "making a throw-away cluster CA and node certificates in $certs"
# Keeps what exists (a second run reuses the CA) and adds certificates for nodes that have none.
scripts/make-certs.sh "$certs" "${nodes[@]}" >/dev/null
# The PKCS#12 password goes in the environment (not on command lines, which ps shows).
CLUSTER_TLS_PASSWORD=$(cat "$certs/password")
export CLUSTER_TLS_PASSWORD
tls() { printf '%s\n' --tls-certificate "$certs/$1.pfx" --tls-ca "$certs/ca.crt"; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
base=0
for _ in $(seq 1 20); do
  busy=0
  for p in $((9000 + base)) $((9110 + base)) $(seq $((9121 + base)) $((9120 + base + hosts))); do
    if port_busy "$p"; then busy=1; break; fi
  done
  [ "$busy" = 0 ] && break
  base=$((base + 100))
done
cluster_port=$((9000 + base))
admin_port=$((9110 + base))

pids=()
stop_all() {
  trap - EXIT INT TERM
  if [ "${#pids[@]}" -gt 0 ]; then
    say "stopping ${#pids[@]} processes"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 100); do
      alive=0
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ "$alive" = 0 ] && break
      sleep 0.1
    done
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; done
    wait 2>/dev/null || true
  fi
  say "logs and database kept in $data_dir"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

shell() { dotnet "$shell_dll" --port "$admin_port" "$@"; }

say "starting the controller: cluster 127.0.0.1:$cluster_port, admin API http://127.0.0.1:$admin_port, data in $data_dir"
mapfile -t controller_tls < <(tls ctrl-1)
dotnet "$controller_dll" --node-id ctrl-1 --listen "127.0.0.1:$cluster_port" --seed "127.0.0.1:$cluster_port" "${controller_tls[@]}" \
  --admin-urls "http://127.0.0.1:$admin_port" --data-dir "$data_dir" --storage-leases "$leases" --format-storage-leases \
  --datastore ds-1 --datastore ds-2 >"$data_dir/controller.log" 2>&1 &
pids+=($!)

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2
  shift 2
  for _ in $(seq 1 $((limit * 2))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "a process exited while waiting for $what; see $data_dir/*.log" >&2; tail -n 5 "$data_dir"/*.log >&2; exit 1; }
    done
    sleep 0.5
  done
  echo "timed out after ${limit}s waiting for $what; see $data_dir/*.log" >&2
  exit 1
}

# The admin API answers /api/cluster once the controller has joined, holds the singleton's lease and its VRM is up.
wait_for 60 "the admin API" shell cluster status

say "starting $hosts host nodes"
for i in $(seq 1 "$hosts"); do
  mapfile -t host_tls < <(tls "h-$i")
  dotnet "$host_dll" --host-id "h-$i" --listen "127.0.0.1:$((9120 + base + i))" --seed "127.0.0.1:$cluster_port" "${host_tls[@]}" \
    --datastore ds-1 --datastore ds-2 --storage-leases "$leases" >"$data_dir/host-$i.log" 2>&1 &
  pids+=($!)
done

# Normal and heard by this controller: after a restart the journal still says Normal for hosts not yet back.
normal_hosts() {
  shell --output json host list | sed 's/{"hostId":/\n&/g' | grep '"state":"Normal"' | grep -c '"lastHeartbeat":"' || true
}
hosts_up() { [ "$(normal_hosts)" -ge "$hosts" ]; }
wait_for 60 "$hosts Normal hosts" hosts_up
say "$hosts hosts Normal and heartbeating; datastores ds-1, ds-2 added by the controller (--datastore)"

# One line per existing VM: its name, id and power state (a resumed run creates only what is missing).
existing_vms() {
  shell --output json vm list | sed 's/{"vmId":/\n&/g' \
    | sed -n 's/.*"vmId":"\([^"]*\)","name":"\([^"]*\)","powerState":"\([^"]*\)".*/\2 \1 \3/p'
}
known=$(existing_vms)

say "creating $vms VMs and powering them on"
sizes=("1 2048" "2 4096" "4 8192")
priorities=(high medium low)
for i in $(seq 1 "$vms"); do
  read -r vcpus memory <<<"${sizes[$((i % 3))]}"
  ds="ds-$(( (i % 2) + 1 ))"
  name="vm-$(printf '%02d' "$i")"
  if read -r _ id state < <(printf '%s\n' "$known" | grep "^$name " || true) && [ -n "${id:-}" ]; then
    case "$state" in
      Stopped|Crashed) shell --output json vm start "$id" >/dev/null && printf '    %s %s existed (%s); started\n' "$id" "$name" "$state" ;;
      *) printf '    %s %s existed (%s)\n' "$id" "$name" "$state" ;;
    esac
    id=""
    continue
  fi
  created=""
  for _ in $(seq 1 10); do
    # The datastores appear a moment after the VRM starts: retry a refused create briefly.
    if created=$(shell --output json vm create --name "$name" --vcpus "$vcpus" --memory-mb "$memory" \
      --disk "$ds:40" --priority "${priorities[$((i % 3))]}" 2>"$data_dir/shell.err"); then break; fi
    created=""
    sleep 0.5
  done
  [ -n "$created" ] || { echo "could not create VM $i:" >&2; cat "$data_dir/shell.err" >&2; exit 1; }
  id=$(printf '%s' "$created" | sed -n 's/.*"vmId":"\([^"]*\)".*/\1/p')
  shell --output json vm start "$id" >/dev/null
  printf '    %s %s (%s vCPU, %s MB, disk on %s) started\n' "$id" "$name" "$vcpus" "$memory" "$ds"
done

if [ "$watch" = 1 ]; then
  say "live view (Ctrl+C stops the cluster)"
  watch_args=(cluster watch)
  [ "$duration" != 0 ] && watch_args+=(--duration "$duration")
  shell "${watch_args[@]}" || true
else
  if [ "$duration" != 0 ]; then
    say "running for ${duration}s before printing the cluster (--duration)"
    sleep "$duration"
  fi
  shell cluster inventory
  shell events tail --max 12
fi
