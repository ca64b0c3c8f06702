package dev.berth.app.gui.editor;

/** A highlighted range of one line, {@code [start, end)} in columns (0-based). */
public record Token(int start, int end, TokenType type) {}
