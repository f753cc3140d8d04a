package dev.wirewatch.processor.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two scorers of ../shared/eval, in Java so tests can assert on them: 4-word-shingle P/R/F1
 * averaged over cases (score_extraction.py), and snippet F1 over all cases (score_snippets.py).
 */
final class Scores {
  private static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPACE = Pattern.compile("\\s+");

  record Result(double precision, double recall, double f1) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "F1=%.3f P=%.3f R=%.3f", f1, precision, recall);
    }
  }

  private Scores() {}

  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text == null ? "" : text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  static Map<List<String>, Integer> shingles(String text) {
    List<String> t = tokens(text);
    Map<List<String>, Integer> c = new HashMap<>();
    if (t.isEmpty()) {
      return c;
    }
    for (int i = 0; i < Math.max(1, t.size() - 3); i++) {
      c.merge(List.copyOf(t.subList(i, Math.min(t.size(), i + 4))), 1, Integer::sum);
    }
    return c;
  }

  /** Per case: {precision, recall}, as the Python scorer computes them. */
  static double[] caseScore(String truth, String pred) {
    Map<List<String>, Integer> t = shingles(truth);
    Map<List<String>, Integer> p = shingles(pred);
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (var e : p.entrySet()) {
      int inT = t.getOrDefault(e.getKey(), 0);
      tp += Math.min(inT, e.getValue());
      fp += Math.max(0, e.getValue() - inT);
    }
    for (var e : t.entrySet()) {
      fn += Math.max(0, e.getValue() - p.getOrDefault(e.getKey(), 0));
    }
    double total = tp + fp + fn;
    if (total == 0) {
      return new double[] {1, 1, 0};
    }
    double ntp = tp / total;
    double nfp = fp / total;
    double nfn = fn / total;
    double prec = (nfp == 0 && nfn == 0) ? 1 : (ntp == 0 && nfp == 0) ? 0 : ntp / (ntp + nfp);
    double rec = (nfp == 0 && nfn == 0) ? 1 : (ntp == 0 && nfn == 0) ? 0 : ntp / (ntp + nfn);
    return new double[] {prec, rec, (ntp + nfp > 0 ? 1 : 0) + (ntp + nfn > 0 ? 2 : 0)};
  }

  static Result shingleF1(Map<String, String> truth, Map<String, String> pred) {
    double ps = 0;
    int np = 0;
    double rs = 0;
    int nr = 0;
    for (var e : truth.entrySet()) {
      double[] c = caseScore(e.getValue(), pred.getOrDefault(e.getKey(), ""));
      int flags = (int) c[2];
      if ((flags & 1) != 0) {
        ps += c[0];
        np++;
      }
      if ((flags & 2) != 0) {
        rs += c[1];
        nr++;
      }
    }
    double p = np == 0 ? 0 : ps / np;
    double r = nr == 0 ? 0 : rs / nr;
    return new Result(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
  }

  static String norm(String s) {
    return SPACE.matcher(s == null ? "" : s).replaceAll(" ").strip();
  }

  static Result snippetF1(List<EvalSets.Page> pages, Map<String, String> pred) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (EvalSets.Page p : pages) {
      String body = norm(pred.getOrDefault(p.id(), ""));
      for (String w : p.with()) {
        if (!body.isEmpty() && body.contains(norm(w))) {
          tp++;
        } else {
          fn++;
        }
      }
      for (String w : p.without()) {
        if (!body.isEmpty() && body.contains(norm(w))) {
          fp++;
        }
      }
    }
    double prec = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double rec = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    return new Result(prec, rec, tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn));
  }
}
