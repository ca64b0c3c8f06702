package dev.berth.app.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a published port: the reason it failed, rather than silence, when the desktop has no URL handler. */
class UrlOpenerTest {

    @TempDir
    Path bin;

    private Optional<String> open(Map<String, String> environment) {
        return new UrlOpener(environment, "Linux", Runnable::run).tryOpen("http://127.0.0.1:8080");
    }

    private void handler(String script) throws Exception {
        Path file = bin.resolve("xdg-open");
        Files.writeString(file, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void saysSoWhenNoHandlerIsInstalled() {
        assertThat(open(Map.of("DISPLAY", ":0", "PATH", bin.toString()))).hasValueSatisfying(why -> assertThat(why)
                .contains("xdg-open is not installed").contains("xdg-utils"));
    }

    @Test
    void saysSoWithoutADesktopSession() throws Exception {
        handler("exit 0");
        assertThat(open(Map.of("PATH", bin.toString()))).hasValueSatisfying(why -> assertThat(why).contains("no desktop session"));
    }

    @Test
    void reportsAHandlerThatFailsWithItsExitCodeAndMessage() throws Exception {
        handler("echo 'xdg-open: no method available for opening' >&2; exit 3");
        assertThat(open(Map.of("DISPLAY", ":0", "PATH", bin.toString()))).hasValueSatisfying(why -> assertThat(why)
                .contains("exit code 3").contains("no method available for opening"));
    }

    @Test
    void aHandlerThatSucceedsIsSilent() throws Exception {
        handler("test \"$1\" = http://127.0.0.1:8080");
        assertThat(open(Map.of("DISPLAY", ":0", "PATH", bin.toString()))).isEmpty();
    }
}
