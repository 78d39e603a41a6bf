/**
 * The ZooKeeper connection Tollgate uses (the service tree lives there): a {@link org.apache.curator.framework.CuratorFramework}
 * bean connected to the configured ensemble, or, when no connect string is configured, to a ZooKeeper server started
 * in-process (listening on 127.0.0.1 only) with its data under Tollgate's data folder.
 *
 * <p>The session authenticates with Tollgate's credential ({@code tollgate.zookeeper.auth}, digest scheme; generated
 * into the data folder on the embedded profile, required elsewhere), and every znode it creates carries an ACL that
 * grants everything to that identity and nothing to anybody else. At start, the owned paths (the service tree's root)
 * are walked once and whatever lacks that ACL gets it, so trees created before it are protected too. See
 * docs/adr/0012-zookeeper-digest-acl.md.
 */
package io.tollgate.integrations.zookeeper;
