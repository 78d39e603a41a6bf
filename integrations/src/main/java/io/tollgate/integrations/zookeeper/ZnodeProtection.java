package io.tollgate.integrations.zookeeper;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;

/**
 * Gives the znodes Tollgate owns its ACL when they lack it: trees created before issue 12 carry world permissions
 * (create, delete, admin for anyone). Run at start on each owned path, with Tollgate's client.
 *
 * <p>The owned path itself is set last, so once it carries the ACL everything under it does: the next start checks
 * that one znode and stops. Under it, a znode is set before its children are listed, so a child created meanwhile
 * is created under a protected parent (only by Tollgate) or listed. Only the owned path's own children could be
 * replaced while it is still open; they are looked at once more after it is set. An interrupted pass is finished by
 * the next start; znodes that already carry the ACL are not written again.
 */
final class ZnodeProtection {

    /** What a pass did: znodes whose ACL it read, and those among them it had to set. */
    record Outcome(int checked, int changed) {
    }

    private final CuratorFramework client;
    private final ZooKeeperCredential credential;
    private final Set<ACL> acl;
    private int checked;
    private int changed;

    ZnodeProtection(CuratorFramework client, ZooKeeperCredential credential) {
        this.client = client;
        this.credential = credential;
        this.acl = Set.copyOf(credential.acl());
    }

    /**
     * Protects {@code top} and everything under it; nothing to do when it does not exist (Tollgate will create it
     * with its ACL).
     *
     * @throws IllegalStateException when Tollgate's credential may not read or administer a znode there, i.e. the
     *                               tree is another credential's
     */
    synchronized Outcome protect(String top) throws Exception {
        checked = 0;
        changed = 0;
        if (!exists(top)) {
            return new Outcome(0, 0);
        }
        if (isProtected(top)) {
            return new Outcome(checked, 0);
        }
        Set<String> walked = new HashSet<>();
        for (String child : children(top)) {
            walked.add(child);
            walk(ZKPaths.makePath(top, child));
        }
        set(top);
        for (String child : children(top)) {
            String path = ZKPaths.makePath(top, child);
            if (!walked.contains(child) || !isProtected(path)) {
                walk(path);
            }
        }
        return new Outcome(checked, changed);
    }

    /** The subtree at {@code path}, each znode set before its children are listed. */
    private void walk(String path) throws Exception {
        Deque<String> pending = new ArrayDeque<>(List.of(path));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (!isProtected(next)) {
                set(next);
            }
            for (String child : children(next)) {
                pending.push(ZKPaths.makePath(next, child));
            }
        }
    }

    /** ZooKeeper 3.9 answers NoAuth rather than the znode's stat when the session may not read it. */
    private boolean exists(String path) throws Exception {
        try {
            return client.checkExists().forPath(path) != null;
        } catch (KeeperException.NoAuthException notOurs) {
            throw notOurs(path);
        }
    }

    /** Whether the znode carries exactly Tollgate's ACL; a vanished znode needs nothing. */
    private boolean isProtected(String path) throws Exception {
        try {
            checked++;
            return Set.copyOf(client.getACL().forPath(path)).equals(acl);
        } catch (KeeperException.NoNodeException gone) {
            return true;
        } catch (KeeperException.NoAuthException notOurs) {
            throw notOurs(path);
        }
    }

    private void set(String path) throws Exception {
        try {
            client.setACL().withACL(credential.acl()).forPath(path);
            changed++;
        } catch (KeeperException.NoNodeException gone) {
            // deleted meanwhile: nothing left to protect
        } catch (KeeperException.NoAuthException notOurs) {
            throw notOurs(path);
        }
    }

    private List<String> children(String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException gone) {
            return List.of();
        } catch (KeeperException.NoAuthException notOurs) {
            throw notOurs(path);
        }
    }

    private IllegalStateException notOurs(String path) {
        return new IllegalStateException("Tollgate's ZooKeeper credential (user '" + credential.user()
                + "', TOLLGATE_ZOOKEEPER_AUTH) is not allowed to read or administer " + path + ": the znode is "
                + "protected with another credential. Set the credential Tollgate's tree was protected with (on the "
                + "embedded default it is kept in the data folder), or have a ZooKeeper administrator give the "
                + "znode Tollgate's ACL.");
    }
}
