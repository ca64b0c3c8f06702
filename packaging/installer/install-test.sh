#!/bin/bash
# Installs the real packages on this machine and checks them as a user would meet them, then removes them
# and shows nothing is left but the user's config. Needs root, an engine, xvfb-run and xdotool.
#   packaging/installer/install-test.sh [--no-build]     (builds with build.sh first unless --no-build)
# Prints a figures table (package sizes, installed size, `berth version` and the GUI's first frame, installed
# vs ./berth from the checkout, same run) and exits non-zero on the first failed check.
set -euo pipefail
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
REPO=$(CDPATH= cd -- "$HERE/../.." && pwd)
OUT="$REPO/packaging/target/installer"
VERSION=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$REPO/pom.xml" | head -n 1)
RUNS=${BERTH_INSTALL_TEST_RUNS:-3}
[ "$(id -u)" = 0 ] || { echo "install-test.sh: needs root (dpkg -i)" >&2; exit 1; }
for tool in xvfb-run xdotool dpkg; do command -v "$tool" >/dev/null || { echo "install-test.sh: needs $tool" >&2; exit 1; }; done

# One installation of /opt/berth at a time on this machine.
exec 9>/tmp/berth-install-test.lock
flock -w 600 9

# A user of our own: config, caches and the GUI's state in a scratch home, so the check "the user's config
# survives the uninstall" is about a config we know, and nobody else's home is touched.
USER_HOME=$(mktemp -d /tmp/berth-install-home.XXXXXX)
mkdir -p "$USER_HOME/.config/berth"
echo "kept" >"$USER_HOME/.config/berth/marker"
XVFB_PIDS=()
cleanup() {
  for pid in "${XVFB_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  dpkg -s berth >/dev/null 2>&1 && dpkg -P berth >/dev/null 2>&1 || true
  command -v rpm >/dev/null && rpm -q berth >/dev/null 2>&1 && rpm -e --nodeps berth >/dev/null 2>&1 || true
  rm -rf "$USER_HOME"
}
trap cleanup EXIT
ok() { echo "  ok: $*"; }
# dpkg refuses to start while another apt/dpkg holds its lock (other jobs on a shared machine): wait for it.
dpkg_wait() {
  local out
  for _ in $(seq 1 60); do
    if out=$(dpkg "$@" 2>&1); then return 0; fi
    grep -q 'lock' <<<"$out" || { echo "$out" >&2; return 1; }
    sleep 5
  done
  echo "$out" >&2; return 1
}
fail() { echo "  FAILED: $*" >&2; exit 1; }
run_as_user() { env -u XDG_CONFIG_HOME -u XDG_CACHE_HOME HOME="$USER_HOME" "$@"; }

if [ "${1:-}" != --no-build ]; then "$HERE/build.sh"; fi
DEB=$(ls "$OUT"/berth_*_amd64.deb)
RPM=$(ls "$OUT"/berth-*.x86_64.rpm 2>/dev/null || true)

