package io.tollgate.engine.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private static SecretCipher cipher(String key) {
        return new SecretCipher(new SecretProperties(key, Path.of("unused"), false));
    }

    @Test
    void roundTripsAndNeverStoresThePlainText() {
        SecretCipher cipher = cipher(KEY);
        String sealed = cipher.encrypt("s3cret-p@ss");
        assertThat(sealed).startsWith("v1:").doesNotContain("s3cret");
        assertThat(cipher.decrypt(sealed)).isEqualTo("s3cret-p@ss");
    }

    @Test
    void aDerivedKeyIsTheSameOnEveryNodeWithTheKeyAndTellsNothingOfTheKeyOrAnotherPurpose() {
        byte[] seal = cipher(KEY).derivedKey("execution ledger seal");
        assertThat(seal).hasSize(32)
                .isEqualTo(cipher(KEY).derivedKey("execution ledger seal"))
                .isNotEqualTo(cipher(KEY).derivedKey("another purpose"))
                .isNotEqualTo(cipher(OTHER_KEY).derivedKey("execution ledger seal"))
                .isNotEqualTo(Base64.getDecoder().decode(KEY));
        assertThatThrownBy(() -> cipher(KEY).derivedKey(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameSecretSealsDifferentlyEachTime() {
        SecretCipher cipher = cipher(KEY);
        assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
    }

    @Test
    void tamperingOrAnotherKeyFailsLoudly() {
        String sealed = cipher(KEY).encrypt("value");
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher(KEY).decrypt(new String(chars))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be decrypted");
        assertThatThrownBy(() -> cipher(OTHER_KEY).decrypt(sealed)).hasMessageContaining("wrong TOLLGATE_SECRET_KEY");
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedWithTheRule() {
        assertThatThrownBy(() -> cipher(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> cipher("not base64 !!")).hasMessageContaining("not valid base64");
    }

    @Test
    void withoutAKeyOutsideTheEmbeddedProfileStartUpSaysWhatToSet(@TempDir Path dir) {
        assertThatThrownBy(() -> new SecretCipher(new SecretProperties(null, dir.resolve("secret.key"), false)))
                .hasMessageContaining("TOLLGATE_SECRET_KEY");
    }

    @Test
    void theEmbeddedProfileGeneratesAPrivateKeyFileOnceAndReusesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/secret.key");
        String sealed = new SecretCipher(new SecretProperties(null, file, true)).encrypt("x");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(new SecretCipher(new SecretProperties(null, file, true)).decrypt(sealed)).isEqualTo("x");
    }
}
