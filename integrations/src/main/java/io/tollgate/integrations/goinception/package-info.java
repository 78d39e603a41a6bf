/**
 * Adapter to goInception (a SQL review server speaking MySQL's protocol, used by Archery and Inception users):
 * {@link io.tollgate.integrations.goinception.GoInceptionClient} sends one check (never an execution) and reads its
 * twelve-column result; {@link io.tollgate.integrations.goinception.GoInceptionProperties} is
 * {@code tollgate.goinception.*}. Failures end in
 * {@link io.tollgate.integrations.goinception.GoInceptionUnavailableException}. ADR 0028. No Camunda, no Vaadin.
 */
package io.tollgate.integrations.goinception;
