#!/bin/sh
# Builds Berth's Linux installers: target/installer/berth_<v>_amd64.deb (and berth-<v>-1.x86_64.rpm when
# rpmbuild is installed), each a trimmed runtime + the jars + the AOT caches under /opt/berth.
#   packaging/installer/build.sh [deb] [rpm]      (default: deb, plus rpm when rpmbuild exists)
# Environment: JAVA_HOME (a JDK >= 25 with jlink/jpackage), MAVEN_ARGS (extra Maven arguments, e.g. -o),
# BERTH_SKIP_MAVEN=1 to package the jars already in packaging/target/dist/lib.
# Steps, each printed with its time: jars -> jdeps -> jlink -> app image -> AOT training -> packages.
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
REPO=$(CDPATH= cd -- "$HERE/../.." && pwd)
OUT="$REPO/packaging/target/installer"
LIB="$REPO/packaging/target/dist/lib"
. "$REPO/.mvn/find-jdk.sh"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ] || { echo "build.sh: needs JAVA_HOME at a JDK >= 25 with jpackage" >&2; exit 1; }
J="$JAVA_HOME/bin"
START=$(date +%s)
step() { echo "=== $* ($(( $(date +%s) - START )) s)"; }

TYPES="$*"
if [ -z "$TYPES" ]; then TYPES=deb; if command -v rpmbuild >/dev/null 2>&1; then TYPES="deb rpm"; fi; fi
# The version: the root pom's own (its first <version>), the one `berth version` prints.
VERSION=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$REPO/pom.xml" | head -n 1)
ARGS="$HERE/jpackage-args.sh"

step "jars (packaging/target/dist/lib, version $VERSION)"
if [ "${BERTH_SKIP_MAVEN:-0}" != 1 ]; then
  # shellcheck disable=SC2086
  (cd "$REPO" && ./mvnw -B -q -DskipTests -Dmaven.test.skip=true ${MAVEN_ARGS:-} package -pl packaging -am) >"$REPO/packaging/target/installer-build.log" 2>&1 \
    || { tail -n 40 "$REPO/packaging/target/installer-build.log" >&2; exit 1; }
  # The same build ./berth makes: its distribution is current now (no rebuild on the next ./berth).
  touch "$REPO/packaging/target/dist/.built"
fi
[ -f "$LIB/app-gui-$VERSION.jar" ] || { echo "build.sh: no $LIB/app-gui-$VERSION.jar" >&2; exit 1; }
rm -rf "$OUT"; mkdir -p "$OUT"

step "jdeps: the JDK modules the jars use"
# JavaFX stays on the class path, as in ./berth (docs/DECISIONS.md), so only JDK modules are linked.
# JediTermFX's jars are modular and require modules Berth leaves out on purpose (purejavacomm, pty4j: the engine's
# exec stream is the terminal's connector), so jdeps cannot resolve their descriptors; it reads their classes
# without the descriptor instead, as the class path that runs them does.
FLAT="$OUT/jdeps-classes"
rm -rf "$FLAT"; mkdir -p "$FLAT"
INPUTS=""
for jar in "$LIB"/*.jar; do
  name=$(basename "$jar" .jar)
  case "$name" in
    jeditermfx-*) mkdir -p "$FLAT/$name" && (cd "$FLAT/$name" && "$J/jar" xf "$jar" && find . -name module-info.class -delete)
                  INPUTS="$INPUTS $FLAT/$name" ;;
    *) INPUTS="$INPUTS $jar" ;;
  esac
done
# shellcheck disable=SC2086 # INPUTS is a list of paths without spaces (Maven artifact names)
MODULES=$(cd "$LIB" && "$J/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 -cp '*' $INPUTS 2>/dev/null | tail -n 1)
case "$MODULES" in java.base*) ;; *) echo "build.sh: jdeps said: $MODULES" >&2; exit 1 ;; esac
# Who needs each module (docs/INSTALL.md explains them): module -> the jars that use it.
# shellcheck disable=SC2086
(cd "$LIB" && "$J/jdeps" -s --ignore-missing-deps --multi-release 25 -cp '*' $INPUTS 2>/dev/null) \
  | awk '$2 == "->" && $3 ~ /^(java|jdk)\./ && $3 != "java.base" { users[$3] = users[$3] " " $1 }
         END { for (m in users) print m ":" users[m] }' | sort >"$OUT/modules-why.txt"
echo "modules: $MODULES"; cat "$OUT/modules-why.txt"

step "jlink: a trimmed runtime"
# No debug symbols, headers or man pages, and no default CDS archive (28 MB: the shipped AOT caches replace
# it). Not compressed: the packages are compressed anyway, and an uncompressed jimage loads classes faster.
"$J/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --output "$OUT/runtime"
echo "runtime: $(du -sm "$OUT/runtime" | cut -f 1) MB"

step "jpackage: app image"
# shellcheck disable=SC2046
(IFS='
'; "$J/jpackage" $("$ARGS" --os linux --step app-image --version "$VERSION" --input "$LIB" --runtime "$OUT/runtime" --dest "$OUT/image"))
IMG="$OUT/image/berth"
# The sh launcher instead of jpackage's native one: it applies jvm-options.sh at run time (GPU probe,
# MALLOC_ARENA_MAX/GDK_GL, the XDG cache folder), which a static .cfg cannot.
rm -f "$IMG/bin/berth" "$IMG/lib/app/berth.cfg"
install -m 755 "$HERE/linux/berth" "$IMG/bin/berth"
install -D -m 644 "$REPO/packaging/launcher/jvm-options.sh" "$IMG/lib/launcher/jvm-options.sh"
install -m 755 "$HERE/linux/desktop-integration.sh" "$IMG/lib/desktop-integration.sh"
# Under lib/: jpackage's Linux packages carry bin/ and lib/ of an app image, not a share/ beside them.
install -D -m 644 "$HERE/linux/berth.desktop" "$IMG/lib/share/applications/berth.desktop"
install -D -m 644 "$HERE/linux/berth-compose.xml" "$IMG/lib/share/mime/packages/berth-compose.xml"
for png in "$REPO"/icons/berth-*.png; do
  size=${png##*/berth-}; size=${size%.png}
  install -D -m 644 "$png" "$IMG/lib/share/icons/hicolor/${size}x${size}/apps/berth.png"
