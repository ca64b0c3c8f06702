#!/usr/bin/env bash
# Builds the WSL2 rootfs tarball of Berth's engine from the VM image's own tree: the initramfs that
# packaging/vm/build-image.sh makes from Debian packages (busybox, tini, dockerd, containerd, runc, iptables...) is
# unpacked, WSL's parts are added (/etc/berth/wsl-rc, /etc/wsl.conf) and what WSL provides itself is removed (/init,
# the Debian kernel's modules). `wsl.exe --import Berth <dir> wsl-rootfs.tar --version 2` takes the result.
#
#   packaging/vm/build-wsl-rootfs.sh [IMAGE_DIR] [OUT]   (default packaging/target/vm-image, IMAGE_DIR/wsl-rootfs.tar)
#
# Builds the image first when IMAGE_DIR has none. Reproducible like the image: sorted names, root owner, times
# clamped to SOURCE_DATE_EPOCH. Writes OUT.sha256 next to it and lists the tarball's key entries.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
IMAGE=$(realpath -m "${1:-$HERE/../target/vm-image}")
OUT=$(realpath -m "${2:-$IMAGE/wsl-rootfs.tar}")
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
step() { printf 'build-wsl-rootfs: %s\n' "$*" >&2; }
fail() { printf 'build-wsl-rootfs: FAILED: %s\n' "$*" >&2; exit 1; }
for tool in cpio tar sha256sum; do command -v "$tool" >/dev/null || fail "needs $tool"; done

[ -f "$IMAGE/manifest.json" ] || { step "no image in $IMAGE: building it"; "$HERE/build-image.sh" "$IMAGE"; }
[ -f "$IMAGE/initramfs.cpio" ] || fail "$IMAGE has no initramfs.cpio"
start=$(date +%s.%N)
WORK=$(mktemp -d "${OUT%/*}/.wsl-rootfs.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
step "unpack $IMAGE/initramfs.cpio"
(cd "$WORK" && cpio -idm --quiet --no-absolute-filenames < "$IMAGE/initramfs.cpio")
R=$WORK
[ -x "$R/usr/sbin/dockerd" ] && [ -x "$R/bin/busybox" ] || fail "the image's tree has no dockerd or busybox"
rm -f "$R/init"                                   # WSL mounts its own init at /init
rm -rf "$R/lib/modules" "$R/etc/modules.order"    # WSL boots Microsoft's kernel; Debian's modules do not load there
rm -rf "$R/var/run"; ln -s ../run "$R/var/run"    # the VM rc links it at boot; here the tree is the root file system
install -m 0755 "$HERE/wsl/wsl-rc" "$R/etc/berth/wsl-rc"
install -m 0644 "$HERE/wsl/wsl.conf" "$R/etc/wsl.conf"
mkdir -p "$R/var/lib/docker" "$R/etc/containerd" "$R/mnt"
printf 'PRETTY_NAME="Berth engine (WSL2)"\nID=berth\nVERSION_ID=1\n' > "$R/etc/os-release"
find "$R" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -cf "$OUT.new" -C "$R" .
mv "$OUT.new" "$OUT"
sha256sum "$OUT" | cut -d' ' -f1 > "$OUT.sha256"
for entry in ./etc/berth/wsl-rc ./etc/wsl.conf ./usr/sbin/dockerd ./usr/bin/containerd ./usr/sbin/runc ./bin/busybox ./etc/containerd/config.toml; do
  tar -tvf "$OUT" "$entry" >&2 || fail "$entry is missing from $OUT"
done
end=$(date +%s.%N)
step "done in $(awk "BEGIN{printf \"%.1f\", $end - $start}") s: $OUT ($(($(stat -c %s "$OUT")/1048576)) MiB, $(tar -tf "$OUT" | wc -l) entries, sha256 $(cat "$OUT.sha256"))"
