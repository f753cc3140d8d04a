package dev.wirewatch.processor.extract;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Prints what the extractor makes of chosen cases: -Dwirewatch.debugCases=aclu,qq (a tool, not a test). */
class ExtractionDebug {
  @Test
  @EnabledIfSystemProperty(named = "wirewatch.debugCases", matches = ".+")
  void print() throws IOException {
    List<String> ids = List.of(System.getProperty("wirewatch.debugCases").split(","));
    ArticleExtractor x = new ArticleExtractor();
    for (List<EvalSets.Page> set : List.of(EvalSets.readabilityPages(), EvalSets.trafilaturaPages())) {
      for (EvalSets.Page p : set) {
        if (ids.contains(p.id())) {
          String text = x.extract(p.html(), p.url()).text();
          System.out.println("=== " + p.id() + " (" + text.length() + " chars; truth " + (p.truth() == null ? "-" : p.truth().length()) + ")");
          System.out.println(text.length() > 1500 ? text.substring(0, 1500) + " […]" : text);
          if (!p.with().isEmpty()) {
            System.out.println("--- with: " + p.with() + "\n--- without: " + p.without());
          }
        }
      }
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "wirewatch.profile", matches = "true")
  void profile() throws IOException {
    List<EvalSets.Page> pages = EvalSets.readabilityPages();
    ArticleExtractor x = new ArticleExtractor();
    for (int round = 0; round < Integer.getInteger("wirewatch.rounds", 3); round++) {
      long parse = 0;
      long meta = 0;
      long all = 0;
      int retries = 0;
      for (EvalSets.Page p : pages) {
        long t0 = System.nanoTime();
        org.jsoup.nodes.Document d = org.jsoup.Jsoup.parse(p.html(), p.url());
        long t1 = System.nanoTime();
        Metadata.read(d);
        long t2 = System.nanoTime();
        x.extract(p.html(), p.url());
        long t3 = System.nanoTime();
        parse += t1 - t0;
        meta += t2 - t1;
        all += t3 - t2;
      }
      System.out.printf("parse %.0f pages/s, metadata %.2f ms/page, extract (incl. parse) %.0f pages/s%n",
          pages.size() / (parse / 1e9), meta / 1e6 / pages.size(), pages.size() / (all / 1e9));
    }
  }
}
