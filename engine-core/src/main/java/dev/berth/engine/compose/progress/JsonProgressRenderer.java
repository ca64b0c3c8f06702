package dev.berth.engine.compose.progress;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One JSON object per line ({@code --progress json}), for scripts:
 * {@code {"id":"Container demo-web-1","kind":"container","name":"demo-web-1","service":"web","status":"done","text":"Started"}}.
 */
public final class JsonProgressRenderer implements ProgressListener {

    private final PrintWriter out;

    public JsonProgressRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
        StringBuilder json = new StringBuilder(160).append('{');
        field(json, "id", event.id()).append(',');
        field(json, "kind", event.kind().name().toLowerCase(Locale.ROOT)).append(',');
        field(json, "name", event.name()).append(',');
        if (event.service() != null) {
            field(json, "service", event.service()).append(',');
        }
        field(json, "status", event.status().name().toLowerCase(Locale.ROOT)).append(',');
        field(json, "text", event.text());
        if (!event.detail().isEmpty()) {
            json.append(',');
            field(json, "detail", event.detail());
        }
        if (event.total() > 0) {
            json.append(",\"current\":").append(event.current()).append(",\"total\":").append(event.total());
        }
        json.append(",\"time\":\"").append(event.at()).append("\"}");
        out.println(json);
        out.flush();
    }

    private static StringBuilder field(StringBuilder json, String key, String value) {
        json.append('"').append(key).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
