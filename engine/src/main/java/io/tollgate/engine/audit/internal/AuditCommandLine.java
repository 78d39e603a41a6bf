package io.tollgate.engine.audit.internal;

import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.audit.AuditVerification;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar tollgate.jar --verify-audit-trail}: walks the chain against the configured database, prints what
 * it found, and exits with 0 when intact, 3 when broken (for cron jobs and auditors' scripts).
 */
@Component
class AuditCommandLine implements ApplicationRunner {

    static final String OPTION = "verify-audit-trail";
    static final int BROKEN = 3;

    private final AuditTrail trail;
    private final ConfigurableApplicationContext context;

    AuditCommandLine(AuditTrail trail, ConfigurableApplicationContext context) {
        this.trail = trail;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        AuditVerification result = trail.verify();
        System.out.println(result.describe());
        int code = result.intact() ? 0 : BROKEN;
        System.exit(org.springframework.boot.SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
    }
}
