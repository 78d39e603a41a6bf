package io.tollgate.engine.discussion;

import java.time.Instant;

/** One comment of a discussion: who wrote what, and when. Never changed once written. */
public record Comment(long id, String author, String text, Instant at) {
}
