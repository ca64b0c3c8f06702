package dev.berth.app.gui.logs;

/** A run of text drawn with one style. */
public record StyledSegment(String text, AnsiStyle style) {}
