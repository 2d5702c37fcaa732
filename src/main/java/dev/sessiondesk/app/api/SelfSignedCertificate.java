package dev.sessiondesk.app.api;

import dev.sessiondesk.store.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The certificate the API presents on the LAN: self-signed, made once with the JDK's own
 * {@code keytool} and kept in the config folder (0600), so a phone that trusted its fingerprint
 * once keeps trusting it. The fingerprint (SHA-256 of the certificate) is what the app shows next
 * to the pairing QR code.
 */
public final class SelfSignedCertificate {
    static final String STORE_FILE = "api-tls.p12";
    static final String PASSWORD_FILE = "api-tls.pass";
    private static final String ALIAS = "sessiondesk-api";

    private final SSLContext context;
    private final String fingerprint;

    private SelfSignedCertificate(SSLContext context, String fingerprint) {
        this.context = context;
        this.fingerprint = fingerprint;
    }

    public static SelfSignedCertificate loadOrCreate(Path configDir, List<String> names) throws IOException {
        Path store = configDir.resolve(STORE_FILE);
        Path passFile = configDir.resolve(PASSWORD_FILE);
        if (!Files.exists(store) || !Files.exists(passFile)) {
            create(configDir, store, passFile, names);
        }
        char[] password = Files.readString(passFile, StandardCharsets.US_ASCII).strip().toCharArray();
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            Certificate cert = ks.getCertificate(ALIAS);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return new SelfSignedCertificate(ctx, fingerprint(cert));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the API certificate " + store + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path configDir, Path store, Path passFile, List<String> names) throws IOException {
        PrivateFiles.ensureDirectory(configDir);
        byte[] bits = new byte[24];
        new SecureRandom().nextBytes(bits);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        PrivateFiles.writeAtomically(passFile, (password + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.deleteIfExists(store);
        StringBuilder san = new StringBuilder();
        for (String n : names) {
            san.append(san.length() == 0 ? "" : ",").append(n.matches("[0-9.]+|\\[.*]|.*:.*") ? "ip:" : "dns:")
                    .append(n.replace("[", "").replace("]", ""));
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "keytool.exe" : "keytool");
        // The password reaches keytool through an environment variable, never the command line.
        ProcessBuilder pb = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "3650", "-dname", "CN=SessionDesk local API",
                "-ext", "SAN=" + san, "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass:env", "SD_API_TLS_PASS", "-keypass:env", "SD_API_TLS_PASS");
        pb.environment().put("SD_API_TLS_PASS", password);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool could not make the API certificate: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the API certificate", e);
        }
        PrivateFiles.restrict(store);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    }

    static String fingerprint(Certificate cert) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    public SSLContext context() {
        return context;
    }

    /** SHA-256 of the certificate, as {@code AB:CD:…}. */
    public String fingerprint() {
        return fingerprint;
    }
}
