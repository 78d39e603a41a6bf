package io.tollgate.bench;

/** Constants of the benchmark's {@code noOpTicket} process ({@code io/tollgate/bench/noOpTicket.bpmn.xml}). */
final class NoOpTicketProcess {

    static final String KEY = "noOpTicket";
    /** On the test classpath; not named *.bpmn, so Camunda's auto-deployment leaves it to the benchmark. */
    static final String RESOURCE = "io/tollgate/bench/noOpTicket.bpmn.xml";
    /** The name it is deployed under: Camunda parses resources ending in .bpmn as BPMN. */
    static final String DEPLOYED_AS = "noOpTicket.bpmn";

    static final class Beans {
        /** Every service task's delegate: does nothing. */
        static final String NO_OP_STEP = "noOpTicketStepDelegate";
        /** The execute step's delegate: does nothing but tell the benchmark, once committed ({@link NoOpSignals}). */
        static final String EXECUTE_STEP = "noOpExecuteStepDelegate";
        /** The approval task's create listener: tells the benchmark, once committed. */
        static final String TASK_CREATED = "noOpTaskCreatedListener";

        private Beans() {
        }
    }

    /** Variables the model reads: the reviewer group, the decision's inputs, and the rollback window. */
    static final class Variables {
        static final String REVIEWER_GROUP = "reviewerGroup";
        static final String ENVIRONMENT = "environment";
        static final String RISK_LEVEL = "riskLevel";
        static final String HAS_DDL = "hasDdl";
        static final String ESTIMATED_ROWS = "estimatedRows";
        static final String ROLLBACK_WINDOW = "rollbackWindow";

        private Variables() {
        }
    }

    private NoOpTicketProcess() {
    }
}
