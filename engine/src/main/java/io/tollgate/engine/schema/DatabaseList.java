package io.tollgate.engine.schema;

import java.util.List;

/**
 * The databases of an instance its account can see, system schemas left out, by name.
 *
 * @param truncated whether there are more than {@code databases} holds ({@code note} then says so)
 */
public record DatabaseList(String instance, List<String> databases, boolean truncated, String note) {
}
