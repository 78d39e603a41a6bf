package io.tollgate.engine.tasklist.internal;

import java.util.Collection;
import java.util.Map;

import io.tollgate.engine.approval.ApprovalPolicy;
import org.springframework.stereotype.Component;

/** {@link Requesters} from the {@link ApprovalPolicy}, so the tasklist's four eyes are the policy's. */
@Component
class PolicyRequesters implements Requesters {

    private final ApprovalPolicy policy;

    PolicyRequesters(ApprovalPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Map<String, String> of(String processKey, Collection<String> businessKeys) {
        return policy.requesters(processKey, businessKeys);
    }
}
