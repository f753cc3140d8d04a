package dev.wirewatch.processor.clean.furniture;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises site furniture among the paragraphs of an article: the comment prompts, post
 * navigation, share bars, newsletter and ad-blocker notices that sites wrap around a story.
 *
 * <p>Two kinds of rule. A <em>boundary</em> is furniture that sites place after the story (a
 * comment form, previous/next links, related posts, an ad-blocker notice): met in the later part of
 * the article, it ends the article there, which also removes the unrecognisable sentences that
 * follow it. A <em>line</em> rule removes one short paragraph wherever it stands ("Advertisement",
 * "Share this:"). Rules are written for the furniture of many sites, never for one site.
 */
public final class Furniture {
  /** A boundary counts only after this share of the article's characters (0.5: its second half). */
  static final double BOUNDARY_MIN_POSITION = 0.5;

  /** Paragraphs longer than this many words are never taken as an interface string. */
  static final int MAX_SHORT_LINE_WORDS = 20;

  /** Paragraphs longer than this many words are never taken as a furniture line. */
  static final int MAX_LINE_WORDS = 14;

  private static final RuleSet BOUNDARIES =
      compile(
          "^(post|leave|add|write|submit) (a|your) (comment|reply|response)\\b",
          "^(\\d+ )?comments?( \\(\\d+\\))?:?$",
          "^(show|view|load|read) (all )?(\\d+ )?comments\\b",
          "^(previous|next|older|newer) (post|article|story|entry)\\b",
          "^(related|recommended|more|popular|trending|latest) (posts|articles|stories|news|reads|content)\\b",
          "^(you (may|might) (also )?like|read (also|next|more)|see also|more from)\\b",
          "^ad ?-?block(er|ing)? (detected|notice)|\\bad ?-?block(er|ing)? (is )?detected\\b",
          "^(about|more about) the author\\b|^(über den autor|über die autorin|zum autor|zur autorin|à propos de l'auteur|sobre el autor)\\b",
          "^(tags|filed under|categories|topics):",
          "^(sign up|subscribe) (for|to) (our|the) (free )?(daily |weekly )?(newsletter|updates|alerts)\\b",
          // The same boundaries in German, French, Spanish, Italian, Portuguese and Dutch.
          "^(ähnliche|verwandte|weitere|passende) (beiträge|artikel|themen|nachrichten)\\b",
          "^(das|dies)( thema)? könnte (dich|sie|ihnen) (auch )?interessieren|^mehr zum thema\\b|^(auch|ebenfalls) interessant\\b",
          "^(artículos|noticias|notas|entradas) relacionad[ao]s\\b|^(también )?te (puede|podría) interesar\\b",
          "^(articles?|sujets?) (similaires|liés|associés)\\b|^(à|a) lire (aussi|également)\\b|^sur le même sujet\\b",
          "^(articoli|notizie) correlat[ie]\\b|^potrebbe (anche )?interessarti\\b|^(artigos|notícias) relacionad[ao]s\\b",
          "^gerelateerde (artikelen|berichten)\\b",
          "^((\\d+ )?kommentare?|kommentar (schreiben|verfassen)|schreibe einen kommentar|hinterlasse einen kommentar)\\b",
          "^((\\d+ )?comentarios?|deja (un|tu) comentario|(\\d+ )?commentaires?|laisser un commentaire|(\\d+ )?commenti|lascia un commento)\\b",
          "^((\\d+ )?comentários|deixe (um|seu) comentário|(\\d+ )?reacties|laat een reactie achter)\\b",
          "^(artikel bewerten|notez cet article)\\b");

