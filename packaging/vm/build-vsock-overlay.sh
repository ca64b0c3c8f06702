#!/usr/bin/env bash
# Adds socat to a built VM image as a second, small initramfs: vfkit (Virtualization.framework on macOS) reaches the
# engine over vsock, and the guest rc hands each vsock connection to dockerd's unix socket with socat, which the
# base image (made for QEMU, where the engine is a TLS port behind user networking) does not carry. The overlay is
# a cpio the kernel unpacks over the first one (Linux accepts concatenated initramfs archives); VfkitProvider boots
# initramfs.cpio + vsock-overlay.cpio. The base image's bytes are untouched; manifest.json gains the artefact.
#
#   packaging/vm/build-vsock-overlay.sh [IMAGE_DIR]      (default packaging/target/vm-image)
#
# The packages are the image architecture's (manifest "arch": x86_64 -> amd64, aarch64 -> arm64; a foreign one needs
# `dpkg --add-architecture arm64 && apt-get update`). Shared libraries the base image already has are not copied.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
IMAGE=$(realpath -m "${1:-$HERE/../target/vm-image}")
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
step() { printf 'build-vsock-overlay: %s\n' "$*" >&2; }
fail() { printf 'build-vsock-overlay: FAILED: %s\n' "$*" >&2; exit 1; }
for tool in apt-get dpkg-deb cpio readelf sha256sum awk; do command -v "$tool" >/dev/null || fail "needs $tool"; done
[ -f "$IMAGE/manifest.json" ] || fail "no image in $IMAGE (packaging/vm/build-image.sh first)"
ARCH=$(sed -n 's/.*"arch": "\([^"]*\)".*/\1/p' "$IMAGE/manifest.json")
case "$ARCH" in x86_64) DEB=amd64;; aarch64) DEB=arm64;; *) fail "unknown image arch '$ARCH'";; esac
TRIPLET=$ARCH-linux-gnu
PACKAGES=(socat libc6 libssl3 libwrap0 libnsl2 libtirpc3 libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0 libkeyutils1 libcom-err2)

WORK=$(mktemp -d "$IMAGE.overlay.XXXXXX"); trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/debs" "$WORK/x" "$WORK/root"
step "packages (${#PACKAGES[@]}, $DEB)"
(cd "$WORK/debs" && apt-get download -qq "${PACKAGES[@]/%/:$DEB}" >/dev/null 2>&1) || fail "apt-get download ${PACKAGES[*]} for $DEB (apt-get update? dpkg --add-architecture $DEB?)"
for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$WORK/x"; done
X="$WORK/x"; R="$WORK/root"
mkdir -p "$R/usr/bin"; cp "$X/usr/bin/socat" "$R/usr/bin/socat"

# The NEEDED closure of socat, minus what the base initramfs already holds.
base=" $(cpio -it --quiet < "$IMAGE/initramfs.cpio" | sed -n 's|.*/||p' | tr '\n' ' ') "
find_lib() { for d in lib/$TRIPLET usr/lib/$TRIPLET; do [ -e "$X/$d/$1" ] && { echo "$d/$1"; return 0; }; done; return 0; }
queue="$R/usr/bin/socat"; seen=" "
while [ -n "$queue" ]; do
  next=""
  for f in $queue; do
    for lib in $(readelf -d "$f" 2>/dev/null | awk '/NEEDED/{gsub(/[\[\]]/,"",$5); print $5}'); do
      case "$seen" in *" $lib "*) continue;; esac
      seen="$seen$lib "
      case "$base" in *" $lib "*) continue;; esac
      rel=$(find_lib "$lib"); [ -n "$rel" ] || fail "library $lib (needed by ${f#$R/}) is neither in the image nor in ${PACKAGES[*]}"
      mkdir -p "$R/$(dirname "$rel")"; cp -L "$X/$rel" "$R/$rel"; next="$next $R/$rel"
    done
  done
  queue=$next
done

find "$R" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
(cd "$R" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 --reproducible > "$WORK/vsock-overlay.cpio")
mv "$WORK/vsock-overlay.cpio" "$IMAGE/vsock-overlay.cpio"
size=$(stat -c %s "$IMAGE/vsock-overlay.cpio"); sha=$(sha256sum "$IMAGE/vsock-overlay.cpio" | cut -d' ' -f1)
# manifest.json: replace an earlier overlay entry, else add one after the initramfs.
grep -v '"name": "vsock-overlay"' "$IMAGE/manifest.json" \
  | awk -v e="    {\"name\": \"vsock-overlay\", \"file\": \"vsock-overlay.cpio\", \"size\": $size, \"sha256\": \"$sha\"}" '
      /"name": "initramfs"/ { sub(/\}$/, "},"); print; print e; next } { print }' > "$IMAGE/manifest.json.new"
mv "$IMAGE/manifest.json.new" "$IMAGE/manifest.json"
step "done: $IMAGE/vsock-overlay.cpio ($((size/1024)) KiB: $(cpio -it --quiet < "$IMAGE/vsock-overlay.cpio" | grep -c '') entries, socat $(dpkg-deb -f "$WORK"/debs/socat_*.deb Version))"
