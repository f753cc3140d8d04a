package dev.wirewatch.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Tells Avro 1.12.2+ that our generated record classes may be instantiated while decoding.
 *
 * <p>Avro refuses to decode into classes it has not been told to trust (a defence against gadget
 * classes named in hostile schemas). The trust list is JVM-global in Avro, so this adds exactly our
 * generated classes to whatever the host application already trusts, once.
 */
final class AvroTrust {
  private static final Object LOCK = new Object();
  private static volatile boolean done;

  private AvroTrust() {}

  static void ensureTrusted() {
    if (done) {
      return;
    }
    synchronized (LOCK) {
      if (done) {
        return;
      }
      ClassSecurityValidator.ClassSecurityPredicate ours =
          ClassSecurityValidator.builder()
              .add(RawArticle.class)
              .add(Article.class)
              .add(DeadLetter.class)
              .add(SourceStatus.class)
              .add(Alert.class)
              .build();
      ClassSecurityValidator.setGlobal(
          ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
      done = true;
    }
  }
}
