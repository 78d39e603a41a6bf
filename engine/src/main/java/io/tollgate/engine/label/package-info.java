/**
 * Human words for every status, kind, mode and level Tollgate shows: one mapping ({@code labels/labels[_zh].properties})
 * read by the pages and the mails alike, so that no enum name reaches a person.
 */
package io.tollgate.engine.label;
