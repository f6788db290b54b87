#!/usr/bin/env bash
# Builds the Dockerfile's image with buildah (no Docker engine needed), and optionally checks it starts.
# usage: scripts/build-image.sh [--tag NAME] [--base IMAGE] [--sdk IMAGE] [--local-bases] [--no-build] [--check]
#   --tag NAME      the image's name (default cluster:dev)
#   --base IMAGE    the runtime base (default mcr.microsoft.com/dotnet/aspnet:10.0)
#   --sdk IMAGE     the build stage's base (default mcr.microsoft.com/dotnet/sdk:10.0)
#   --local-bases   no registry: make both bases from this machine's .NET (/usr/share/dotnet) and Debian's files
#                   (localhost/cluster-runtime-base, localhost/cluster-sdk-base), restore from ~/.nuget/packages
#   --no-build      use the image NAME already built (with --check)
#   --check         export the image's file system and run its entrypoint under chroot as UID 1654:
#                   --help must exit 0 and a bad flag 2, for the controller, the host node and the shell
# Prints "image.size_mb N" (the image's uncompressed size). buildah and podman come from Debian's packages and
# are installed if missing; storage is vfs and RUN uses chroot isolation, which work inside an unprivileged sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."

tag=cluster:dev
base=mcr.microsoft.com/dotnet/aspnet:10.0
sdk=mcr.microsoft.com/dotnet/sdk:10.0
local_bases=false
check=false
build=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) tag=${2:?--tag needs a name}; shift 2 ;;
    --base) base=${2:?--base needs an image}; shift 2 ;;
    --sdk) sdk=${2:?--sdk needs an image}; shift 2 ;;
    --local-bases) local_bases=true; shift ;;
    --no-build) build=false; shift ;;
    --check) check=true; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-image: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if ! command -v buildah >/dev/null 2>&1 || ! command -v podman >/dev/null 2>&1; then
  echo "build-image: buildah or podman not found, installing Debian's" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq buildah podman >&2
