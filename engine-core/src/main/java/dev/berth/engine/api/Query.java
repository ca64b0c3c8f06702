package dev.berth.engine.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds a query string; null values are skipped so optional parameters need no special casing. */
final class Query {

    private final StringBuilder text = new StringBuilder();

    static Query of() {
        return new Query();
    }

    Query add(String name, Object value) {
        if (value == null) {
            return this;
        }
        String string = value instanceof Boolean b ? (b ? "1" : "0") : value.toString();
        text.append(text.isEmpty() ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(string, StandardCharsets.UTF_8).replace("+", "%20"));
        return this;
    }

    Query filters(Filters filters) {
        return filters == null || filters.isEmpty() ? this : add("filters", filters.toJson());
    }

    @Override
    public String toString() {
        return text.toString();
    }

    static String segment(String pathPart) {
        return URLEncoder.encode(pathPart, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
