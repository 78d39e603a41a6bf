package io.tollgate.integrations.mysql;

import java.time.Duration;
import java.util.Properties;

/**
 * How Tollgate connects to a target: its credentials, bounded connect and read timeouts, no LOCAL INFILE, no tracing
 * spans.
 */
public final class MysqlConnections {

    private MysqlConnections() {
    }

    public static String url(MysqlCoordinates target) {
        return "jdbc:mysql://" + target.host() + ":" + target.port() + "/"
                + (target.database() == null ? "" : target.database());
    }

    public static Properties properties(MysqlCoordinates target, Duration connectTimeout, Duration socketTimeout) {
        Properties props = new Properties();
        props.setProperty("user", target.user() == null ? "" : target.user());
        props.setProperty("password", target.password() == null ? "" : target.password());
        props.setProperty("connectTimeout", String.valueOf(Math.max(1000, connectTimeout.toMillis())));
        props.setProperty("socketTimeout", String.valueOf(Math.max(1000, socketTimeout.toMillis())));
        props.setProperty("allowMultiQueries", "false");
        props.setProperty("allowLoadLocalInfile", "false");
        // Connector/J opens an OpenTelemetry span per statement whenever the API is on the class path (it is, through
        // a dependency); Tollgate exports no traces, so they were pure cost (docs/benchmarks.md, the flight recording)
        props.setProperty("openTelemetry", "DISABLED");
        return props;
    }
}
