package io.tollgate.engine.instance;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot configuration the instance package's slice tests start from (with the API's refusals). */
@SpringBootApplication(scanBasePackages = {"io.tollgate.engine.instance", "io.tollgate.engine.permission"})
class InstanceTestApplication {
}
