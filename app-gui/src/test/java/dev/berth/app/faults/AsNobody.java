package dev.berth.app.faults;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code dev.berth.app.Main} in a child JVM as the user {@code nobody} (setpriv), for faults that only a
 * user without root's rights meets: a socket or a file this user may not open. Needs the tests to run as root
 * (to switch); the class path's jars are copied out of root's private Maven repository into {@code scratch}.
 */
final class AsNobody {

    record Run(int exitCode, String err) {}

    private AsNobody() {}

    static boolean possible() {
        return "root".equals(System.getProperty("user.name")) && new File("/usr/bin/setpriv").canExecute();
    }

    /** Runs Berth with {@code args}; {@code scratch} must be a directory nobody may read (made 0755 here). */
    static Run berth(Path scratch, String... args) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                ProcessHandle.current().info().command().orElseThrow(), "-cp", classPath(scratch), "-Duser.home=" + scratch,
                "dev.berth.app.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(scratch.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("berth did not end within 60 s: " + err);
        }
        return new Run(process.exitValue(), err);
    }

    /** This JVM's class path, with each jar copied to {@code scratch/jars} (world-readable). */
    private static String classPath(Path scratch) throws IOException {
        Path jars = scratch.resolve("jars");
        if (!Files.isDirectory(jars)) {
            Files.createDirectories(jars);
            Files.setPosixFilePermissions(jars, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path)) {
                Path copy = jars.resolve((i++) + "-" + path.getFileName());
                Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(copy.toString());
            } else {
                entries.add(entry); // target/classes under the worktree, readable by all
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
