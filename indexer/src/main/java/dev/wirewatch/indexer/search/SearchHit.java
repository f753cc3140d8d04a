package dev.wirewatch.indexer.search;

import java.time.Instant;
import java.util.List;

/**
 * One article found by a search.
 *
 * @param snippet the best passages with matches marked; HTML-escaped, only the marks are markup
 */
public record SearchHit(
    String id,
    String title,
    String url,
    String source,
    Instant publishedAt,
    List<String> topics,
    List<String> places,
    String storyId,
    String copyOf,
    float score,
    String snippet,
    String text) {}
