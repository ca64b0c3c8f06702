package dev.berth.bridge.vm;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The per-instance PKI of mutual TLS between Berth's host socket relay and the guest's dockerd
 * ({@code --tlsverify}): a CA made for this instance only, a server certificate for 127.0.0.1 (the
 * forwarded port) and a client certificate. The CA's private key is never written anywhere: nothing else can
 * ever be signed by it, so the only client the guest engine accepts is the one whose key sits in the
 * instance's 0700 folder. EC P-256 keys (milliseconds to make), ten years of validity (the instance's life;
 * {@code berth vm delete} makes new ones).
 */
public record InstanceCertificates(String caPem, String serverCertPem, String serverKeyPem, String clientCertPem, String clientKeyPem) {

    public static InstanceCertificates generate(String profile) {
        try {
            KeyPair caKeys = newKeyPair();
            X500Name caName = new X500Name("CN=Berth engine VM CA (" + profile + ")");
            X509v3CertificateBuilder caBuilder = builder(caName, caName, caKeys);
            caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(caBuilder, caKeys.getPrivate());

            KeyPair serverKeys = newKeyPair();
            X509v3CertificateBuilder server = builder(new X500Name("CN=berth-vm-" + profile), caName, serverKeys);
            leaf(server, KeyPurposeId.id_kp_serverAuth);
            server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));

            KeyPair clientKeys = newKeyPair();
            X509v3CertificateBuilder client = builder(new X500Name("CN=berth-client-" + profile), caName, clientKeys);
            leaf(client, KeyPurposeId.id_kp_clientAuth);

            return new InstanceCertificates(pem(ca), pem(sign(server, caKeys.getPrivate())), pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)),
                    pem(sign(client, caKeys.getPrivate())), pem(new JcaPKCS8Generator(clientKeys.getPrivate(), null)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the instance certificates: " + e.getMessage(), e);
        }
    }

    /** The client side in the docker CLI's layout ({@code ca.pem}, {@code cert.pem}, {@code key.pem}), files 0600. */
    public void writeClient(Path tlsDir) {
        try {
            PrivatePaths.folder(tlsDir);
            write(tlsDir.resolve("ca.pem"), caPem);
            write(tlsDir.resolve("cert.pem"), clientCertPem);
            write(tlsDir.resolve("key.pem"), clientKeyPem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tlsDir, e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        // created 0600 (never the umask's 0644 first): the key is unreadable to others from its first byte
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PrivatePaths.fileAttribute());
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    static void restrict(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static void leaf(X509v3CertificateBuilder builder, KeyPurposeId purpose) throws IOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
