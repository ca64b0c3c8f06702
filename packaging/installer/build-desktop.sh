#!/usr/bin/env bash
# Builds the macOS (.dmg) or Windows (.msi) installer on a machine of that OS: the jars with that platform's
# JavaFX jars, jdeps -> jlink (the same modules as Linux, build.sh), then one jpackage run whose arguments
# come from jpackage-args.sh (checked per OS by JpackageArgsTest on Linux). Run by .github/workflows/installers.yml.
#   packaging/installer/build-desktop.sh mac dmg mac-aarch64 | mac dmg mac | windows msi win
set -euo pipefail
OS=$1 TYPE=$2 FX_PLATFORM=$3
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
cd "$REPO"
win_path() { if [ "$OS" = windows ]; then cygpath -m "$1"; else echo "$1"; fi; }
J="$JAVA_HOME/bin"
VERSION=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
OUT="$REPO/packaging/target/installer"
LIB="$REPO/packaging/target/dist/lib"

echo "=== jars (JavaFX $FX_PLATFORM, version $VERSION)"
./mvnw -B -q -DskipTests -Dmaven.test.skip=true -Djavafx.platform="$FX_PLATFORM" package -pl packaging -am
ls "$LIB" | grep javafx
rm -rf "$OUT"; mkdir -p "$OUT"

echo "=== jdeps + jlink"
MODULES=$(cd "$LIB" && "$J/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 -cp '*' ./*.jar 2>/dev/null | tail -n 1)
echo "modules: $MODULES"
"$J/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --output "$(win_path "$OUT/runtime")"
du -sh "$OUT/runtime"

echo "=== jpackage --type $TYPE"
# A read loop, not mapfile: macOS ships bash 3.2.
ARGS=()
while IFS= read -r line; do ARGS+=("$line"); done < <("$HERE/jpackage-args.sh" --os "$OS" --step package --type "$TYPE" --version "$VERSION" \
  --input "$(win_path "$LIB")" --runtime "$(win_path "$OUT/runtime")" --dest "$(win_path "$OUT")" \
  --launcher-dir "$(win_path "$OUT/launchers")")
printf '  %s\n' "${ARGS[@]}"
"$J/jpackage" "${ARGS[@]}"
ls -l "$OUT"
