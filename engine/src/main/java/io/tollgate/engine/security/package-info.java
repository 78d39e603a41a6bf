/**
 * Who may reach the engine: Spring Security filter chains for Camunda's REST API ({@code /engine-rest}), Camunda's
 * webapps ({@code /camunda}) and Tollgate's own REST API ({@code /api}), and the bridge that hands the signed-in person
 * and their groups to Camunda so that engine authorization applies to every request.
 * The UI's own chain (the Vaadin login) lives in the {@code ui} module and comes last.
 */
package io.tollgate.engine.security;
