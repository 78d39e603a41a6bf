/** The {@code serviceTreeChange} process: its constants ({@link io.tollgate.processes.servicetree.ServiceTreeChangeProcess}). */
package io.tollgate.processes.servicetree;
