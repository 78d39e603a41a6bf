package io.tollgate.integrations.goinception;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where goInception listens and the account Tollgate uses with it ({@code TOLLGATE_GOINCEPTION_URL},
 * {@code _USER}, {@code _PASSWORD}, {@code _TIMEOUT}). Without a URL no instance can be reviewed by goInception: an
 * instance set to use it is kept in review with a finding that says so.
 *
 * @param url      {@code host:port} of goInception's MySQL-protocol listener (a leading {@code mysql://} or
 *                 {@code jdbc:mysql://} is accepted); blank means not configured
 * @param user     goInception's own account, if it has one
 * @param password that account's password
 * @param timeout  how long to wait for goInception to connect and to answer one check
 */
@ConfigurationProperties("tollgate.goinception")
public record GoInceptionProperties(String url, String user, String password,
                                    @DefaultValue("10s") Duration timeout) {

    public GoInceptionProperties {
        timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(10) : timeout;
    }

    public boolean configured() {
        return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
        return "GoInceptionProperties[" + url + ", user " + user + ", timeout " + timeout + "]";
    }
}