  /**
   * Line rules that can only match short paragraphs (at most {@link #MAX_SHORT_LINE_WORDS} words):
   * interface strings. Kept apart so the many sentences of ordinary length are not tried against
   * them.
   */
  private static final RuleSet SHORT_LINES =
      compile(
          // Interface strings of pages: loading, back links, "see also" and print labels.
          "^(wird geladen|lade|loading|load more|mehr laden|cargando|chargement|caricamento)\\s*(\\.\\.\\.|…)?$",
          "^(gefällt mir|like)\\s+(wird geladen|lade|loading)",
          "^(zurück|back|retour|volver|indietro|terug)( (zur|zum|to|à la|à|a la|al|alla|naar)\\b.{0,40})?$",
          "^(siehe auch|see also|mehr themen|mehr zum thema|weitere themen|weitere artikel|more stories|more on this|voir aussi|ver también|vedi anche|zobacz też|drukuj|compartir nota|imprimir)\\s*:?$",
          "^(perma(link|lien))\\b.{0,80}$",
          "^(lesen sie (auch|hier|mehr|weiter)|read (more|also) about)\\b.{0,80}$",
          "^(war (der|dieser) (artikel|beitrag|text) (nützlich|hilfreich)|was this (article|page|post) helpful|¿te ha resultado útil)\\b.{0,10}$",
          "^\\(?(noch keine bewertungen|bewerten|bewertung|rate this( article| post)?|kommentieren|comment|commenter|comentar)\\)?:?$",
          "^(.{0,40} als pdf herunterladen|(als )?pdf herunterladen|download (as )?pdf|descargar pdf|télécharger (le )?pdf)$",
          "^bild (anzeigen|vergrößern|schließen)\\b.{0,30}$",
          "^(kontakt|von|autoren|autorin|autor|author|authors|zusatzinformationen|ansprechpartner|ansprechpartnerin|kategorie|kategorien|category|schlagworte|schlagwörter)( zum thema)?\\s*:.{0,30}$",
          "^(schon gelesen|entdecken sie (jetzt|mehr)|entdecke (weitere|mehr)\\b.{0,30}|neueste artikel|meistgelesen|meistgelesene artikel|most read|latest articles|lo más leído|les plus lus)\\s*[?!:]?$",
          "^(release date|datum|opublikowano|publicado el|fecha de publicación)\\s*:.{0,50}$",
          "^\\*?(werbung|anzeige)\\s*[.:]\\s*(dieser|der) (beitrag|artikel) enthält\\b.{0,80}$");

  private static final RuleSet LINES =
      compile(
          "^[-–— ]*(advertisement|advertising|anzeige|werbung|reklama|publicidad|publicité|pubblicità|publicidade|advertentie|sponsored( content)?|ad)[-–— :]*$",
          // A picture's credit standing alone.
          "^(foto|fotos|photo|photos|bild|bilder|kuva|zdjęcie|fot\\.|crédits? photos?|credits?|photo credit|image|titelbild|beitragsbild|quelle|quellen|source|sources)\\s*:\\s*\\S.{0,60}$",
          "^(titelbild|beitragsbild|bildquelle|bildnachweis|quellen|sources)\\s*:?$",
          "^(share|tweet|email|print|whatsapp|facebook|twitter|linkedin|telegram|reddit)( (this|it|article|story))?:?$",
          "^share (this|on|via)\\b",
          "^(click|tap) here\\b",
          "^(read|continue reading|see) (more|full (story|article))\\b",
          "^follow us\\b",
          "^(copyright\\b|\\(c\\)|©)",
          "\\ball rights reserved\\.?$",
          "\\b(disable|turn off|pause) (your )?ad ?-?block",
          // Paywall prompts.
          // (each behind a word every match contains, so most paragraphs skip the expression)
          "\\b(already a subscriber|please subscribe|subscribe now|subscribe to continue)\\b",
          "\\bto continue reading,? (please )?(subscribe|log in|sign in)\\b",
          "\\b(bereits abonnent|jetzt abonnieren|déjà abonné)",
          "\\bya eres suscriptor\\b",
          "^to (view|read) (the full|this|the whole) (story|article)\\b",
          "\\bad ?-?block(ing|er)? (software|extension|whitelist)\\b",
          "\\bwhitelist\\b.*\\bad",
          "^(image|photo|picture) (credit|source)s?:",
          "^(skip to (main )?content|back to top|jump to)\\b",
          "^(teilen|diesen artikel teilen|teilen sie dies mit|compartir|compártelo|partager|partagez|condividi|compartilhe|delen)( (dies|this|en|sur|su|no|op)\\b.*)?:?$",
          "^(lea|lee|lea también|lee también|auch lesen|lesen sie auch|lies auch|zum weiterlesen|lire aussi|à lire|leggi anche|leia também|lees ook|read also|see also)\\s*:",
          "^(inhaltsverzeichnis|table of contents|contents|índice|sommaire|indice|inhoud)$",
          "^(advertising|affiliate) disclosure\\b|^this (post|article) (contains|may contain) affiliate links\\b",
          "^(last (modified|updated)|zuletzt (aktualisiert|geändert)|aktualisiert am|mis à jour le|actualizado)\\b.{0,40}$",
          "^(czytaj (też|także|również)|zobacz (też|także|również)|dowiedz się więcej|przeczytaj (też|także))\\s*:",
          "^(zum weiterlesen|weiterführende[rn]? links?|weitere informationen( zu[mr]? .{0,60})?|mehr informationen|more information|más información|plus d'informations)\\s*:?$",
          "^(artikel gefallen\\?|gefällt mir:?$|möchten sie (den|diesen) (artikel|beitrag) teilen\\?*$|(jetzt )?(artikel )?teilen:?$|like this:?$)",
          "^(stand|aktualisiert|veröffentlicht|veröffentlichung|publiziert|erstellt|published|updated|publié le|publicado)\\s*:?\\s*\\d{1,2}[./ ].{0,30}$",
          "^(anzeige|werbung)\\s*[,:-]\\s*(enthält|mit|contains) .{0,40}$",
          "^(drucken|print( this)?( article| recipe)?)\\b.{0,40}$",
          // The consent placeholder of an embedded post or video.
          "^(mit dem laden des (tweets|videos|inhalts|beitrags)|ich bin damit einverstanden|this content is (hosted|provided) by a third party)\\b",
          // An image caption that ends in its credit is not article text.
          "\\((foto|photo|bild|image|quelle|source|credit|fotos|photos)s?\\s*:[^)]{1,80}\\)$",
          "\\([^()]{1,60}/\\s*(istock(photo)?|getty( images)?|shutterstock|dpa|afp|ap|reuters|unsplash|imago|picture alliance|adobe stock)(\\.com)?[^()]{0,20}\\)$",
          // A paragraph that is only a date, with or without a time, is the page's metadata.
          "^\\d{1,2}[./-]\\s?\\d{1,2}[./-]\\s?\\d{2,4}(,?\\s+\\d{1,2}[:.]\\d{2}( ?(uhr|h|am|pm))?)?$",
          "^\\d{4}-\\d{2}-\\d{2}([ t]\\d{2}:\\d{2}(:\\d{2})?)?$",
          "^\\d{1,2}\\.?\\s+\\p{L}{3,10}\\.?\\s+\\d{4}(,?\\s+\\d{1,2}[:.]\\d{2}( ?(uhr|h))?)?$",
          "^\\p{L}{3,10}\\.?\\s+\\d{1,2},?\\s+\\d{4}(,?\\s+\\d{1,2}:\\d{2}( ?(am|pm))?)?$");