# Median of the numbers on stdin.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# Wall time of one `berth version` in ms; fails when it does not print the version and the engine.
version_ms() {
  local start end out
  start=$(date +%s%N)
  out=$(run_as_user "$@" version 2>&1) || fail "$* version: $out"
  end=$(date +%s%N)
  grep -q "^Berth $VERSION$" <<<"$out" || fail "$* version printed: $out"
  grep -q "^Engine: " <<<"$out" || fail "$* version has no engine line: $out"
  echo $(( (end - start) / 1000000 ))
}
# The GUI's own first-frame figure (ms after the process started), under Xvfb.
first_frame_ms() {
  local out
  out=$(run_as_user BERTH_JAVA_OPTS=-Dberth.measure.startup=true xvfb-run -a -s "-screen 0 1280x800x24" "$@" 2>&1) || true
  sed -n 's/^berth: first frame \([0-9]*\) ms.*/\1/p' <<<"$out" | head -n 1 | grep . || fail "$* printed no first frame: $(tail -n 5 <<<"$out")"
}
# Starts the GUI on its own X server and waits for a window titled Berth; prints the title xprop reads.
window_title() {
  local display pid title="" wid="" fd_file
  # Xvfb picks a free display itself and writes its number (other jobs run X servers on this machine too).
  fd_file=$(mktemp)
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fd_file" >/dev/null 2>&1 & XVFB_PIDS+=($!)
  for _ in $(seq 1 50); do [ -s "$fd_file" ] && break; sleep 0.2; done
  display=:$(head -n 1 "$fd_file"); rm -f "$fd_file"
  [ "$display" != : ] || fail "Xvfb did not start"
  run_as_user DISPLAY="$display" "$@" >/dev/null 2>&1 & pid=$!
  for _ in $(seq 1 60); do
    wid=$(DISPLAY="$display" xdotool search --name '^Berth$' 2>/dev/null | head -n 1 || true)
    [ -n "$wid" ] && break
    sleep 0.5
  done
  [ -n "$wid" ] && title=$(DISPLAY="$display" xprop -id "$wid" WM_NAME 2>/dev/null | sed 's/^WM_NAME(STRING) = //')
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  kill "${XVFB_PIDS[-1]}" 2>/dev/null || true
  echo "$title"
}
# What the package put outside /opt/berth, all of which must go with it.
INTEGRATION=(/usr/bin/berth /usr/share/applications/berth.desktop /usr/share/mime/packages/berth-compose.xml
  /usr/share/icons/hicolor/16x16/apps/berth.png /usr/share/icons/hicolor/256x256/apps/berth.png
  /usr/share/icons/hicolor/512x512/apps/berth.png /usr/share/icons/hicolor/scalable/apps/berth.svg)
check_installed() {
  [ -x /opt/berth/bin/berth ] || fail "/opt/berth/bin/berth missing"
  for f in "${INTEGRATION[@]}"; do [ -e "$f" ] || fail "$f missing"; done
  [ "$(readlink -f /usr/bin/berth)" = /opt/berth/bin/berth ] || fail "/usr/bin/berth does not lead to /opt/berth/bin/berth"
  ok "/opt/berth, /usr/bin/berth, desktop entry, MIME type, icons in $(ls -d /usr/share/icons/hicolor/*/apps/berth.* | wc -l) sizes"
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/berth.desktop || fail "desktop entry does not validate"
    ok "desktop entry validates"
  fi
  grep -q 'application/x-compose+yaml:compose.yaml' /usr/share/mime/globs2 || fail "compose.yaml is not mapped to the MIME type"
  grep -q 'application/x-compose+yaml:docker-compose.yml' /usr/share/mime/globs2 || fail "docker-compose.yml is not mapped"
  ok "compose.yaml and docker-compose.yml -> application/x-compose+yaml (globs2)"
  # The AOT cache trained at build time must be taken by the installed runtime (else it only costs space).
  local log
  log=$(run_as_user BERTH_JAVA_OPTS="-Xlog:aot=info -Xlog:cds=info" /opt/berth/bin/berth --help 2>&1 | grep -iE 'aot|cds' || true)
  if grep -qiE 'mismatch|disabled|error|unable' <<<"$log"; then fail "the CLI AOT cache is refused: $(grep -iE 'mismatch|disabled|error|unable' <<<"$log" | head -n 3)"; fi
  grep -qi 'Opened AOT cache' <<<"$log" || fail "the CLI AOT cache was not opened: $(head -n 3 <<<"$log")"
  ok "the shipped CLI AOT cache is used"
}
check_removed() {
  [ ! -e /opt/berth ] || fail "/opt/berth is left: $(find /opt/berth | head -n 5)"
  for f in "${INTEGRATION[@]}"; do [ ! -e "$f" ] && [ ! -L "$f" ] || fail "$f is left"; done
  ! grep -q 'x-compose+yaml' /usr/share/mime/globs2 || fail "the MIME type is still registered"
  [ "$(cat "$USER_HOME/.config/berth/marker")" = kept ] || fail "the user's config was touched"
  ok "nothing left of the package; the user's config stays: $(cd "$USER_HOME/.config/berth" && ls | tr '\n' ' ')"
}

echo "=== .deb: $DEB"
dpkg_wait -i "$DEB" || fail "dpkg -i"
ok "dpkg -i"
check_installed
INSTALLED_MB=$(du -sm /opt/berth | cut -f 1)
title=$(window_title /opt/berth/bin/berth)
[ "$title" = '"Berth"' ] || fail "the installed GUI's window title is '$title'"
ok "the installed GUI shows a window titled $title (xdotool, xprop)"

