package io.tollgate.engine.account.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.tollgate.engine.account.AccountView;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The accounts this HTTP request has already read, so that sign-in, the account-state gate, the permission checks and
 * the audit trail's roles hold one request to one reading of a person instead of reading the same row four times (on
 * the REST API, HTTP Basic signs in on every request). Kept as a request attribute, which only the server sets, while
 * a request is being served: job executor threads and pushes read the database every time. Remembered by reads
 * outside transactions (sign-in, the gate), answered inside them too (the use case's checks). A change to an account,
 * wherever it is made, forgets that account at once: each of {@link Account}'s changes does so as it is made, before
 * any flush, and its entity callbacks on every write of the row; so a transaction that changed an account reads its
 * own change through its persistence context, a request never reads its own writes stale, and another node's change
 * reaches the next request, as before.
 */
public final class ReadThisRequest {

    private static final String ATTRIBUTE = ReadThisRequest.class.getName();

    private ReadThisRequest() {
    }

    public static Optional<AccountView> account(String username) {
        Map<String, AccountView> read = read(false);
        return read == null ? Optional.empty() : Optional.ofNullable(read.get(username));
    }

    public static void remember(AccountView account) {
        Map<String, AccountView> read = read(true);
        if (read != null) {
            read.put(account.username(), account);
        }
    }

    public static void forget(String username) {
        Map<String, AccountView> read = read(false);
        if (read != null) {
            read.remove(username);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AccountView> read(boolean create) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return null;
        }
        Object read = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (read == null && create) {
            read = new HashMap<String, AccountView>();
            attributes.setAttribute(ATTRIBUTE, read, RequestAttributes.SCOPE_REQUEST);
        }
        return (Map<String, AccountView>) read;
    }
}
