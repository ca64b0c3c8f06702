package dev.berth.bridge.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files under {@code src/test/resources/golden/}: a command line is one argument per line. After a deliberate
 * change, regenerate with {@code ./mvnw -o -q -pl vm-bridge test -Dtest='VfkitCommandLineTest,WslCommandsTest'
 * -Dberth.golden.update=true} (run from the repository root; the files are written into the source tree) and read the
 * diff before committing it.
 */
final class Golden {

    private Golden() {}

    static String lines(List<String> args) {
        return String.join("\n", args) + "\n";
    }

    static void assertMatches(String name, String actual) throws IOException {
        if (Boolean.getBoolean("berth.golden.update")) {
            Path source = Path.of("src/test/resources/golden");
            if (!Files.isDirectory(source)) {
                source = Path.of("vm-bridge/src/test/resources/golden");
            }
            Files.createDirectories(source.resolve(name).getParent());
            Files.writeString(source.resolve(name), actual);
        }
        try (InputStream golden = Golden.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(golden, "no golden file " + name + " (run once with -Dberth.golden.update=true and check it)");
            assertEquals(new String(golden.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }
}
