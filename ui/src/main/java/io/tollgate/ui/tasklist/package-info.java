/** The tasklist area: user tasks assigned to me or offered to my groups. */
package io.tollgate.ui.tasklist;
