package dev.berth.engine.api;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Registry credentials for pull/push, sent as the {@code X-Registry-Auth} header (base64url JSON). */
public record RegistryAuth(String username, String password, String serverAddress, String identityToken) {

    /** No credentials: still sent as {@code {}}, which push requires. */
    public static RegistryAuth anonymous() {
        return new RegistryAuth(null, null, null, null);
    }

    /** Never the password or the token: a record's own toString would print them into any log or message. */
    @Override
    public String toString() {
        return "RegistryAuth[username=" + username + ", password=" + (password == null ? null : "••••••") + ", serverAddress="
                + serverAddress + ", identityToken=" + (identityToken == null ? null : "••••••") + "]";
    }

    String header() {
        return Base64.getUrlEncoder().encodeToString(EngineJson.MAPPER.writeValueAsBytes(json()));
    }

    /**
     * The {@code X-Registry-Config} header of a build: every registry's credentials, keyed by registry, so the
     * engine can pull a {@code FROM} image from a private registry (the docker CLI sends all it has, as here).
     */
    static String configHeader(Map<String, RegistryAuth> registries) {
        Map<String, Map<String, String>> json = new LinkedHashMap<>();
        registries.forEach((registry, auth) -> json.put(registry, auth.json()));
        return Base64.getUrlEncoder().encodeToString(EngineJson.MAPPER.writeValueAsBytes(json));
    }

    /** Whether there is anything to send. */
    public boolean isAnonymous() {
        return username == null && password == null && identityToken == null;
    }

    private Map<String, String> json() {
        Map<String, String> json = new LinkedHashMap<>();
        if (username != null) {
            json.put("username", username);
        }
        if (password != null) {
            json.put("password", password);
        }
        if (serverAddress != null) {
            json.put("serveraddress", serverAddress);
        }
        if (identityToken != null) {
            json.put("identitytoken", identityToken);
        }
        return json;
    }
}
