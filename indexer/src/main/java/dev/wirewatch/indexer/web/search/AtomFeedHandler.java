package dev.wirewatch.indexer.web.search;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import dev.wirewatch.indexer.search.Highlight;
import dev.wirewatch.indexer.search.SearchHit;
import dev.wirewatch.indexer.search.SearchPage;
import dev.wirewatch.indexer.search.SearchRequest;
import dev.wirewatch.indexer.web.Handler;
import dev.wirewatch.indexer.web.SearchScope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /feeds/search.atom?q=&...}: a saved search as an Atom feed of its newest matches (the
 * parameters of /api/search; page and sort do not apply), so any feed reader can follow a query.
 *
 * <p>With {@code collapse=story} an entry is a story, not an article: one entry per event however
 * many outlets report it, its id the story's (so a reader shows it once and marks it updated when
 * the story grows), its link the story page, its summary the story's size.
 */
public final class AtomFeedHandler implements Handler {
  private final SearchScope scope;

  public AtomFeedHandler(SearchScope scope) {
    this.scope = scope;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/feeds/search.atom", this::feed);
  }

  private void feed(Context ctx) throws IOException, FeedException {
    SearchRequest r = SearchParams.read(ctx, SearchRequest.Order.NEWEST, 20);
    SearchPage page = scope.of(ctx).search(r, Highlight.NONE);
    String base = ctx.scheme() + "://" + ctx.host();
    String self = base + ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    SyndFeed feed = new SyndFeedImpl();
    feed.setFeedType("atom_1.0");
    feed.setTitle("Wirewatch: " + (r.query().isBlank() ? "newest articles" : r.query()));
    feed.setUri(
        "urn:wirewatch:search:" + UUID.nameUUIDFromBytes(self.getBytes(StandardCharsets.UTF_8)));
    feed.setLink(self);
    SyndLink selfLink = new SyndLinkImpl();
    selfLink.setRel("self");
    selfLink.setHref(self);
    feed.setLinks(List.of(selfLink));
    feed.setAuthor("Wirewatch");
    Date newest = null;
    List<SyndEntry> entries = new ArrayList<>();
    for (SearchPage.Hit h : page.hits()) {
      SearchHit a = h.article();
      SyndEntry e = new SyndEntryImpl();
      e.setTitle(a.title() == null || a.title().isBlank() ? "(untitled)" : a.title());
      e.setAuthor(a.source() == null || a.source().isBlank() ? "Wirewatch" : a.source());
      boolean story = r.collapseStories() && a.storyId() != null;
      if (story) {
        e.setUri("urn:wirewatch:story:" + a.storyId());
        e.setLink(base + "/#/story/" + URLEncoder.encode(a.storyId(), StandardCharsets.UTF_8));
      } else {
        e.setUri("urn:wirewatch:article:" + a.id());
        // the article as a person reads it: the original, else its page here (not the JSON)
        e.setLink(
            a.url() != null
                ? a.url()
                : base + "/#/article/" + URLEncoder.encode(a.id(), StandardCharsets.UTF_8));
      }
      Date when = a.publishedAt() == null ? null : Date.from(a.publishedAt());
      e.setPublishedDate(when);
      e.setUpdatedDate(when != null ? when : new Date()); // Atom requires every entry's updated
      if (when != null && (newest == null || when.after(newest))) {
        newest = when;
      }
      SyndContent summary = new SyndContentImpl();
      summary.setType("text/plain");
      summary.setValue(
          story
              ? storySize(h.storySize()) + (a.snippet() == null ? "" : " — " + a.snippet())
              : a.snippet());
      e.setDescription(summary);
      List<SyndCategory> cats = new ArrayList<>();
      for (String t : a.topics()) {
        SyndCategory c = new SyndCategoryImpl();
        c.setName(t);
        cats.add(c);
      }
      e.setCategories(cats);
      entries.add(e);
    }
    feed.setEntries(entries);
    feed.setPublishedDate(newest != null ? newest : new Date());
    String xml = new SyndFeedOutput().outputString(feed);
    ctx.contentType("application/atom+xml; charset=utf-8").result(xml);
  }

  private static String storySize(long n) {
    return n == 1 ? "1 article" : n + " articles";
  }
}
