/** The admin area: accounts and their roles, the mail outbox and its switches per kind of mail. */
package io.tollgate.ui.admin;
