package io.tollgate.engine.instance;

import io.tollgate.engine.review.Environment;

/**
 * What an admin or DBA enters to register or change an instance.
 *
 * @param password required when registering; null or empty on a change keeps the stored one
 */
public record InstanceForm(String name, String host, int port, String username, String password,
                           Environment environment, boolean readOnly, String reviewerGroup) {

    @Override
    public String toString() {
        return "InstanceForm[" + name + " " + username + "@" + host + ":" + port + "]";
    }
}
