package io.lastmile.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * The key pair local sign-in signs its tokens with in dev mode and tests: made once per checkout
 * in {@code .devstack/signing-key.pem} (never committed), so that tokens survive a live reload and
 * every test replica verifies the same tokens. Production brings its own key.
 */
public final class DevSigningKeys {

    static final String FILE = "signing-key.pem";

    /** The configuration that points local sign-in at the key and quarkus-oidc at its public half. */
    public static Map<String, String> config(Path stackFolder) {
        Path file = stackFolder.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return Map.of("lastmile.auth.signing-key-location", file.toAbsolutePath().toString(),
                    "quarkus.oidc.public-key", publicKeyOf(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make or read the dev signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the dev signing key " + file + " is unreadable; delete it to make a new one", e);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.getParent());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
        // Written aside and moved into place: dev mode and a test run may start at the same moment.
        Path partial = Files.createTempFile(file.getParent(), "signing-key", ".partial");
        Files.writeString(partial, pem);
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
            Files.deleteIfExists(partial);
        }
    }

    /** The public key (X.509, base64) derived from the private key's own modulus and exponent. */
    static String publicKeyOf(String pem) throws GeneralSecurityException {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        return Base64.getEncoder().encodeToString(
                rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded());
    }

    private DevSigningKeys() {
    }
}
