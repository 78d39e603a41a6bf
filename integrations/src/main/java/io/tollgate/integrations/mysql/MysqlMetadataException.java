package io.tollgate.integrations.mysql;

/** The target could not be reached or could not answer a metadata query. */
public class MysqlMetadataException extends RuntimeException {

    public MysqlMetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
