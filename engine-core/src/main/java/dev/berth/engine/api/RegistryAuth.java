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
        return Base64.getUrlEncoder().encodeToString(EngineJson.MAPPER.writeValueAsBytes(json));
    }
}
