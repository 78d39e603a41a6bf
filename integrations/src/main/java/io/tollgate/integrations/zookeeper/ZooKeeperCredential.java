package io.tollgate.integrations.zookeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * Who Tollgate is in ZooKeeper: a {@code user:password} it authenticates with (digest scheme), and the ACL it puts on
 * every znode it creates, which grants everything to that identity and nothing to anybody else (not even reading:
 * the service tree names owners, servers and URLs).
 */
final class ZooKeeperCredential {

    static final String SCHEME = "digest";
    static final String GENERATED_USER = "tollgate";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final String credential;
    private final List<ACL> acl;

    private ZooKeeperCredential(String user, String credential) {
        this.user = user;
        this.credential = credential;
        try {
            // not List.of: ZooKeeper's client asks the list whether it contains null, which List.of refuses to answer
            this.acl = Collections.unmodifiableList(new ArrayList<>(List.of(new ACL(ZooDefs.Perms.ALL,
                    new Id(SCHEME, DigestAuthenticationProvider.generateDigest(credential))))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("ZooKeeper's digest algorithm is not available in this JVM", e);
        }
    }

    /**
     * The configured credential; on the embedded profile, the one in the data folder, generated at the first start.
     *
     * @throws IllegalStateException when there is none (outside the embedded profile) or it is not {@code user:password}
     */
    static ZooKeeperCredential load(ZooKeeperProperties properties) {
        if (properties.auth() != null && !properties.auth().isBlank()) {
            return parse(properties.auth().strip(), "TOLLGATE_ZOOKEEPER_AUTH");
        }
        if (!properties.generateAuthFile()) {
            throw new IllegalStateException("No ZooKeeper credential: set TOLLGATE_ZOOKEEPER_AUTH to user:password, "
                    + "the same on every Tollgate node (for example tollgate:$(openssl rand -hex 32)). Tollgate's "
                    + "znodes answer to that credential alone; Tollgate does not run with an open service tree.");
        }
        Path file = properties.authFile();
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the ZooKeeper credential file " + file, e);
        }
    }

    static ZooKeeperCredential parse(String credential, String source) {
        int colon = credential.indexOf(':');
        if (colon <= 0 || colon == credential.length() - 1) {
            throw new IllegalStateException("The ZooKeeper credential in " + source + " must be user:password "
                    + "(a user name without ':', then a password)");
        }
        return new ZooKeeperCredential(credential.substring(0, colon), credential);
    }

    /** Writes a random credential readable by the owner only; never overwrites one. */
    private static void generate(Path file) throws IOException {
        byte[] password = new byte[32];
        RANDOM.nextBytes(password);
        String credential = GENERATED_USER + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(password);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            try {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file); // not a POSIX file system: the file keeps the folder's permissions
            }
        } catch (FileAlreadyExistsException createdMeanwhile) {
            return;
        }
        Files.writeString(file, credential + "\n", StandardCharsets.UTF_8);
    }

    String user() {
        return user;
    }

    /** What Curator sends to authenticate the session. */
    byte[] authBytes() {
        return credential.getBytes(StandardCharsets.UTF_8);
    }

    /** All permissions for Tollgate's digest identity, nothing for anybody else. */
    List<ACL> acl() {
        return acl;
    }

    /** Gives every znode Tollgate creates, parents included, {@link #acl()}. */
    ACLProvider aclProvider() {
        return new ACLProvider() {
            @Override
            public List<ACL> getDefaultAcl() {
                return acl;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return acl;
            }
        };
    }

    @Override
    public String toString() {
        return "ZooKeeperCredential[" + SCHEME + ":" + user + "]";
    }
}
