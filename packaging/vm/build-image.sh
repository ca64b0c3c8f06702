#!/usr/bin/env bash
# Builds Berth's engine VM image from Debian packages only: the generic kernel, and one initramfs holding
# busybox-static + tini as init, containerd/runc/dockerd from docker.io, iptables (legacy), mke2fs, and the
# kernel modules they need in load order. Writes OUT/{vmlinuz,initramfs.cpio,manifest.json}.
#
#   packaging/vm/build-image.sh [OUT]        (default packaging/target/vm-image; amd64)
#   ARCH=arm64 packaging/vm/build-image.sh [OUT]   (default packaging/target/vm-image-arm64)
#
# ARCH is a Debian architecture, amd64 (the default) or arm64. A foreign one needs `dpkg --add-architecture
# arm64 && apt-get update` once: its packages are then fetched as pkg:arm64. Nothing foreign is ever run; the
# busybox applet list comes from the host's busybox-static of the same version.
#
# Reproducible: the inputs are the exact package versions (recorded in the manifest), file times are
# clamped to SOURCE_DATE_EPOCH and the cpio is written in sorted order with root ownership. When the
# inputs (package versions + this script + the guest files) match the manifest's inputKey, nothing is
# rebuilt. Needs a Debian host with apt lists, kmod, cpio and binutils (readelf). The .debs are taken from apt's cache when it holds the exact version, else `apt-get download`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ARCH=${ARCH:-amd64}
case "$ARCH" in
  amd64) TRIPLET=x86_64-linux-gnu; LDSO=lib64/ld-linux-x86-64.so.2; QARCH=x86_64; DEFAULT_OUT=vm-image;;
  arm64) TRIPLET=aarch64-linux-gnu; LDSO=lib/ld-linux-aarch64.so.1; QARCH=aarch64; DEFAULT_OUT=vm-image-arm64;;
  *) printf 'build-image: FAILED: ARCH=%s: amd64 or arm64\n' "$ARCH" >&2; exit 1;;
esac
OUT=$(realpath -m "${1:-$HERE/../target/$DEFAULT_OUT}")
WORK="$OUT.work"
# Downloaded .debs are kept (by exact name and version) for the next build: apt's cache only holds what apt installed.
DEBS=${BERTH_VM_DEB_CACHE:-$HERE/../target/vm-debs}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
start=$(date +%s.%N)
step() { printf 'build-image: %s\n' "$*" >&2; }
fail() { printf 'build-image: FAILED: %s\n' "$*" >&2; exit 1; }
for tool in apt-get apt-cache dpkg dpkg-deb modprobe depmod cpio readelf sha256sum awk; do
  command -v "$tool" >/dev/null || fail "needs $tool (a Debian host with kmod, cpio and binutils)"
done
HOST_ARCH=$(dpkg --print-architecture)
# Packages are named pkg:ARCH for a foreign architecture (apt's own spelling); the host's stay bare.
Q=; [ "$ARCH" = "$HOST_ARCH" ] || Q=":$ARCH"
if [ -n "$Q" ] && ! dpkg --print-foreign-architectures | grep -qx "$ARCH"; then
  fail "ARCH=$ARCH needs its package lists: dpkg --add-architecture $ARCH && apt-get update"
fi

