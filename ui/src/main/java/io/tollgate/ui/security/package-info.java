/** The UI's sign-in: the Vaadin login view and the filter chain that protects every view. */
package io.tollgate.ui.security;
