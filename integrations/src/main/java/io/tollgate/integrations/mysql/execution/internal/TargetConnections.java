package io.tollgate.integrations.mysql.execution.internal;

import io.tollgate.integrations.mysql.MysqlConnections;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.MysqlDialect;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import io.tollgate.integrations.mysql.execution.TicketExecutionException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the executor's connections to the target, set up so values read back exactly as the server wrote them and
 * statements mean what the review read ({@link MysqlDialect}).
 */
public final class TargetConnections {

    private final MysqlCoordinates target;
    private final ExecutionSettings settings;

    public TargetConnections(MysqlCoordinates target, ExecutionSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    public Connection connect(String database) throws SQLException {
        MysqlCoordinates coordinates = new MysqlCoordinates(target.host(), target.port(), target.user(),
                target.password(), database);
        Properties props = MysqlConnections.properties(coordinates, settings.connectTimeout(), settings.socketTimeout());
        // values are read back as the server wrote them, so before-images round-trip exactly
        props.setProperty("tinyInt1isBit", "false");
        props.setProperty("yearIsDateType", "false");
        // UPDATE reports matched rows, which DmlChange compares with the before-images it captured
        props.setProperty("useAffectedRows", "false");
        props.setProperty("characterEncoding", "UTF-8");
        Connection connection;
        try {
            connection = DriverManager.getConnection(MysqlConnections.url(coordinates), props);
        } catch (SQLException e) {
            throw new TicketExecutionException("cannot connect to " + coordinates + ": " + e.getMessage(), e);
        }
        try {
            // the statements run as the review read them, whatever the server's sql_mode says of quotes and backslashes
            MysqlDialect.readAsReviewed(connection);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw new TicketExecutionException("cannot connect to " + coordinates + ": " + e.getMessage(), e);
        }
    }
}
