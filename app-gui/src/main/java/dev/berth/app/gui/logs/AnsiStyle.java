package dev.berth.app.gui.logs;

/**
 * The SGR attributes in effect for a run of text. Colours are {@code -1} for "default", 0–255 for the
 * xterm palette (0–15 are the classic colours the theme may restyle), or {@code RGB_FLAG | 0xRRGGBB}
 * for 24-bit colour.
 */
public record AnsiStyle(int foreground, int background, boolean bold, boolean dim, boolean italic, boolean underline) {

    public static final int DEFAULT_COLOR = -1;
    public static final int RGB_FLAG = 1 << 24;
    public static final AnsiStyle PLAIN = new AnsiStyle(DEFAULT_COLOR, DEFAULT_COLOR, false, false, false, false);

    public static int rgb(int r, int g, int b) {
        return RGB_FLAG | (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    public static boolean isRgb(int color) {
        return color >= 0 && (color & RGB_FLAG) != 0;
    }

    public boolean isPlain() {
        return equals(PLAIN);
    }

    AnsiStyle withForeground(int color) {
        return new AnsiStyle(color, background, bold, dim, italic, underline);
    }

    AnsiStyle withBackground(int color) {
        return new AnsiStyle(foreground, color, bold, dim, italic, underline);
    }

    AnsiStyle withBold(boolean on) {
        return new AnsiStyle(foreground, background, on, dim, italic, underline);
    }

    AnsiStyle withDim(boolean on) {
        return new AnsiStyle(foreground, background, bold, on, italic, underline);
    }

    AnsiStyle withItalic(boolean on) {
        return new AnsiStyle(foreground, background, bold, dim, on, underline);
    }

    AnsiStyle withUnderline(boolean on) {
        return new AnsiStyle(foreground, background, bold, dim, italic, on);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
