/** The incident handler that tells the features of their stuck steps, and the plugin that installs it. */
package io.tollgate.engine.stuck.internal;