done
install -D -m 644 "$REPO/icons/berth.svg" "$IMG/lib/share/icons/hicolor/scalable/apps/berth.svg"
# The engine VM image ships when it has been built (packaging/vm/build-image.sh); the VM provider finds it here.
if [ -d "$REPO/packaging/target/vm-image" ]; then cp -r "$REPO/packaging/target/vm-image" "$IMG/lib/vm-image"; fi

step "AOT caches: trained on the packaged runtime and jars"
# The same runs ./berth trains with (Main's -Dberth.training): the CLI on --help, the GUI to its first frame
# in an invisible window (under Xvfb when there is no display). A failed training ships no cache: slower
# start-up, same program.
mkdir -p "$IMG/lib/aot"
TRAIN_CONFIG=$(mktemp -d)
for mode in cli gui; do
  . "$REPO/packaging/launcher/jvm-options.sh"
  berth_jvm_options "$mode" linux no
  set -- "$IMG/lib/runtime/bin/java" $JVM_OPTS -XX:AOTCacheOutput="$IMG/lib/aot/berth-$mode.aot" \
    -Dberth.training=true -Dberth.config.dir="$TRAIN_CONFIG" -cp "$IMG/lib/app/*" dev.berth.app.Main
  if [ "$mode" = cli ]; then
    "$@" --help >"$OUT/aot-$mode.log" 2>&1 || rm -f "$IMG/lib/aot/berth-$mode.aot"
  elif [ -n "${DISPLAY:-}" ]; then
    MALLOC_ARENA_MAX=2 GDK_GL=disable "$@" >"$OUT/aot-$mode.log" 2>&1 || rm -f "$IMG/lib/aot/berth-$mode.aot"
  elif command -v xvfb-run >/dev/null 2>&1; then
    MALLOC_ARENA_MAX=2 GDK_GL=disable xvfb-run -a -s "-screen 0 1280x800x24" "$@" >"$OUT/aot-$mode.log" 2>&1 \
      || rm -f "$IMG/lib/aot/berth-$mode.aot"
  fi
  if [ -f "$IMG/lib/aot/berth-$mode.aot" ]; then echo "aot $mode: $(du -sm "$IMG/lib/aot/berth-$mode.aot" | cut -f 1) MB"
  else echo "aot $mode: not trained (see $OUT/aot-$mode.log)"; fi
done
rm -rf "$TRAIN_CONFIG"
echo "installed size: $(du -sm "$IMG" | cut -f 1) MB"

# gzip, not dpkg-deb's default xz: 76 instead of 65 MB, but 13 s instead of 65 s on one core (measured on
# this image; docs/PERFORMANCE.md). DPKG_DEB_COMPRESSOR_TYPE=xz for the smaller release build.
DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-gzip}; export DPKG_DEB_COMPRESSOR_TYPE
for type in $TYPES; do
  step "jpackage: .$type"
  (IFS='
'; "$J/jpackage" $("$ARGS" --os linux --step package --type "$type" --version "$VERSION" --app-image "$IMG" \
      --dest "$OUT" --resources "$HERE/resources"))
done
step "done"
ls -l "$OUT"/*.deb "$OUT"/*.rpm 2>/dev/null || true
