# shellcheck shell=sh
# Berth's JVM options: the one place for them. Sourced by ./berth (the source checkout) and by the installed
# launcher (/opt/berth/bin/berth, Linux), and run as `sh jvm-options.sh --print MODE OS` by the installer
# build for the jpackage launchers of macOS and Windows (packaging/installer/jpackage-args.sh), so the three
# cannot drift. The figures behind each option are in docs/PERFORMANCE.md.
#
#   berth_mode "$@"                 -> prints gui or cli for the program's arguments
#   berth_jvm_options MODE OS GPU   -> sets JVM_OPTS; sets BERTH_ENV to NAME=value pairs the launcher exports
#                                      MODE gui|cli, OS linux|mac|windows, GPU yes|no
#   berth_has_gpu                   -> prints yes when a GPU device node exists (Linux), else no
#   berth_export_env                -> exports BERTH_ENV's pairs, keeping values the user already set

berth_mode() {
  if [ $# -eq 0 ] || [ "$1" = open ]; then echo gui; else echo cli; fi
}

berth_has_gpu() {
  if ls /dev/dri/card* /dev/nvidia0 >/dev/null 2>&1; then echo yes; else echo no; fi
}

berth_jvm_options() {
  _mode=$1 _os=$2 _gpu=$3
  BERTH_ENV=""
  if [ "$_mode" = cli ]; then
    # A CLI run lives for a second or two: the serial collector and the C1 compiler alone spend a third
    # less CPU getting there than G1 and C2.
    JVM_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m --enable-native-access=ALL-UNNAMED"
    # At exit the JVM waits up to 300 ms for threads in native code to settle; after any virtual-thread
    # socket I/O the JDK's poller thread sits in epoll_wait for good, so every such command paid the full
    # 300 ms. Threads in native are stopped at their next transition anyway: no need to wait.
    JVM_OPTS="$JVM_OPTS -XX:UserThreadWaitAttemptsAtExit=0 -XX:-UsePerfData"
    return 0
  fi
  JVM_OPTS="-XX:+UseG1GC -Xss1m --enable-native-access=ALL-UNNAMED"
  # The GUI's live data is small (about 60 MB with a 20-service project streaming): without limits G1
  # starts at 1/64 of the RAM and grows freely, which doubled the RSS (GUI section).
  # A 20 ms pause goal keeps young collections under a frame and a half while logs stream (LogsStressTest).
  # -Xmx160m: over a 10-minute walk (MemoryWalk) the committed heap climbed to 128 MB at -Xmx320m with ~40 MB
  # live; at 160 MB it stayed near 100 MB and RSS ended 242-250 MB instead of 273 MB.
  JVM_OPTS="$JVM_OPTS -Xms48m -Xmx160m -XX:GCTimeRatio=4 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:MaxGCPauseMillis=20"
  # C1 alone: the first frame 0.7 s sooner and 60 MB less RSS (no C2 compiler threads, arenas and code);
  # the log pane's FX work per pulse stays far under a frame (GuiFootprintBench, LogsStressTest).
  JVM_OPTS="$JVM_OPTS -XX:TieredStopAtLevel=1 -XX:UserThreadWaitAttemptsAtExit=0 -XX:G1HeapRegionSize=1m"
  if [ "$_os" = linux ]; then
    # JavaFX unpacks its natives once per user; under the XDG cache, not ~/.openjfx.
    JVM_OPTS="$JVM_OPTS -Djavafx.cachedir=${XDG_CACHE_HOME:-$HOME/.cache}/berth/openjfx"
    # 1 MB G1 regions (above) and a periodic trim of the C heap (glibc only): another ~10 MB (GuiFootprintBench).
    JVM_OPTS="$JVM_OPTS -XX:TrimNativeHeapInterval=5000"
    # Two glibc malloc arenas instead of one per thread: another 20-30 MB of RSS.
    BERTH_ENV="MALLOC_ARENA_MAX=2"
    if [ "$_gpu" = no ]; then
      # Without a GPU device JavaFX's OpenGL pipeline can only fail its hardware check after a costly probe:
      # going straight to the software pipeline brings the first frame ~0.45 s sooner (GuiFootprintBench).
      JVM_OPTS="$JVM_OPTS -Dprism.order=sw"
      # The software pipeline draws without OpenGL, but GTK still probes GLX at start-up, which loads Mesa's
      # swrast and libLLVM (~50 MB resident): GDK_GL=disable skips the probe (173 vs 223 MB RSS at 40 s).
      BERTH_ENV="$BERTH_ENV GDK_GL=disable"
    fi
  fi
}

berth_export_env() {
  for _pair in $BERTH_ENV; do
    _name=${_pair%%=*}
    eval "_set=\${$_name+x}"
    if [ -z "$_set" ]; then eval "$_name=\${_pair#*=}"; export "${_name?}"; fi
  done
}

# `sh jvm-options.sh --print MODE OS`: the options one per line, for launchers that cannot run this file
# (jpackage's native launchers on macOS and Windows, which have a GPU pipeline of their own: GPU=yes).
if [ "${1:-}" = --print ]; then
  berth_jvm_options "$2" "$3" "${4:-yes}"
  for _opt in $JVM_OPTS; do echo "$_opt"; done
fi
