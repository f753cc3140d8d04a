package dev.wirewatch.language;

import java.util.Arrays;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.AttributeImpl;
import org.apache.lucene.util.AttributeReflector;

/** The implementation Lucene's attribute factory finds by name for {@link WordAttribute}. */
public final class WordAttributeImpl extends AttributeImpl implements WordAttribute {
  private char[] word = new char[16];
  private int length;

  @Override
  public void remember(char[] chars, int length) {
    if (word.length < length) {
      word = new char[ArrayUtil.oversize(length, Character.BYTES)];
    }
    System.arraycopy(chars, 0, word, 0, length);
    this.length = length;
  }

  @Override
  public boolean is(char[] chars, int length) {
    return Arrays.equals(word, 0, this.length, chars, 0, length);
  }

  @Override
  public void clear() {
    length = 0;
  }

  @Override
  public void copyTo(AttributeImpl target) {
    ((WordAttribute) target).remember(word, length);
  }

  @Override
  public void reflectWith(AttributeReflector reflector) {
    reflector.reflect(WordAttribute.class, "word", new String(word, 0, length));
  }
}
