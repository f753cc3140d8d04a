package dev.wirewatch.ingest.feed;

import java.time.Instant;

/**
 * One item of a feed or sitemap, as the feed gives it. Any field may be null.
 *
 * @param guid the feed's own id for the item (RSS guid, Atom id, JSON Feed id)
 * @param link the article's address, absolute
 * @param title the item's title, as text
 * @param summary the short description, as given (may be HTML)
 * @param content the full content when the feed carries it (may be HTML)
 * @param author author name(s)
 * @param published when the item was published
 * @param updated when the item last changed
 */
public record FeedEntry(
    String guid,
    String link,
    String title,
    String summary,
    String content,
    String author,
    Instant published,
    Instant updated) {}
