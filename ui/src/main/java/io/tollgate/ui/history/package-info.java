/** The History area. */
package io.tollgate.ui.history;
