package dev.berth.app.gui.editor;

/** What a highlighted range of a YAML (or .env) line is; each maps to one CSS style class. */
public enum TokenType {
    KEY("yaml-key"),
    STRING("yaml-string"),
    CONSTANT("yaml-constant"),
    ANCHOR("yaml-anchor"),
    ALIAS("yaml-alias"),
    TAG("yaml-tag"),
    COMMENT("yaml-comment"),
    INTERPOLATION("yaml-interpolation"),
    PUNCTUATION("yaml-punctuation"),
    BLOCK("yaml-block"),
    DOCUMENT("yaml-document");

    private final String styleClass;

    TokenType(String styleClass) {
        this.styleClass = styleClass;
    }

    public String styleClass() {
        return styleClass;
    }
}
