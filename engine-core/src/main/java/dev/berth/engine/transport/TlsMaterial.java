package dev.berth.engine.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The TLS set-up the docker CLI uses: {@code DOCKER_CERT_PATH} holds {@code ca.pem} (the engine's CA),
 * {@code cert.pem} and {@code key.pem} (our client certificate). Keys may be PKCS#1 RSA, SEC1 EC or PKCS#8;
 * BouncyCastle's PEM parser reads all three (the JDK reads only unencrypted PKCS#8).
 */
public final class TlsMaterial {

    private TlsMaterial() {}

    /**
     * Builds the socket factory. With {@code verifyServer} false (DOCKER_TLS_VERIFY unset) the engine's
     * certificate is not checked, exactly like {@code docker --tls}; the client certificate is still sent.
     */
    public static SSLSocketFactory fromCertPath(Path certPath, boolean verifyServer) throws IOException {
        try {
            KeyManagerFactory keys = null;
            Path cert = certPath.resolve("cert.pem");
            Path key = certPath.resolve("key.pem");
            if (Files.exists(cert) && Files.exists(key)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                List<Certificate> chain = readCertificates(cert);
                store.setKeyEntry("client", readPrivateKey(key), new char[0], chain.toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, new char[0]);
            }
            TrustManager[] trust;
            if (verifyServer) {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                int i = 0;
                for (Certificate ca : readCertificates(certPath.resolve("ca.pem"))) {
                    trusted.setCertificateEntry("ca" + i++, ca);
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trusted);
                trust = factory.getTrustManagers();
            } else {
                trust = new TrustManager[] {new TrustEverything()};
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the TLS files in " + certPath + ": " + e.getMessage(), e);
        }
    }

    static List<Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException(pem + " holds no certificate");
            }
            return new ArrayList<>(certificates);
        }
    }

    static PrivateKey readPrivateKey(Path pem) throws IOException {
        try (Reader reader = Files.newBufferedReader(pem); PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
            throw new IOException(pem + " holds no unencrypted private key (PKCS#1, SEC1 or PKCS#8)");
        }
    }

    /** Used only when the user turned verification off (DOCKER_TLS_VERIFY unset), as the docker CLI does. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
