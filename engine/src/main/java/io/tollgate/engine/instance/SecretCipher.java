package io.tollgate.engine.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for secrets at rest. Each value gets a fresh 96-bit IV; the stored form is
 * {@code v1:base64(iv || ciphertext || tag)}, so tampering or a wrong key fails loudly instead of yielding garbage.
 */
@Component
public class SecretCipher {

    static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    SecretCipher(SecretProperties properties) {
        this.key = new SecretKeySpec(loadKey(properties), "AES");
    }

    static byte[] loadKey(SecretProperties properties) {
        if (properties.key() != null && !properties.key().isBlank()) {
            return decodeKey(properties.key().strip(), "TOLLGATE_SECRET_KEY");
        }
        try {
            if (Files.exists(properties.keyFile())) {
                return decodeKey(Files.readString(properties.keyFile()).strip(), properties.keyFile().toString());
            }
            if (!properties.generateKeyFile()) {
                throw new IllegalStateException("No secret key: set TOLLGATE_SECRET_KEY to base64 of 32 random bytes "
                        + "(for example: openssl rand -base64 32)");
            }
            byte[] generated = new byte[32];
            RANDOM.nextBytes(generated);
            Files.createDirectories(properties.keyFile().toAbsolutePath().getParent());
            Files.writeString(properties.keyFile(), Base64.getEncoder().encodeToString(generated));
            try {
                Files.setPosixFilePermissions(properties.keyFile(), PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // not a POSIX file system: the file keeps the folder's permissions
            }
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + properties.keyFile(), e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The secret key in " + source + " is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("The secret key in " + source + " must be 32 bytes (base64 of 32 random "
                    + "bytes), but has " + bytes.length);
        }
        return bytes;
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * A key of its own for {@code purpose}, derived from the secret key (HMAC-SHA256 of the purpose under it), so
     * every node holding the secret key derives the same one and no purpose's key gives away another's.
     */
    public byte[] derivedKey(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("a derived key needs a purpose");
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("tollgate derived key: " + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** @throws IllegalStateException when the value was not sealed with this key, or was changed since */
    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("Not an encrypted secret");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored secret cannot be decrypted: wrong TOLLGATE_SECRET_KEY, or the "
                    + "value was altered");
        }
    }
}
