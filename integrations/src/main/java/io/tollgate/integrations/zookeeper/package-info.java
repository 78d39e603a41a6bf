/**
 * The ZooKeeper connection Tollgate uses (the service tree lives there): a {@link org.apache.curator.framework.CuratorFramework}
 * bean connected to the configured ensemble, or, when no connect string is configured, to a ZooKeeper server started
 * in-process with its data under Tollgate's data folder.
 */
package io.tollgate.integrations.zookeeper;
