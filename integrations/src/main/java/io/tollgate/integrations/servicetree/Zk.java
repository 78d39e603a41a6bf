package io.tollgate.integrations.servicetree;

import org.apache.zookeeper.KeeperException;

import java.util.concurrent.Callable;

/** Turns ZooKeeper's failures into what callers can act on: retry when it is unreachable, a bug otherwise. */
final class Zk {

    private Zk() {
    }

    static <T> T call(String what, Callable<T> call) {
        try {
            return call.call();
        } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException
                 | KeeperException.OperationTimeoutException e) {
            throw unavailable(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    static ServiceTreeUnavailableException unavailable(String what, Exception cause) {
        return new ServiceTreeUnavailableException(
                "ZooKeeper is unavailable, could not " + what + "; safe to retry", cause);
    }
}
