/** The Tickets area. */
package io.tollgate.ui.tickets;
