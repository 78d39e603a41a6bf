/**
 * Tollgate's Vaadin views, one package per area. Views reach the engine only through use-case interfaces
 * ({@code Tasklist}, {@code Accounts}, ...), never through Camunda types.
 */
package io.tollgate.ui;
