package dev.wirewatch.processor.extract;

import dev.wirewatch.processor.clean.PageCleaner;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints what the extractor makes of chosen cases: -Dwirewatch.debugCases=aclu,qq (a tool, not a
 * test).
 */
class ExtractionDebug {
  @Test
  @EnabledIfSystemProperty(named = "wirewatch.debugCases", matches = ".+")
  void print() throws IOException {
    List<String> ids = List.of(System.getProperty("wirewatch.debugCases").split(","));
    PageCleaner x = new PageCleaner();
    for (List<EvalSets.Page> set :
        List.of(EvalSets.readabilityPages(), EvalSets.trafilaturaPages())) {
      for (EvalSets.Page p : set) {
        if (ids.contains(p.id())) {
          String text = x.clean(p.html(), p.url()).text();
          System.out.println(
              "=== "
                  + p.id()
                  + " ("
                  + text.length()
                  + " chars; truth "
                  + (p.truth() == null ? "-" : p.truth().length())
                  + ")");
          System.out.println(text.length() > 1500 ? text.substring(0, 1500) + " […]" : text);
          if (!p.with().isEmpty()) {
            System.out.println("--- with: " + p.with() + "\n--- without: " + p.without());
          }
        }
      }
    }
  }
}
