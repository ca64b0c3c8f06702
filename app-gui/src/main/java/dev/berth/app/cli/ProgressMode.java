package dev.berth.app.cli;

/** {@code --progress}: how progress events are shown (auto = live on a terminal, plain lines otherwise). */
enum ProgressMode {
    auto, tty, plain, json, quiet
}
