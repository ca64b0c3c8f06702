#!/bin/sh
# Puts the installed Berth into the desktop and takes it out again; run by the .deb's postinst/prerm and
# the .rpm's %post/%preun (one script for both). Everything it adds is a symlink into /opt/berth/lib/share, so
# removing is deleting those links; it never touches users' homes (~/.config/berth stays theirs).
#   desktop-integration.sh install | remove
set -e
APP=/opt/berth
SHARE=$APP/lib/share
links() { # target link
  echo "$APP/bin/berth /usr/bin/berth"
  echo "$SHARE/applications/berth.desktop /usr/share/applications/berth.desktop"
  echo "$SHARE/mime/packages/berth-compose.xml /usr/share/mime/packages/berth-compose.xml"
  for icon in "$SHARE"/icons/hicolor/*/apps/berth.*; do
    echo "$icon /usr/share/icons/hicolor/${icon#"$SHARE"/icons/hicolor/}"
  done
}
refresh() { # the caches desktops read; each tool only when installed
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database /usr/share/mime >/dev/null 2>&1 || true; fi
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true; fi
}
case "${1:-}" in
  install)
    links | while read -r target link; do
      mkdir -p "$(dirname "$link")"
      ln -sfn "$target" "$link"
    done
    refresh ;;
  remove)
    links | while read -r target link; do
      # Only our own links: a file someone else put there stays.
      if [ -L "$link" ] && [ "$(readlink "$link")" = "$target" ]; then rm -f "$link"; fi
    done
    refresh ;;
  *) echo "usage: $0 install|remove" >&2; exit 2 ;;
esac
