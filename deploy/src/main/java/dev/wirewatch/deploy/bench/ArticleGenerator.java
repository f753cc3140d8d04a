package dev.wirewatch.deploy.bench;

import dev.wirewatch.schemas.ArticleIds;
import dev.wirewatch.schemas.RawArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Articles for the benchmark when no corpus is at hand: news-like prose (datelines, quotes,
 * figures, named places and people) of 150 to 900 words over a few dozen running stories, a third
 * of them as web pages with the usual furniture (navigation, share bar, related links, comments,
 * footer), the rest as plain text. Deterministic for a seed, and for any count.
 */
public final class ArticleGenerator {
  private static final String[] PLACES = {
    "Port-au-Prince", "Nairobi", "Washington", "Cap-Haïtien", "Mombasa", "Geneva", "New York",
        "Kingston",
    "Santo Domingo", "Addis Ababa", "Ottawa", "Brussels", "Lagos", "Kisumu", "Les Cayes", "Gonaïves"
  };
  private static final String[] ACTORS = {
    "the Kenyan police commander", "a UN spokesperson", "the State Department",
        "Haiti's transitional council",
    "the mission's deputy head", "an aid coordinator", "the finance ministry",
        "local community leaders",
    "the opposition senator", "a human rights monitor", "the port authority",
        "the central bank governor"
  };
  private static final String[] SUBJECTS = {
    "the multinational security support mission",
    "US funding for the deployment",
    "fuel deliveries to the capital",
    "the reopening of the airport",
    "food prices in the market",
    "the gang blockade of the main road",
    "the budget for the next fiscal year",
    "cholera cases in the north",
    "the election timetable",
    "school closures in the capital",
    "coffee exports",
    "the maize harvest",
    "interest rates",
    "the teachers' strike"
  };
  private static final String[] VERBS = {
    "said on Tuesday that",
    "told reporters that",
    "warned that",
    "confirmed that",
    "denied reports that",
    "announced that",
    "wrote in a statement that",
    "said in an interview that"
  };
  private static final String[] CLAIMS = {
    "%s would need another %d million dollars before the end of the year",
    "%s had been delayed by at least %d weeks",
    "%s was improving, with %d more convoys reaching the city",
    "talks on %s would resume within %d days",
    "%s had cost %d lives since January, according to local figures",
    "%s depended on %d officers arriving from abroad",
    "%s would be reviewed by a panel of %d experts"
  };
  private static final String[] SOURCES = {
    "wire-a",
    "wire-b",
    "daily-herald",
    "the-courier",
    "haiti-news",
    "nairobi-times",
    "capital-post",
    "relief-digest",
    "world-desk",
    "evening-star",
    "coast-gazette",
    "policy-review"
  };

  private final Random random;
  private final int pageEvery;

  /** Articles of which a third are web pages. */
  public ArticleGenerator(long seed) {
    this(seed, 3);
  }

  /**
   * @param pageEvery every how many articles one is a web page: 1 for pages only, 0 for none
   */
  public ArticleGenerator(long seed, int pageEvery) {
    this.random = new Random(seed);
    this.pageEvery = pageEvery;
  }

  /** The next {@code count} articles. */
  public List<RawArticle> generate(int count) {
    List<RawArticle> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(next(i));
    }
    return out;
  }

  private RawArticle next(int n) {
    String source = pick(SOURCES);
    String subject = pick(SUBJECTS);
    String place = pick(PLACES);
    String title =
        capitalise(subject) + ": " + pick(ACTORS) + " speaks in " + place + " (" + n + ")";
    int paragraphs = 4 + random.nextInt(14);
    List<String> body = new ArrayList<>();
    body.add(
        place.toUpperCase(java.util.Locale.ROOT)
            + " — "
            + sentence(subject)
            + " "
            + sentence(pick(SUBJECTS)));
    for (int p = 1; p < paragraphs; p++) {
      StringBuilder b = new StringBuilder();
      int sentences = 2 + random.nextInt(4);
      for (int s = 0; s < sentences; s++) {
        b.append(s == 0 ? "" : " ")
            .append(
                random.nextInt(5) == 0
                    ? quote()
                    : sentence(random.nextInt(3) == 0 ? subject : pick(SUBJECTS)));
      }
      body.add(b.toString());
    }
    String key = "gen-" + n;
    Instant published = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n * 37L);
    boolean page = pageEvery > 0 && n % pageEvery == 0;
    String content = page ? page(title, body, source) : title + "\n\n" + String.join("\n\n", body);
    return RawArticle.newBuilder()
        .setId(ArticleIds.ofSourceKey(source, key))
        .setSourceId(source)
        .setUrl("https://" + source + ".example/" + key)
        .setFetchedAt(published.plusSeconds(60))
        .setContentType(page ? "text/html" : "text/plain")
        .setTitle(page ? null : title)
        .setBody(content)
        .setPublishedAt(published)
        .setMetadata(Map.of())
        .build();
  }

  private String sentence(String subject) {
    return capitalise(pick(ACTORS))
        + " "
        + pick(VERBS)
        + " "
        + String.format(java.util.Locale.ROOT, pick(CLAIMS), subject, 2 + random.nextInt(400))
        + ".";
  }

  private String quote() {
    return "\"We are doing what we can with what we have,\" "
        + pick(ACTORS)
        + " said, adding that "
        + pick(SUBJECTS)
        + " remained the priority in "
        + pick(PLACES)
        + ".";
  }

  private static String page(String title, List<String> body, String source) {
    StringBuilder b = new StringBuilder(8192);
    b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(title)
        .append(" | ")
        .append(source)
        .append("</title><script>window.dataLayer=[];function track(){}</script></head><body>")
        .append(
            "<header><nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/politics\">Politics</a>")
        .append(
            " <a href=\"/business\">Business</a> <a href=\"/opinion\">Opinion</a></nav></header>")
        .append(
            "<div class=\"share-bar\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a> <a href=\"#\">Email</a></div>")
        .append("<main><article><h1>")
        .append(title)
        .append("</h1><p class=\"byline\">By Staff Reporter</p>");
    for (String p : body) {
      b.append("<p>").append(p).append("</p>");
    }
    b.append("</article><aside class=\"related\"><h3>Related</h3><ul>");
    for (int i = 0; i < 5; i++) {
      b.append("<li><a href=\"/story/")
          .append(i)
          .append("\">More coverage of the story, part ")
          .append(i)
          .append("</a></li>");
    }
    b.append(
            "</ul></aside><section class=\"comments\"><h3>Post a Comment</h3><form><textarea></textarea></form></section></main>")
        .append("<footer><p>© 2026 ")
        .append(source)
        .append(". All rights reserved.</p><a href=\"/privacy\">Privacy</a></footer>")
        .append("</body></html>");
    return b.toString();
  }

  private String pick(String[] from) {
    return from[random.nextInt(from.length)];
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