# An upgrade path: installing over the installed package runs the old prerm (upgrade) and the new postinst,
# which must leave the integration in place and the user's config alone.
dpkg_wait -i "$DEB" || fail "dpkg -i over the installed package"
check_installed >/dev/null
[ "$(cat "$USER_HOME/.config/berth/marker")" = kept ] || fail "the upgrade touched the user's config"
ok "dpkg -i over the installed package (upgrade path): still integrated, config untouched"

# The same run, side by side: the installed command and ./berth from the checkout (warmed up first: a
# checkout's first run builds and trains its own caches).
"$REPO/berth" version >/dev/null 2>&1 || true
run_as_user xvfb-run -a "$REPO/berth" --help >/dev/null 2>&1 || true
run_as_user BERTH_JAVA_OPTS=-Dberth.measure.startup=true xvfb-run -a -s "-screen 0 1280x800x24" "$REPO/berth" >/dev/null 2>&1 || true
V_INST=() V_PATH=() V_REPO=() F_INST=() F_REPO=()
for _ in $(seq 1 "$RUNS"); do
  V_INST+=("$(version_ms /opt/berth/bin/berth)")
  V_PATH+=("$(version_ms berth)")
  V_REPO+=("$(version_ms "$REPO/berth")")
  F_INST+=("$(first_frame_ms /opt/berth/bin/berth)")
  F_REPO+=("$(first_frame_ms "$REPO/berth")")
done
ok "berth version against the engine, installed (/opt/berth/bin/berth and berth on the PATH) and ./berth"

dpkg_wait -r berth || fail "dpkg -r"
[ ! -e /opt/berth/bin/berth ] || fail "dpkg -r left /opt/berth/bin/berth"
check_removed
ok "dpkg -r"
dpkg_wait -P berth || fail "dpkg -P"
check_removed
ok "dpkg -P"

RPM_NOTE="no rpm tools"
if [ -n "$RPM" ] && command -v rpm >/dev/null; then
  echo "=== .rpm: $RPM"
  rpm -i --nodeps "$RPM" || fail "rpm -i --nodeps"
  ok "rpm -i --nodeps"
  check_installed
  run_as_user /opt/berth/bin/berth version >/dev/null 2>&1 || fail "berth version from the .rpm"
  title=$(window_title berth)
  [ "$title" = '"Berth"' ] || fail "the .rpm's GUI window title is '$title'"
  ok "berth version and the GUI window from the .rpm"
  rpm -e berth || fail "rpm -e"
  check_removed
  ok "rpm -e"
  RPM_NOTE="$(( $(stat -c %s "$RPM") / 1048576 )) MB"
fi

m() { printf '%s\n' "$@" | median; }
echo
echo "=== figures ($(nproc) cores, load $(cut -d ' ' -f 1-3 /proc/loadavg); medians of $RUNS runs)"
printf '%-34s %12s %12s\n' "" "installed" "./berth"
printf '%-34s %9s MB %12s\n' ".deb size" "$(( $(stat -c %s "$DEB") / 1048576 ))" "-"
printf '%-34s %12s %12s\n' ".rpm size" "$RPM_NOTE" "-"
printf '%-34s %9s MB %9s MB\n' "installed size / dist" "$INSTALLED_MB" "$(du -sm "$REPO/packaging/target/dist" | cut -f 1)"
printf '%-34s %9s ms %9s ms\n' "berth version (engine round trip)" "$(m "${V_INST[@]}")" "$(m "${V_REPO[@]}")"
printf '%-34s %9s ms %12s\n' "berth version via /usr/bin/berth" "$(m "${V_PATH[@]}")" "-"
printf '%-34s %9s ms %9s ms\n' "GUI first frame" "$(m "${F_INST[@]}")" "$(m "${F_REPO[@]}")"
echo "all runs: version installed ${V_INST[*]} / ./berth ${V_REPO[*]}; first frame installed ${F_INST[*]} / ./berth ${F_REPO[*]}"
echo "install-test: passed"