  private Furniture() {}

  /**
   * A rule: its pattern, and whether it can only match at the start of the paragraph (every
   * alternative begins with {@code ^}), in which case it is tried there alone instead of at every
   * position.
   */
  private record Rule(Pattern pattern, boolean anchored, String literal) {
    boolean matches(String lowerText) {
      if (literal != null && !lowerText.contains(literal)) {
        return false; // cheap: the rule cannot match without this word
      }
      var m = pattern.matcher(lowerText);
      return anchored ? m.lookingAt() : m.find();
    }
  }

  /** For rules that can match anywhere: a word each match contains, checked before the regex. */
  private static String literalOf(String regex) {
    // Order matters: the first word found in the expression must be in every match of it.
    for (String w :
        new String[] {
          "block",
          "whitelist",
          "rights reserved",
          "continue reading",
          "subscri",
          "abonn",
          "suscriptor",
          "/",
          ":"
        }) {
      if (regex.contains(w)) {
        return w;
      }
    }
    return null;
  }

  /**
   * Rules compiled for speed. Every rule anchored at the start joins an alternation tried at
   * position 0 only (one matcher per paragraph instead of one per rule), and that alternation is
   * narrowed by the paragraph's first character: for each character below {@link #DISPATCHED}, only
   * the rules that can begin with it. The few other rules are tried anywhere, each behind a cheap
   * word check.
   *
   * @param anchored all anchored rules, for a paragraph starting with any other character
   * @param byFirstChar per first character, the anchored rules that can match (null: none can)
   */
  private record RuleSet(Pattern anchored, Pattern[] byFirstChar, List<Rule> floating) {
    boolean matches(String lowerText) {
      if (anchored != null && !lowerText.isEmpty()) {
        char first = lowerText.charAt(0);
        Pattern p = first < DISPATCHED ? byFirstChar[first] : anchored;
        if (p != null && p.matcher(lowerText).lookingAt()) {
          return true;
        }
      }
      for (Rule r : floating) {
        if (r.matches(lowerText)) {
          return true;
        }
      }
      return false;
    }
  }