# The kernel: whatever linux-image-ARCH points at (the generic flavour: it has 9p and virtio modules).
KPKG=$(apt-cache depends "linux-image-$ARCH$Q" 2>/dev/null | awk '/Depends: linux-image-[0-9]/{sub(/:.*/,"",$2); print $2; exit}')
[ -n "$KPKG" ] || fail "apt-cache knows no linux-image-$ARCH$Q (run apt-get update)"
KVER=${KPKG#linux-image-}
PACKAGES=(busybox-static tini docker.io containerd runc iptables e2fsprogs "$KPKG"
  libc6 libseccomp2 libsystemd0 libdevmapper1.02.1 libselinux1 libpcre2-8-0 libudev1 libcap2 libgcrypt20
  libgpg-error0 liblz4-1 liblzma5 libzstd1 libxtables12 libip4tc2 libip6tc2 libext2fs2 libcom-err2 libblkid1 libuuid1
  libnetfilter-conntrack3 libnfnetlink0 libmnl0)

declare -A candidate
while read -r p v; do candidate[${p%"$Q"}]=$v; done < <(apt-cache policy "${PACKAGES[@]/%/$Q}" 2>/dev/null \
  | awk '/^[^ ].*:$/{sub(/:$/,""); p=$0} /^  Candidate:/{print p, $2}')
versions=()
for p in "${PACKAGES[@]}"; do
  v=${candidate[$p]:-}
  [ -n "$v" ] && [ "$v" != "(none)" ] || fail "package $p has no candidate version (apt-get update?)"
  versions+=("$p=$v")
done
# The amd64 key is what it was before ARCH existed (versions, script, guest files); another architecture adds itself.
KEY=$( { [ "$ARCH" = amd64 ] || echo "arch=$ARCH"; printf '%s\n' "${versions[@]}"; cat "$0" "$HERE"/guest/*; } | sha256sum | cut -d' ' -f1)
# One build per output at a time (two test runs may ask at once): the second waits, then finds it up to date.
mkdir -p "$(dirname "$OUT")"
exec 9> "$OUT.lock"
command -v flock >/dev/null && flock 9
if [ -f "$OUT/manifest.json" ] && grep -q "\"inputKey\": \"$KEY\"" "$OUT/manifest.json"; then
  step "up to date ($OUT, inputKey $KEY)"; exit 0
fi

rm -rf "$WORK"; mkdir -p "$WORK/debs" "$WORK/x" "$WORK/root"
step "packages (${#versions[@]})"
for pv in "${versions[@]}"; do
  p=${pv%%=*}; v=${pv#*=}; ev=${v/:/%3a}
  cached=$(ls /var/cache/apt/archives/"${p}"_"${ev}"_{"$ARCH",all}.deb "$DEBS/${p}_${ev}"_{"$ARCH",all}.deb 2>/dev/null | head -n 1 || true)
  if [ -n "$cached" ]; then cp "$cached" "$WORK/debs/"
  else
    (cd "$WORK/debs" && apt-get download -qq "$p$Q=$v" >/dev/null 2>&1) || fail "apt-get download $p$Q=$v"
    mkdir -p "$DEBS"; cp "$WORK/debs/${p}_${ev}"_*.deb "$DEBS/" 2>/dev/null || true
  fi
done
step "extract"
for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$WORK/x"; done
X="$WORK/x"; R="$WORK/root"

# --- the root tree
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,lib64,lib/$TRIPLET,etc/berth,proc,sys,dev,run,tmp,var/lib/docker,var/run,root,mnt}
cp "$X/bin/busybox" "$R/bin/busybox"
APPLETS="$R/bin/busybox"
if [ -n "$Q" ]; then
  # A foreign busybox cannot run here: the host architecture's busybox-static of the same version has the same applets.
  v=${candidate[busybox-static]}; ev=${v/:/%3a}; mkdir -p "$WORK/host-busybox"
  hostdeb=$(ls /var/cache/apt/archives/busybox-static_"${ev}"_"$HOST_ARCH".deb "$DEBS/busybox-static_${ev}_$HOST_ARCH.deb" 2>/dev/null | head -n 1 || true)
  if [ -z "$hostdeb" ]; then
    (cd "$WORK/host-busybox" && apt-get download -qq "busybox-static=$v" >/dev/null 2>&1) \
      || fail "busybox-static=$v for $HOST_ARCH (its applet list; the $ARCH build and the host's must be the same version)"
    hostdeb=$(ls "$WORK"/host-busybox/*.deb | head -n 1)
    mkdir -p "$DEBS"; cp "$hostdeb" "$DEBS/"
  fi
  dpkg-deb -x "$hostdeb" "$WORK/host-busybox/x"; APPLETS="$WORK/host-busybox/x/bin/busybox"
fi
for a in $("$APPLETS" --list); do [ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"; done
cp "$X/usr/bin/tini-static" "$R/sbin/tini"
for b in usr/sbin/dockerd usr/bin/containerd usr/bin/containerd-shim-runc-v2 usr/sbin/runc usr/sbin/docker-proxy \
         usr/sbin/xtables-legacy-multi sbin/mke2fs sbin/resize2fs; do
  [ -f "$X/$b" ] || fail "$b is not in the packages"
  cp "$X/$b" "$R/$b"
done
ln -s tini "$R/sbin/docker-init"
for t in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do ln -s xtables-legacy-multi "$R/usr/sbin/$t"; done
ln -s mke2fs "$R/sbin/mkfs.ext4"
mkdir -p "$R/usr/lib/$TRIPLET/xtables"
cp "$X"/usr/lib/$TRIPLET/xtables/lib{xt,ipt,ip6t}_*.so "$R/usr/lib/$TRIPLET/xtables/"

# Shared libraries: the NEEDED closure, resolved inside the extracted packages only (never the host's).
find_lib() { for d in lib/$TRIPLET usr/lib/$TRIPLET lib64 lib; do [ -e "$X/$d/$1" ] && { echo "$d/$1"; return 0; }; done; return 0; }
queue=$(find "$R" -type f \( -perm -u+x -o -name '*.so' \) ! -name busybox)
seen=" "
while [ -n "$queue" ]; do
  next=""
  for f in $queue; do
    for lib in $(readelf -d "$f" 2>/dev/null | awk '/NEEDED/{gsub(/[\[\]]/,"",$5); print $5}'); do
      case "$seen" in *" $lib "*) continue;; esac
      seen="$seen$lib "
      rel=$(find_lib "$lib"); [ -n "$rel" ] || fail "library $lib (needed by ${f#$R/}) is in none of the packages"
      mkdir -p "$R/$(dirname "$rel")"; cp -L "$X/$rel" "$R/$rel"; next="$next $R/$rel"
    done
  done
  queue=$next
done
mkdir -p "$R/$(dirname "$LDSO")"; cp -L "$X/$LDSO" "$R/$LDSO"

# Kernel modules: the dependency closure, in load order.
MODS=(virtio_mmio virtio_pci virtio_net virtio_console virtio_blk virtio_rng ext4 overlay veth bridge br_netfilter
  ip_tables iptable_filter iptable_nat ip6_tables ip6table_filter ip6table_nat nf_nat nf_conntrack
  xt_addrtype xt_conntrack xt_MASQUERADE xt_nat xt_tcpudp xt_comment ipt_REJECT nf_conntrack_netlink 9p 9pnet_virtio
  virtiofs vmw_vsock_virtio_transport virtio_balloon)
depmod -b "$X" "$KVER"
: > "$R/etc/modules.order"
for m in "${MODS[@]}"; do
  modprobe -d "$X" -S "$KVER" --show-depends "$m" 2>/dev/null | awk '$1=="insmod"{print $2}' || true
done | awk '!seen[$0]++' | while read -r ko; do
  rel=${ko#$X/}; mkdir -p "$R/$(dirname "$rel")"; cp "$ko" "$R/$rel"; echo "/$rel" >> "$R/etc/modules.order"
done
[ -s "$R/etc/modules.order" ] || fail "no kernel modules resolved for $KVER"
cp "$X/lib/modules/$KVER"/modules.builtin* "$X/lib/modules/$KVER/modules.order" "$R/lib/modules/$KVER/" 2>/dev/null || true
depmod -b "$R" "$KVER"   # modules.dep of what the image carries: dockerd modprobes a few at run time
for m in virtio_mmio overlay bridge ip_tables; do
  grep -q "/$m.ko" "$R/etc/modules.order" || modprobe -d "$X" -S "$KVER" -n "$m" >/dev/null 2>&1 || fail "kernel module $m is missing"
done

# /etc and the guest init.
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$R/etc/passwd"
printf 'root:x:0:\ndocker:x:999:\n' > "$R/etc/group"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$R/etc/hosts"
printf 'PRETTY_NAME="Berth engine VM"\nID=berth\nVERSION_ID=1\n' > "$R/etc/os-release"
printf 'hosts: files dns\n' > "$R/etc/nsswitch.conf"
mkdir -p "$R/etc/containerd"
cp "$HERE/guest/containerd.toml" "$R/etc/containerd/config.toml"
cp "$HERE/guest/rc" "$R/etc/berth/rc"
printf '#!/bin/sh\nexec /sbin/tini -s -- /bin/sh /etc/berth/rc\n' > "$R/init"
chmod 0755 "$R/init" "$R/etc/berth/rc"
printf '%s\n' "${versions[@]}" > "$R/etc/berth/packages"
echo "$KVER" > "$R/etc/berth/kernel"

# --- the artefacts
step "initramfs"
mkdir -p "$OUT.new"
find "$R" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
(cd "$R" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 --reproducible > "$OUT.new/initramfs.cpio")
cp "$X/boot/vmlinuz-$KVER" "$OUT.new/vmlinuz"
sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }
{
  echo '{'
  echo '  "format": 1,'
  echo "  \"inputKey\": \"$KEY\","
  echo "  \"kernelVersion\": \"$KVER\","
  echo "  \"arch\": \"$QARCH\","
  echo '  "artefacts": ['
  echo "    {\"name\": \"kernel\", \"file\": \"vmlinuz\", \"size\": $(size "$OUT.new/vmlinuz"), \"sha256\": \"$(sha "$OUT.new/vmlinuz")\"},"
  echo "    {\"name\": \"initramfs\", \"file\": \"initramfs.cpio\", \"size\": $(size "$OUT.new/initramfs.cpio"), \"sha256\": \"$(sha "$OUT.new/initramfs.cpio")\"}"
  echo '  ],'
  echo '  "packages": ['
  n=${#versions[@]}; i=0
  for pv in "${versions[@]}"; do i=$((i+1)); sep=,; [ $i -eq $n ] && sep=; echo "    \"$pv\"$sep"; done
  echo '  ]'
  echo '}'
} > "$OUT.new/manifest.json"
rm -rf "$OUT"; mv "$OUT.new" "$OUT"; rm -rf "$WORK"
end=$(date +%s.%N)
step "done in $(awk "BEGIN{printf \"%.1f\", $end - $start}") s: $OUT ($(du -sh --apparent-size "$OUT" | cut -f1); initramfs $(($(size "$OUT/initramfs.cpio")/1048576)) MiB, kernel $(($(size "$OUT/vmlinuz")/1048576)) MiB)"
