#!/bin/sh
# The jpackage arguments for one OS and step, one per line: the only place they are spelled out, so that
# build.sh (Linux, run in CI), the installers workflow (macOS, Windows) and JpackageArgsTest read the same.
#
#   jpackage-args.sh --os linux|mac|windows --step app-image|package --type app-image|deb|rpm|dmg|msi \
#       --version 0.1.0-SNAPSHOT --input LIB --runtime RUNTIME --dest DEST \
#       [--app-image DIR] [--resources DIR] [--launcher-dir DIR]
#
# Linux builds the app image first (jpackage's native launcher is then replaced by the sh launcher, which
# applies the options of packaging/launcher/jvm-options.sh at run time: GPU probe, env, XDG cache) and
# packages that image. macOS and Windows package in one step with jpackage's native launchers: a GUI one
# (Berth) and a console one for the CLI (berth-cli), whose options come from jvm-options.sh --print.
set -eu

HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
# Windows (Git Bash): C:/... paths, which jpackage.exe understands; elsewhere pwd -W fails and pwd answers.
REPO=$(CDPATH= cd -- "$HERE/../.." && { pwd -W 2>/dev/null || pwd; })
OS="" STEP="" TYPE="" VERSION="" INPUT="" RUNTIME="" DEST="" APP_IMAGE="" RESOURCES="" LAUNCHER_DIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --os) OS=$2 ;; --step) STEP=$2 ;; --type) TYPE=$2 ;; --version) VERSION=$2 ;; --input) INPUT=$2 ;;
    --runtime) RUNTIME=$2 ;; --dest) DEST=$2 ;; --app-image) APP_IMAGE=$2 ;; --resources) RESOURCES=$2 ;;
    --launcher-dir) LAUNCHER_DIR=$2 ;;
    *) echo "jpackage-args.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
fail() { echo "jpackage-args.sh: $*" >&2; exit 2; }
[ -n "$VERSION" ] || fail "--version is required"
case "$OS" in linux|mac|windows) ;; *) fail "--os must be linux, mac or windows" ;; esac

# Package versions are numbers only (rpm, msi and the macOS bundle refuse 0.1.0-SNAPSHOT): the root pom's
# version without its qualifier. `berth version` and Help › About show the full one.
APP_VERSION=$(printf '%s' "$VERSION" | sed 's/[^0-9.].*$//; s/\.$//')
[ -n "$APP_VERSION" ] || fail "no numeric version in $VERSION"
MAIN_JAR="app-gui-$VERSION.jar"
DESCRIPTION="Compose projects as a live service graph, with logs, stats and an editor"

arg() { for a in "$@"; do printf '%s\n' "$a"; done; }
java_options() { # one --java-options per JVM option, for jpackage's native launchers
  for o in $(sh "$REPO/packaging/launcher/jvm-options.sh" --print "$1" "$OS"); do arg --java-options "$o"; done
}
common_metadata() {
  arg --app-version "$APP_VERSION" --vendor "Berth" --copyright "Berth contributors" --description "$DESCRIPTION"
}

if [ "$OS" = linux ]; then
  case "$STEP" in
    app-image)
      [ -n "$INPUT" ] && [ -n "$RUNTIME" ] && [ -n "$DEST" ] || fail "app-image needs --input, --runtime, --dest"
      # The package name is lowercase: /opt/berth, /usr/bin/berth.
      arg --type app-image --name berth --dest "$DEST" --input "$INPUT" --main-jar "$MAIN_JAR" \
        --main-class dev.berth.app.Main --runtime-image "$RUNTIME" --icon "$REPO/icons/berth-256.png"
      common_metadata ;;
    package)
      case "$TYPE" in deb|rpm) ;; *) fail "Linux packages are deb or rpm" ;; esac
      [ -n "$APP_IMAGE" ] && [ -n "$DEST" ] && [ -n "$RESOURCES" ] || fail "package needs --app-image, --dest, --resources"
      arg --type "$TYPE" --name berth --app-image "$APP_IMAGE" --dest "$DEST" --resource-dir "$RESOURCES/$TYPE" \
        --install-dir /opt --linux-package-name berth --linux-app-category Development \
        --linux-deb-maintainer "berth@localhost"
      common_metadata
      # GTK 3 for JavaFX's glass; not detected by jpackage (the JavaFX natives sit in jars). The desktop
      # database and MIME tools are used when present (desktop-integration.sh), never required.
      if [ "$TYPE" = deb ]; then arg --linux-package-deps "libgtk-3-0 | libgtk-3-0t64, libxtst6";
      else arg --linux-package-deps "gtk3, libXtst"; fi ;;
    *) fail "--step must be app-image or package" ;;
  esac
  exit 0
fi

# macOS and Windows: one jpackage run from the jars and the runtime to the installer.
[ -n "$INPUT" ] && [ -n "$RUNTIME" ] && [ -n "$DEST" ] && [ -n "$LAUNCHER_DIR" ] || fail "needs --input, --runtime, --dest, --launcher-dir"
[ "$STEP" = package ] || fail "macOS and Windows have one step: package"
# The CLI launcher: its own JVM options (serial GC, C1, no exit wait), the same as ./berth's CLI mode.
mkdir -p "$LAUNCHER_DIR"
{
  printf 'main-class=dev.berth.app.Main\n'
  printf 'java-options=%s\n' "$(sh "$REPO/packaging/launcher/jvm-options.sh" --print cli "$OS" | tr '\n' ' ' | sed 's/ $//')"
  [ "$OS" = windows ] && printf 'win-console=true\n'
} >"$LAUNCHER_DIR/berth-cli.properties"
case "$OS" in
  mac)
    [ "$TYPE" = dmg ] || [ "$TYPE" = pkg ] || fail "macOS installers are dmg or pkg"
    arg --type "$TYPE" --name Berth --dest "$DEST" --input "$INPUT" --main-jar "$MAIN_JAR" --main-class dev.berth.app.Main \
      --runtime-image "$RUNTIME" --icon "$REPO/icons/berth.icns" --mac-package-identifier dev.berth.app \
      --mac-package-name Berth --mac-app-category public.app-category.developer-tools
    common_metadata
    java_options gui
    arg --add-launcher "berth-cli=$LAUNCHER_DIR/berth-cli.properties" ;;
  windows)
    [ "$TYPE" = msi ] || [ "$TYPE" = exe ] || fail "Windows installers are msi or exe"
    # A fixed upgrade code: a newer .msi replaces the installed one instead of installing beside it.
    arg --type "$TYPE" --name Berth --dest "$DEST" --input "$INPUT" --main-jar "$MAIN_JAR" --main-class dev.berth.app.Main \
      --runtime-image "$RUNTIME" --icon "$REPO/icons/berth.ico" --win-menu --win-menu-group Berth --win-shortcut \
      --win-dir-chooser --win-upgrade-uuid 6f4b6c1e-3f0e-4d59-9a57-2b1d2a7e0b18 --win-per-user-install
    common_metadata
    java_options gui
    arg --add-launcher "berth-cli=$LAUNCHER_DIR/berth-cli.properties" ;;
esac
