package io.tollgate.engine.review;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the built-in reviewer ({@code tollgate.review.*}). Zero or missing values take the defaults
 * shown in {@link #defaults()}.
 *
 * @param maxScriptBytes   scripts larger than this (UTF-8 bytes) are refused without being read; default 16 MiB
 * @param exactCountMaxRows UPDATE/DELETE on tables with at most this many rows (per table statistics) also get an
 *                          exact COUNT(*); default 100,000; negative disables exact counts
 * @param maxAffectedRows   rule {@code dml.max-affected-rows}: the most rows one statement may touch; default 10,000
 * @param largeTableRows    rule {@code online.large-table-alter}: tables with more rows need an online schema change; default 1,000,000
 * @param maxColumns        rule {@code table.max-columns}; default 50
 * @param maxIndexes        rule {@code index.max-count}; default 8
 * @param maxKeyParts       rule {@code index.max-key-parts}; default 5
 * @param maxCharLength     rule {@code column.char-max-length}; default 20
 * @param maxVarcharLength  rule {@code column.varchar-max-length}; default 4,000
 * @param maxInsertRows     rule {@code stmt.insert-max-rows}: rows in one INSERT ... VALUES; default 1,000
 * @param queryTimeout      timeout of each metadata, EXPLAIN or COUNT query on the target; default 5 s
 */
@ConfigurationProperties(prefix = "tollgate.review")
public record ReviewProperties(long maxScriptBytes, long exactCountMaxRows, long maxAffectedRows, long largeTableRows,
                               int maxColumns, int maxIndexes, int maxKeyParts, int maxCharLength, int maxVarcharLength,
                               int maxInsertRows, Duration queryTimeout) {

    public ReviewProperties {
        maxScriptBytes = maxScriptBytes > 0 ? maxScriptBytes : 16L * 1024 * 1024;
        exactCountMaxRows = exactCountMaxRows != 0 ? exactCountMaxRows : 100_000;
        maxAffectedRows = maxAffectedRows > 0 ? maxAffectedRows : 10_000;
        largeTableRows = largeTableRows > 0 ? largeTableRows : 1_000_000;
        maxColumns = maxColumns > 0 ? maxColumns : 50;
        maxIndexes = maxIndexes > 0 ? maxIndexes : 8;
        maxKeyParts = maxKeyParts > 0 ? maxKeyParts : 5;
        maxCharLength = maxCharLength > 0 ? maxCharLength : 20;
        maxVarcharLength = maxVarcharLength > 0 ? maxVarcharLength : 4_000;
        maxInsertRows = maxInsertRows > 0 ? maxInsertRows : 1_000;
        queryTimeout = queryTimeout != null && !queryTimeout.isNegative() && !queryTimeout.isZero() ? queryTimeout : Duration.ofSeconds(5);
    }

    public static ReviewProperties defaults() {
        return new ReviewProperties(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    public ReviewProperties withMaxScriptBytes(long bytes) {
        return new ReviewProperties(bytes, exactCountMaxRows, maxAffectedRows, largeTableRows, maxColumns, maxIndexes,
                maxKeyParts, maxCharLength, maxVarcharLength, maxInsertRows, queryTimeout);
    }
}
