package io.tollgate.processes;

import java.util.List;

/**
 * The Camunda Modeler element templates for Tollgate's tasks (Camunda 7 schema), shipped beside the diagrams so that
 * Modeler finds them, and offered for download in the UI to process owners.
 */
public final class ElementTemplates {

    /** The classpath folder that holds them (Modeler looks for {@code .camunda/element-templates} next to a diagram). */
    public static final String DIRECTORY = "processes/.camunda/element-templates/";

    /** The template files, one per process. */
    public static final List<String> FILES = List.of("tollgate-sql-ticket.json", "tollgate-service-tree.json");

    private ElementTemplates() {
    }
}
