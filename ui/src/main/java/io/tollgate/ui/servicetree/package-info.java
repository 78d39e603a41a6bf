/** The Service tree area. */
package io.tollgate.ui.servicetree;
