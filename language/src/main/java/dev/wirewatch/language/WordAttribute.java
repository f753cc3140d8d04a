package dev.wirewatch.language;

import org.apache.lucene.util.Attribute;

/**
 * The word a token was before a language's filters changed it, as {@code rememberWord} kept it;
 * {@code dropUnchanged} compares the token with it.
 */
public interface WordAttribute extends Attribute {
  /** Keeps a copy of these characters as the word. */
  void remember(char[] chars, int length);

  /** Whether the word is exactly these characters. */
  boolean is(char[] chars, int length);
}