  /** First characters with an alternation of their own: ASCII and Latin-1 to Latin Extended-B. */
  private static final int DISPATCHED = 0x250;

  private static RuleSet compile(String... regexes) {
    List<String> anchored = new java.util.ArrayList<>();
    List<Rule> floating = new java.util.ArrayList<>();
    for (String r : regexes) {
      if (anchoredAtStart(r)) {
        anchored.add("(?:" + r + ")");
      } else {
        // Matched against lower-cased text: case-insensitive Unicode matching is several times
        // slower.
        floating.add(new Rule(Pattern.compile(r), false, literalOf(r)));
      }
    }
    if (anchored.isEmpty()) {
      return new RuleSet(null, new Pattern[DISPATCHED], List.copyOf(floating));
    }
    // Which rules can start with a character c: matching the one-character text c either succeeds
    // or runs out of input (hitEnd) exactly when some text beginning with c could match.
    List<Pattern> each = anchored.stream().map(Pattern::compile).toList();
    Pattern[] byFirst = new Pattern[DISPATCHED];
    java.util.Map<java.util.BitSet, Pattern> shared = new java.util.HashMap<>();
    for (char c = 0; c < DISPATCHED; c++) {
      java.util.BitSet can = new java.util.BitSet(each.size());
      for (int i = 0; i < each.size(); i++) {
        var m = each.get(i).matcher(String.valueOf(c));
        if (m.lookingAt() || m.hitEnd()) {
          can.set(i);
        }
      }
      if (!can.isEmpty()) {
        byFirst[c] =
            shared.computeIfAbsent(
                can,
                bits ->
                    Pattern.compile(
                        bits.stream()
                            .mapToObj(anchored::get)
                            .collect(java.util.stream.Collectors.joining("|"))));
      }
    }
    return new RuleSet(Pattern.compile(String.join("|", anchored)), byFirst, List.copyOf(floating));
  }

  /** Whether every top-level alternative of the expression starts with {@code ^}. */
  static boolean anchoredAtStart(String regex) {
    int depth = 0;
    boolean atAlternativeStart = true;
    boolean inClass = false; // inside [...], where '|' and '(' are plain characters
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (atAlternativeStart) {
        if (c != '^') {
          return false;
        }
        atAlternativeStart = false;
      }
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        atAlternativeStart = true;
      }
    }
    return true;
  }

  /** The article's paragraphs with trailing furniture cut and furniture lines removed. */
  public static List<String> strip(List<String> paragraphs) {
    int total = 0;
    for (String p : paragraphs) {
      total += p.length();
    }
    int end = paragraphs.size();
    int seen = 0;
    for (int i = 0; i < paragraphs.size(); i++) {
      String p = paragraphs.get(i);
      if (i > 0 && seen >= total * BOUNDARY_MIN_POSITION && isBoundary(p)) {
        end = i;
        break;
      }
      seen += p.length();
    }
    List<String> kept = new java.util.ArrayList<>(end);
    for (int i = 0; i < end; i++) {
      if (!isLine(paragraphs.get(i))) {
        kept.add(paragraphs.get(i));
      }
    }
    return java.util.Collections.unmodifiableList(kept);
  }

  static boolean isBoundary(String paragraph) {
    return wordsAtMost(paragraph, MAX_LINE_WORDS)
        && matchesAny(BOUNDARIES, paragraph.toLowerCase(Locale.ROOT));
  }

  static boolean isLine(String paragraph) {
    if (!wordsAtMost(paragraph, MAX_LINE_WORDS * 3)) {
      return false;
    }
    String lower = paragraph.toLowerCase(Locale.ROOT);
    return matchesAny(LINES, lower)
        || (wordsAtMost(paragraph, MAX_SHORT_LINE_WORDS) && matchesAny(SHORT_LINES, lower));
  }

  /** Whether the text has at most {@code max} words; stops counting past it. */
  private static boolean wordsAtMost(String s, int max) {
    if (s.length() <= max) {
      return true;
    }
    int words = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ws = c == ' ' || c == '\n' || c == '\t' || c == '\u00a0';
      if (!ws && !in && ++words > max) {
        return false;
      }
      in = !ws;
    }
    return true;
  }

  private static boolean matchesAny(RuleSet rules, String lowerText) {
    return rules.matches(lowerText);
  }

  private static int wordCount(String s) {
    int words = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      boolean ws = Character.isWhitespace(s.charAt(i));
      if (!ws && !in) {
        words++;
      }
      in = !ws;
    }
    return words;
  }
}
