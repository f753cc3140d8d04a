package dev.wirewatch.ingest.poll;

/**
 * What one poll of a source did.
 *
 * @param ok whether the poll succeeded (a 304 is a success)
 * @param newItems entries published for the first time
 * @param updatedItems entries published again because their content changed
 * @param unchangedItems entries already published as they are
 * @param pageErrors linked pages that could not be fetched; their feed content was used
 * @param error one line, when not ok
 */
public record PollOutcome(
    boolean ok, int newItems, int updatedItems, int unchangedItems, int pageErrors, String error) {}