fi
bah=(buildah --storage-driver vfs)
work=$(mktemp -d)
cleanup() {
  for c in $("${bah[@]}" containers -q --filter name=cluster-image-check 2>/dev/null); do "${bah[@]}" rm "$c" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# A root file system of Debian packages' files as installed on this machine, with the usr-merged layout.
debian_root() {
  local root=$1; shift
  mkdir -p "$root"/{usr/bin,usr/lib,usr/lib64,usr/sbin,etc/ssl/certs,tmp,var/tmp,root,proc,dev,sys,usr/share}
  ln -s usr/bin "$root/bin"; ln -s usr/lib "$root/lib"; ln -s usr/lib64 "$root/lib64"; ln -s usr/sbin "$root/sbin"
  chmod 1777 "$root/tmp" "$root/var/tmp"
  local pkg file
  for pkg in "$@"; do
    dpkg -L "$pkg" | while IFS= read -r file; do
      if [[ -f $file || -L $file ]]; then printf '%s\n' "${file#/}"; fi
    done
  done >"$root.files"
  # --keep-directory-symlink: /lib/... lands in usr/lib through the root's lib -> usr/lib link.
  tar -C / -cf - --files-from "$root.files" | tar -C "$root" -xf - --keep-directory-symlink
  cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:1654:1654:app:/home/app:/usr/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\napp:x:1654:\n' >"$root/etc/group"
  mkdir -p "$root/home/app" && chown 1654:1654 "$root/home/app"
}

make_base() {
  local name=$1 root=$2 ctr
  ln -s /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
  ctr=$("${bah[@]}" from scratch)
  "${bah[@]}" copy "$ctr" "$root/" / >/dev/null
  "${bah[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env DOTNET_ROOT=/usr/share/dotnet \
    --env APP_UID=1654 --env DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 --env HOME=/root "$ctr"
  "${bah[@]}" commit --rm "$ctr" "$name" >/dev/null
  echo "build-image: made $name" >&2
}

build_args=()
if $build && $local_bases; then
  runtime_root=$work/runtime-root
  debian_root "$runtime_root" libc6 libgcc-s1 libstdc++6 zlib1g libssl3 bash libtinfo6
  mkdir -p "$runtime_root/usr/share/dotnet/shared"
  cp -a /usr/share/dotnet/{dotnet,host,LICENSE.txt,ThirdPartyNotices.txt} "$runtime_root/usr/share/dotnet/"
  runtime_version=$(ls /usr/share/dotnet/shared/Microsoft.AspNetCore.App | sort -V | tail -n 1)
  for fw in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
    mkdir -p "$runtime_root/usr/share/dotnet/shared/$fw"
    cp -a "/usr/share/dotnet/shared/$fw/$(ls /usr/share/dotnet/shared/$fw | sort -V | tail -n 1)" "$runtime_root/usr/share/dotnet/shared/$fw/"
  done
  make_base localhost/cluster-runtime-base "$runtime_root"
  sdk_root=$work/sdk-root
  debian_root "$sdk_root" libc6 libgcc-s1 libstdc++6 zlib1g libssl3 bash libtinfo6
  mkdir -p "$sdk_root/usr/share"
  cp -a /usr/share/dotnet "$sdk_root/usr/share/"
  make_base localhost/cluster-sdk-base "$sdk_root"
  base=localhost/cluster-runtime-base
  sdk=localhost/cluster-sdk-base
  # No registry: the build stage restores from this machine's package folder, mounted over its own.
  build_args+=(--volume "${NUGET_PACKAGES:-$HOME/.nuget/packages}:/root/.nuget/packages")
  echo "build-image: ASP.NET Core runtime $runtime_version" >&2
fi

if $build; then
  revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  # Docker's format: OCI's image config has no HEALTHCHECK.
  "${bah[@]}" build --isolation chroot --layers=false --format docker \
    --build-arg SDK_IMAGE="$sdk" --build-arg RUNTIME_IMAGE="$base" --build-arg REVISION="$revision" \
    "${build_args[@]}" -f Dockerfile -t "$tag" . >&2
fi

bytes=$(podman --storage-driver vfs image inspect --format '{{.Size}}' "$tag")
echo "image.size_mb $(( (bytes + 500000) / 1000000 ))"

if $check; then
  rootfs=$work/rootfs
  mkdir -p "$rootfs"
  ctr=$("${bah[@]}" from --name cluster-image-check "$tag")
  mnt=$("${bah[@]}" mount "$ctr")
  tar -C "$mnt" -cf - . | tar -C "$rootfs" -xf -
  "${bah[@]}" umount "$ctr" >/dev/null
  entrypoint=$("${bah[@]}" inspect --type image --format '{{range .OCIv1.Config.Entrypoint}}{{.}} {{end}}' "$tag")
  user=$("${bah[@]}" inspect --type image --format '{{.OCIv1.Config.User}}' "$tag")
  workdir=$("${bah[@]}" inspect --type image --format '{{.OCIv1.Config.WorkingDir}}' "$tag")
  echo "build-image: entrypoint [$entrypoint] user $user workdir $workdir" >&2
  # The image's environment, as a container would start with it.
  mapfile -t env < <("${bah[@]}" inspect --type image --format '{{range .OCIv1.Config.Env}}{{println .}}{{end}}' "$tag" | sed '/^$/d')
  mkdir -p "$rootfs/dev" "$rootfs/proc"
  for dev in null zero random urandom; do touch "$rootfs/dev/$dev"; mount --bind "/dev/$dev" "$rootfs/dev/$dev"; done
  mount -t proc proc "$rootfs/proc"
  # The image's bash (it has no env); chroot is this machine's, run with the image's environment only.
  run_in_image() { env -i "${env[@]}" /usr/sbin/chroot --userspec="$user:$user" "$rootfs" /bin/bash -c 'cd "$0" && exec "$@"' "$workdir" "$@"; }
  failed=0
  for program in $entrypoint /app/Cluster.HostNode /app/cluster-shell; do
    set +e
    run_in_image "$program" --help >"$work/help.out" 2>&1; help=$?
    run_in_image "$program" --no-such-flag >"$work/bad.out" 2>&1; bad=$?
    set -e
    echo "check $program --help exit $help; --no-such-flag exit $bad: $(head -n 1 "$work/bad.out")"
    if [[ $help -ne 0 || $bad -ne 2 ]]; then
      failed=1
      cat "$work/help.out" "$work/bad.out" >&2
    fi
  done
  umount "$rootfs/proc"
  for dev in null zero random urandom; do umount "$rootfs/dev/$dev"; done
  [[ $failed -eq 0 ]] || { echo "build-image: the image's programs did not start as expected" >&2; exit 1; }
  echo "build-image: check passed" >&2
fi
