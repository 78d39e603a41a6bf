/** The instances area: register MySQL/MariaDB target instances and test their connection (DBAs and admins). */
package io.tollgate.ui.instances;
