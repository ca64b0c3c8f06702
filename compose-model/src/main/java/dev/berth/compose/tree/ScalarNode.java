package dev.berth.compose.tree;

import dev.berth.compose.Location;

/**
 * A scalar: String, Long, Double, Boolean or null. {@code raw} keeps the text as written (needed for
 * octal file modes like {@code 0440}); {@code quoted} tells a quoted "123" from a plain 123.
 */
public final class ScalarNode extends Node {

    private Object value;
    private final String raw;
    private final boolean quoted;

    public ScalarNode(Location location, Object value, String raw, boolean quoted) {
        super(location);
        this.value = value;
        this.raw = raw;
        this.quoted = quoted;
    }

    public static ScalarNode of(Location location, Object value) {
        return new ScalarNode(location, value, value == null ? "" : String.valueOf(value), value instanceof String);
    }

    public Object value() {
        return value;
    }

    public void setValue(Object value) {
        this.value = value;
    }

    public String raw() {
        return raw;
    }

    public boolean quoted() {
        return quoted;
    }

    public boolean isNull() {
        return value == null;
    }

    /** The value printed the way YAML users expect: 2.5 stays 2.5, true stays true, null is "". */
    public String asString() {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return raw != null && !raw.isEmpty() && !quoted ? raw : String.valueOf(d);
        }
        return String.valueOf(value);
    }

    @Override
    public ScalarNode copy() {
        ScalarNode copy = new ScalarNode(location(), value, raw, quoted);
        copy.setMergeTag(mergeTag());
        return copy;
    }

    @Override
    public Object toPlain() {
        return value;
    }

    @Override
    public String kindName() {
        if (value == null) {
            return "null";
        }
        return switch (value) {
            case String s -> "a string";
            case Boolean b -> "a boolean";
            default -> "a number";
        };
    }
}
