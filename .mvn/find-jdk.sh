# Sourced by ./mvnw and ./berth (POSIX sh). Sets JAVA_HOME to a JDK >= 25: JAVA_HOME itself when it is new
# enough, else the newest JDK >= 25 under /usr/lib/jvm, /opt/java or /opt/jdk*, else javac on the PATH.
# Leaves JAVA_HOME unchanged when none is found (the caller explains what to install).
BERTH_REQUIRED_JAVA=25

berth_jdk_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

berth_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    _m=$(berth_jdk_major "$JAVA_HOME")
    if [ -n "$_m" ] && [ "$_m" -ge "$BERTH_REQUIRED_JAVA" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  _best=""; _best_major=0
  for _d in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -d "$_d" ] || continue
    _m=$(berth_jdk_major "$_d")
    if [ -n "$_m" ] && [ "$_m" -ge "$BERTH_REQUIRED_JAVA" ] && [ "$_m" -gt "$_best_major" ]; then _best="$_d"; _best_major=$_m; fi
  done
  if [ -n "$_best" ]; then echo "$_best"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    _d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    _m=$(berth_jdk_major "$_d")
    if [ -n "$_m" ] && [ "$_m" -ge "$BERTH_REQUIRED_JAVA" ]; then echo "$_d"; return 0; fi
  fi
  return 0
}

_berth_jdk=$(berth_find_jdk)
if [ -n "$_berth_jdk" ]; then JAVA_HOME="$_berth_jdk"; export JAVA_HOME; fi
