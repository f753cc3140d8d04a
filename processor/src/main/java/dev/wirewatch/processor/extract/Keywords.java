package dev.wirewatch.processor.extract;

/**
 * The class and id keyword lists that hint what an element is (matched by {@link KeywordSets} once
 * per name and page, read by {@link PageTable}), and attribute lookups for code that runs on many
 * elements of every page.
 */
final class Keywords {
  // Keyword lists, by bit, for KeywordSets.
  static final int K_UNLIKELY = 1;
  static final int K_MAYBE = 1 << 1;
  static final int K_OVERLAY = 1 << 2;
  static final int K_POSITIVE = 1 << 3;
  static final int K_NEGATIVE = 1 << 4;
  static final int K_BODY = 1 << 5;
  static final int K_CAPTION = 1 << 6;
  static final int K_BYLINE = 1 << 7;
  static final int K_HEADER = 1 << 8;

  static final KeywordSets KEYWORDS =
      new KeywordSets()
          // Class/id words of elements that are rarely content (Readability's list, and some more).
          .add(
              K_UNLIKELY,
              "-ad-",
              "ai2html",
              "banner",
              "breadcrumbs",
              "combx",
              "comment",
              "community",
              "cover-wrap",
              "disqus",
              "extra",
              "footer",
              "gdpr",
              "header",
              "legends",
              "menu",
              "related",
              "remark",
              "replies",
              "rss",
              "shoutbox",
              "sidebar",
              "skyscraper",
              "social",
              "sponsor",
              "supplemental",
              "ad-break",
              "agegate",
              "pagination",
              "pager",
              "popup",
              "yom-remote",
              "cookie",
              "newsletter",
              "share",
              "sharing",
              "promo",
              "outbrain",
              "taboola",
              "widget",
              "navbar",
              "subscribe",
              "signup",
              "toolbar",
              "byline-social",
              "tags",
              "taglist",
              "author-bio",
              "recommend",
              "teaser",
              "disclaimer",
              "disclosure",
              "affiliate",
              "modal",
              "login")
          .add(
              K_MAYBE, "and", "article", "body", "column", "content", "main", "shadow", "story",
              "entry", "post", "text")
          // Consent banners: whatever else they are named, never content.
          .add(K_OVERLAY, "cookie", "consent", "dsgvo", "gdpr")
          .add(
              K_POSITIVE,
              "article",
              "body",
              "content",
              "entry",
              "hentry",
              "h-entry",
              "main",
              "page",
              "pagination",
              "post",
              "text",
              "blog",
              "story",
              "prose",
              "rich-text")
          .add(
              K_NEGATIVE,
              "-ad-",
              "hidden",
              "banner",
              "combx",
              "comment",
              "com-",
              "contact",
              "foot",
              "footnote",
              "gdpr",
              "masthead",
              "media",
              "meta",
              "outbrain",
              "promo",
              "related",
              "scroll",
              "share",
              "shoutbox",
              "sidebar",
              "skyscraper",
              "sponsor",
              "shopping",
              "tags",
              "tool",
              "widget",
              "nav",
              "menu",
              "social",
              "subscribe",
              "newsletter",
              "cookie",
              "breadcrumb",
              "byline",
              "author",
              "caption",
              "credit")
          // Class and id names that publishing systems give the container of an article's body.
          .add(
              K_BODY,
              "entry-content",
              "post-content",
              "post_content",
              "postcontent",
              "post-body",
              "post-text",
              "post_text",
              "article-body",
              "article_body",
              "articlebody",
              "article__body",
              "article-content",
              "article__content",
              "articlecontent",
              "article-text",
              "articletext",
              "story-body",
              "storybody",
              "story-content",
              "field--name-body",
              "field-name-body",
              "td-post-content",
              "single-content",
              "entry-body",
              "blog-content",
              "rich-text")
          .add(K_CAPTION, "caption")
          .add(K_HEADER, "header")
          // Class/id words of a byline or dateline (Readability's list), or of a picture's credit.
          .add(
              K_BYLINE,
              "byline",
              "author",
              "dateline",
              "writtenby",
              "p-author",
              "credit",
              "copyright",
              "photographer");

  private Keywords() {}

  /**
   * An attribute's value, or "" when absent. The HTML parser lower-cases attribute names, so an
   * exact lookup does: {@code Element.attr} searches ignoring case.
   */
  static String attr(org.jsoup.nodes.Element e, String key) {
    return e.attributesSize() == 0 ? "" : e.attributes().get(key);
  }

  /** Whether the element has the attribute (exact, lower-case name). */
  static boolean has(org.jsoup.nodes.Element e, String key) {
    return e.attributesSize() > 0 && e.attributes().hasKey(key);
  }

  /**
   * Whether an inline style hides the element ({@code display:none}, {@code visibility:hidden}).
   */
  static boolean isHiddenStyle(String style) {
    if (style.isEmpty()) {
      return false;
    }
    String s = style.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    return s.contains("display:none") || s.contains("visibility:hidden");
  }
}
