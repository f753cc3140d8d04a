package dev.wirewatch.indexer.search;

import java.util.Map;

/**
 * What the index holds.
 *
 * @param articles live articles
 * @param deadLetters records that went to the DLQ
 * @param topics articles per topic id, in descending count
 */
public record IndexStats(long articles, long deadLetters, Map<String, Long> topics) {}
