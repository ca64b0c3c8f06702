package dev.berth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A large but realistic compose file for benchmarks: {@code n} services in tiers of 50, each with an
 * image, ports, environment (list and map forms), labels, a named volume and a bind mount, a
 * healthcheck, networks, and depends_on on services of the tier below (with conditions). Only images,
 * no builds, so docker-compose v1 can read it without build directories.
 */
public final class GeneratedCompose {

    private GeneratedCompose() {}

    public static String services(int n) {
        return "name: bench\n" + servicesWithoutName(n);
    }

    /** The same without the top-level {@code name:}, which docker-compose v1 rejects (pass {@code -p bench}). */
    public static String servicesWithoutName(int n) {
        StringBuilder y = new StringBuilder(n * 600);
        y.append("x-common: &common\n  restart: unless-stopped\n  logging:\n    driver: json-file\n");
        y.append("    options:\n      max-size: 10m\nservices:\n");
        for (int i = 0; i < n; i++) {
            y.append("  svc").append(i).append(":\n");
            y.append("    <<: *common\n");
            y.append("    image: registry.example.com/team/svc").append(i).append(":${TAG:-1.").append(i % 7).append("}\n");
            y.append("    command: [\"serve\", \"--port\", \"8080\", \"--id\", \"").append(i).append("\"]\n");
            y.append("    ports:\n      - \"").append(20000 + i).append(":8080\"\n      - target: 9090\n        protocol: tcp\n");
            if (i % 2 == 0) {
                y.append("    environment:\n      - SERVICE_ID=").append(i).append("\n      - LOG_LEVEL=info\n      - HOME\n");
            } else {
                y.append("    environment:\n      SERVICE_ID: \"").append(i).append("\"\n      LOG_LEVEL: debug\n");
            }
            y.append("    labels:\n      com.example.tier: \"").append(i / 50).append("\"\n      com.example.index: \"").append(i).append("\"\n");
            y.append("    volumes:\n      - data").append(i % 10).append(":/var/lib/data\n      - ./conf/svc").append(i).append(":/etc/svc:ro\n");
            y.append("    healthcheck:\n      test: [\"CMD\", \"wget\", \"-q\", \"-O-\", \"http://localhost:8080/health\"]\n");
            y.append("      interval: 10s\n      timeout: 2s\n      retries: 3\n");
            y.append("    networks: [front, back]\n");
            if (i >= 50) {
                int below = (i / 50 - 1) * 50;
                y.append("    depends_on:\n");
                y.append("      svc").append(below + i % 50).append(":\n        condition: service_healthy\n");
                y.append("      svc").append(below + (i + 7) % 50).append(":\n        condition: service_started\n");
            }
        }
        y.append("networks:\n  front: {}\n  back:\n    internal: true\n");
        y.append("volumes:\n");
        for (int v = 0; v < 10; v++) {
            y.append("  data").append(v).append(": {}\n");
        }
        return y.toString();
    }

    /** Writes {@code compose.yaml} with {@code n} services into {@code dir} and returns it. */
    public static Path write(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, services(n));
        return file;
    }

    /** Writes the file without {@code name:} (see {@link #servicesWithoutName}) and returns it. */
    public static Path writeWithoutName(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, servicesWithoutName(n));
        return file;
    }
}
