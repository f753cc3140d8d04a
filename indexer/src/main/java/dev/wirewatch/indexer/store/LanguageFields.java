package dev.wirewatch.indexer.store;

import dev.wirewatch.language.Language;
import dev.wirewatch.language.StemField;
import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.util.ArrayUtil;

/**
 * The text of an article in a known language: its neutral field (stored) analysed as the language
 * has it ({@link Language#index()}: the neutral words without the language's stop words), and, when
 * the language has a stemmer, its own field holding the stems that differ from those words ({@link
 * StemField}) — both from one tokenisation: the neutral field's tokens are recorded as the writer
 * inverts it (term, offsets, position increment, nothing else), and the stemmer runs on their
 * replay when the writer reaches the language's field, which comes next in the document. Analysing
 * the text once for both is what keeps the second field cheap; Lucene's {@code TeeSinkTokenFilter}
 * would do the same by copying every token's whole state, which costs about as much as analysing
 * again.
 */
final class LanguageFields {
  private LanguageFields() {}

  /**
   * Adds {@code neutralField} (stored) and, when the language has a stemmer, {@code ownField} of
   * the text to the document.
   */
  static void add(Document doc, String neutralField, String ownField, String text, Language l) {
    if (l.stems().isEmpty()) {
      doc.add(new Neutral(neutralField, text, l, false));
      return;
    }
    Neutral neutral = new Neutral(neutralField, text, l, true);
    doc.add(neutral);
    doc.add(new Own(ownField, text, neutral, l.stems().get()));
  }

  /** The neutral field, in the language's analysis, recording its tokens when asked to. */
  private static final class Neutral extends Field {
    private final Language language;
    private final boolean record;
    Recording recording;

    Neutral(String name, String text, Language language, boolean record) {
      super(name, text, IndexFields.textType(true));
      this.language = language;
      this.record = record;
    }

    @Override
    public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
      // The language's analysis, not the writer's per-field one (which is the undetermined one)
      TokenStream words = language.index().tokenStream(name(), stringValue());
      if (!record) {
        return words;
      }
      recording = new Recording(words);
      return recording;
    }
  }

  /** The language's field, from the recorded tokens. */
  private static final class Own extends Field {
    private final Neutral source;
    private final StemField stems;

    Own(String name, String text, Neutral source, StemField stems) {
      super(name, text, IndexFields.textType(false));
      this.source = source;
      this.stems = stems;
    }

    @Override
    public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
      if (source.recording == null) {
        throw new IllegalStateException(name() + " must follow its neutral field in a document");
      }
      return stems.fromIndex().apply(source.recording.replay());
    }
  }

  /** Passes tokens through and keeps their terms (in one char array), offsets and increments. */
  private static final class Recording extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posInc =
        addAttribute(PositionIncrementAttribute.class);
    private char[] chars = new char[1024];
    private int charsUsed;

    /** Per token: end of its term in {@code chars}, start and end offsets, increment. */
    private int[] tokens = new int[256];

    private int count;
    private int finalOffset;
    private int finalPosInc;

    Recording(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      int length = term.length();
      chars = ArrayUtil.grow(chars, charsUsed + length);
      System.arraycopy(term.buffer(), 0, chars, charsUsed, length);
      charsUsed += length;
      tokens = ArrayUtil.grow(tokens, 4 * count + 4);
      int at = 4 * count++;
      tokens[at] = charsUsed;
      tokens[at + 1] = offset.startOffset();
      tokens[at + 2] = offset.endOffset();
      tokens[at + 3] = posInc.getPositionIncrement();
      return true;
    }

    @Override
    public void end() throws IOException {
      super.end();
      finalOffset = offset.endOffset();
      finalPosInc = posInc.getPositionIncrement();
    }

    TokenStream replay() {
      return new Replay(this);
    }
  }

  /** The recorded tokens again. */
  private static final class Replay extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute posInc =
        addAttribute(PositionIncrementAttribute.class);
    private final Recording recording;
    private int next;

    Replay(Recording recording) {
      this.recording = recording;
    }

    @Override
    public boolean incrementToken() {
      if (next == recording.count) {
        return false;
      }
      // No clearAttributes(): these three are all a replayed token has, and are all set (clearing
      // every attribute the language's filters added cost a tenth of the field)
      int at = 4 * next;
      int from = next == 0 ? 0 : recording.tokens[at - 4];
      int to = recording.tokens[at];
      term.copyBuffer(recording.chars, from, to - from);
      offset.setOffset(recording.tokens[at + 1], recording.tokens[at + 2]);
      posInc.setPositionIncrement(recording.tokens[at + 3]);
      next++;
      return true;
    }

    @Override
    public void end() throws IOException {
      super.end();
      offset.setOffset(recording.finalOffset, recording.finalOffset);
      posInc.setPositionIncrement(recording.finalPosInc);
    }

    @Override
    public void reset() {
      next = 0;
    }
  }
}
