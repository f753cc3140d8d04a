package dev.wirewatch.processor.extract;

import dev.wirewatch.processor.clean.PageCleaner;
import java.io.IOException;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Where a case's snippets sit in its page: the ancestor chain (tag.class#id) of the smallest
 * element holding each missed or leaked snippet. -Dwirewatch.locate=case1,case2 (a tool, not a
 * test).
 */
class SnippetLocator {
  @Test
  @EnabledIfSystemProperty(named = "wirewatch.locate", matches = ".+")
  void locate() throws IOException {
    List<String> ids = List.of(System.getProperty("wirewatch.locate").split(","));
    PageCleaner x = new PageCleaner();
    for (EvalSets.Page p : EvalSets.trafilaturaPages()) {
      if (!ids.contains(p.id())) {
        continue;
      }
      String text = x.clean(p.html(), p.url()).text().replaceAll("\\s+", " ");
      Document doc = Jsoup.parse(p.html(), p.url() == null ? "" : p.url());
      System.out.println(
          "=== "
              + p.id()
              + " out="
              + text.length()
              + " : "
              + text.substring(0, Math.min(200, text.length())));
      for (String s : p.with()) {
        boolean found = text.contains(s.replaceAll("\\s+", " ").trim());
        System.out.println(
            (found ? "  ok  with " : "  MISS with ")
                + s
                + "\n      "
                + (found ? "" : chain(doc, s)));
      }
      for (String s : p.without()) {
        boolean found = text.contains(s.replaceAll("\\s+", " ").trim());
        System.out.println(
            (found ? "  LEAK w/o  " : "  ok  w/o  ")
                + s
                + "\n      "
                + (found ? chain(doc, s) : ""));
      }
    }
  }

  private static String chain(Document doc, String snippet) {
    String s = snippet.replaceAll("\\s+", " ").trim();
    Element best = null;
    for (Element e : doc.getAllElements()) {
      if (e.text().contains(s)) {
        best = e;
      }
    }
    if (best == null) {
      return "(not in page text)";
    }
    StringBuilder b = new StringBuilder();
    for (Element e = best; e != null && !e.normalName().equals("html"); e = e.parent()) {
      String d =
          e.normalName()
              + (e.className().isEmpty() ? "" : "." + e.className().replace(' ', '.'))
              + (e.id().isEmpty() ? "" : "#" + e.id());
      b.insert(
          0, " > " + (d.length() > 60 ? d.substring(0, 60) : d) + "[" + e.text().length() + "]");
    }
    return b.toString();
  }
}
