/** The admin area: accounts and their roles. */
package io.tollgate.ui.admin;
