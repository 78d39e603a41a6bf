package io.tollgate.engine.goinception;

/** Which reviewer checks an instance's tickets. DBAs choose it per instance; an unknown stored value counts as BOTH. */
public enum ReviewBackend {
    /** Tollgate's own rules (the default). */
    BUILT_IN,
    /** The team's goInception; Tollgate keeps only the checks its executor needs (statements it would refuse). */
    GOINCEPTION,
    /** Both, findings merged and labelled with their source; any error of either blocks. */
    BOTH;

    public boolean usesGoInception() {
        return this != BUILT_IN;
    }

    public boolean usesBuiltInRules() {
        return this != GOINCEPTION;
    }
}
