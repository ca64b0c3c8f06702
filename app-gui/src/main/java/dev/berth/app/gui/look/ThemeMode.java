package dev.berth.app.gui.look;

/** Which theme the user asked for; SYSTEM follows the desktop's light/dark preference. */
public enum ThemeMode { SYSTEM, LIGHT, DARK }
