package dev.reactorstudio.runtime.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the coordinator's routes, as a backend or the SDK would call them. */
final class FleetHttp {
    record Reply(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FleetHttp() {
    }

    static Reply send(String method, String url, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                json = JSON.createObjectNode().put("raw", response.body());
            }
            return new Reply(response.statusCode(), json == null ? JSON.createObjectNode() : json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply get(String url, String token) {
        return send("GET", url, token, null);
    }

    static Reply createSession(String base, String token, String model) {
        return send("POST", base + "/sessions", token, "{\"model\":{\"name\":\"" + model + "\"},"
                + "\"client_info\":{\"sdk_version\":\"2.9.0\",\"sdk_type\":\"js\"},"
                + "\"supported_transports\":[{\"protocol\":\"webrtc\",\"version\":\"1.0\"}]}");
    }
}
