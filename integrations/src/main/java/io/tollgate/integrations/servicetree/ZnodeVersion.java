package io.tollgate.integrations.servicetree;

/** The data version of a znode as read by a validation; apply checks it did not change since. */
public record ZnodeVersion(String path, int version) {
}
