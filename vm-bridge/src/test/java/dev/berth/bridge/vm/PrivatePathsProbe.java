package dev.berth.bridge.vm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code PrivatePathsProbe <instance dir> <server dir>}: what {@code VmManager.prepare} does to a new instance's
 * folder and client certificates, in a JVM of its own so a test can run it under {@code umask 000} and strace;
 * writes the server side ({@code server.pem}, {@code server-key.pem}, {@code ca.pem}) into the second folder.
 */
public final class PrivatePathsProbe {

    private PrivatePathsProbe() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        PrivatePaths.folder(dir);
        InstanceCertificates certificates = InstanceCertificates.generate(dir.getFileName().toString());
        certificates.writeClient(new VmLayout(dir.getFileName().toString(), dir).tlsDir());
        Path server = Files.createDirectories(Path.of(args[1]));
        Files.writeString(server.resolve("server.pem"), certificates.serverCertPem());
        Files.writeString(server.resolve("server-key.pem"), certificates.serverKeyPem());
        Files.writeString(server.resolve("ca.pem"), certificates.caPem());
    }
}
