package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
 * A throw-away PKI the way Docker's "protect the daemon socket" guide builds one: a CA, a server
 * certificate for 127.0.0.1/localhost and a client certificate, both signed by the CA. Generated in-process
 * with BouncyCastle (already Berth's PEM reader) rather than the openssl CLI: no process to run, no output
 * to parse, and it works wherever the JVM does.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key and the certificate chain that goes with it (leaf first). */
    public record Identity(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {}

    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(String name) {
        try {
            caKeys = newKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            X509v3CertificateBuilder builder = builder(subject, subject, caKeys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca = sign(builder, caKeys.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a test CA", e);
        }
    }

    /** A new certificate authority named {@code name}. */
    public static TestCertificates authority(String name) {
        return new TestCertificates(name);
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    /** A server certificate for 127.0.0.1 and localhost (server auth). */
    public Identity server() {
        return issue("CN=localhost", KeyPurposeId.id_kp_serverAuth,
                new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
    }

    /** A client certificate (client auth), what {@code cert.pem}/{@code key.pem} hold. */
    public Identity client() {
        return issue("CN=berth-test-client", KeyPurposeId.id_kp_clientAuth, null);
    }

    /**
     * Writes a {@code DOCKER_CERT_PATH} directory: {@code ca.pem} (this CA), {@code cert.pem} and {@code key.pem}
     * (the client identity, key as PKCS#8 like OpenSSL 3 writes it).
     */
    public Path writeCertPath(Path directory, Identity client) {
        try {
            Files.createDirectories(directory);
            writeCa(directory.resolve("ca.pem"));
            writePem(directory.resolve("cert.pem"), client.certificate());
            try (Writer writer = Files.newBufferedWriter(directory.resolve("key.pem")); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
                pem.writeObject(new JcaPKCS8Generator(client.key(), null));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes (or replaces) a {@code ca.pem} holding this CA's certificate. */
    public void writeCa(Path file) {
        try {
            writePem(file, ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The server side's TLS context: presents {@code server}, and, when {@code requireClientCertificate}, trusts only
     * client certificates this CA signed (as dockerd does with {@code --tlsverify --tlscacert}).
     */
    public SSLContext serverContext(Identity server) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", server.key(), new char[0], new Certificate[] {server.certificate(), server.issuer()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, new char[0]);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", ca);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the server TLS context", e);
        }
    }

    private Identity issue(String subject, KeyPurposeId purpose, GeneralNames names) {
        try {
            KeyPair keys = newKeyPair();
            X509v3CertificateBuilder builder = builder(new X500Name(subject), new X500Name(ca.getSubjectX500Principal().getName()), keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            return new Identity(keys.getPrivate(), sign(builder, caKeys.getPrivate()), ca);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    /** EC P-256: fast to generate (RSA-4096 as in Docker's guide would cost seconds per test run). */
    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
        }
    }
}
