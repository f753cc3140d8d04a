package dev.wirewatch.language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.util.ClasspathResourceLoader;

/**
 * Builds a Lucene analyzer from a chain written in a language file: a tokenizer, then token
 * filters, separated by {@code |}, each by the name of its Lucene analysis factory, with parameters
 * in parentheses — {@code standard | elision(ignoreCase=true) | lowercase | frenchLightStem}.
 * Resources the factories name (stop lists) are read from the classpath. A mistake is an {@link
 * IllegalStateException} naming the file, the key and the bad part.
 */
final class AnalysisChains {
  private final ClassLoader loader;
  private final String file;

  AnalysisChains(ClassLoader loader, String file) {
    this.loader = loader;
    this.file = file;
  }

  Analyzer build(String key, String chain) {
    String[] parts = chain.split("\\|");
    try {
      CustomAnalyzer.Builder b = CustomAnalyzer.builder(new ClasspathResourceLoader(loader));
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i].strip();
        if (part.isEmpty()) {
          throw problem(key, "an empty step in '" + chain + "'", null);
        }
        String name = name(key, part);
        Map<String, String> params = params(key, part);
        try {
          if (i == 0) {
            b.withTokenizer(name, params);
          } else {
            b.addTokenFilter(name, params);
          }
        } catch (IllegalArgumentException e) {
          String why = String.valueOf(e.getMessage());
          throw problem(
              key,
              (i == 0 ? "tokenizer '" : "token filter '")
                  + part
                  + "': "
                  + (why.contains(" does not exist")
                      ? "no such factory (a Lucene analysis factory's SPI name is expected)"
                      : why),
              e);
        }
      }
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + key + ": cannot read a resource it names", e);
    }
  }

  /**
   * Token filters alone ({@code stop | porterStem}), as a function applying them to a token stream.
   */
  UnaryOperator<TokenStream> filters(String key, String chain) {
    CustomAnalyzer a = (CustomAnalyzer) build(key, "keyword | " + chain);
    List<TokenFilterFactory> factories = a.getTokenFilterFactories();
    return in -> {
      TokenStream out = in;
      for (TokenFilterFactory f : factories) {
        out = f.create(out);
      }
      return out;
    };
  }

  private String name(String key, String part) {
    int open = part.indexOf('(');
    String name = (open < 0 ? part : part.substring(0, open)).strip();
    if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
      throw problem(key, "'" + part + "' does not start with a factory name", null);
    }
    return name;
  }

  private Map<String, String> params(String key, String part) {
    int open = part.indexOf('(');
    Map<String, String> params = new HashMap<>();
    if (open < 0) {
      return params;
    }
    if (!part.endsWith(")")) {
      throw problem(key, "'" + part + "' opens a parenthesis it does not close", null);
    }
    String inner = part.substring(open + 1, part.length() - 1).strip();
    if (inner.isEmpty()) {
      return params;
    }
    for (String kv : inner.split(",")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw problem(key, "'" + kv.strip() + "' in '" + part + "' is not name=value", null);
      }
      params.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
    }
    return params;
  }

  private IllegalStateException problem(String key, String what, Exception cause) {
    return new IllegalStateException(file + ": " + key + ": " + what, cause);
  }
}
