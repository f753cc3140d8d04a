package dev.wirewatch.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every schema version a record type has ever been written with, shipped as resources.
 *
 * <p>Single-object encoding identifies the writer's schema only by fingerprint, so a reader must
 * hold every historical schema to decode old records. Versions live at {@code
 * avro-history/<RecordName>/v1.avsc}, {@code v2.avsc}, … with no gaps; a new schema version is
 * released by adding the next file (a test checks that the newest one equals the current schema).
 */
public final class SchemaHistory {
  /** Resource folder holding one sub-folder of versions per record name. */
  public static final String ROOT = "avro-history";

  private SchemaHistory() {}

  /** Loads all shipped versions of the record, oldest first; never empty for our records. */
  public static List<Schema> versions(String recordName) {
    ClassLoader loader = SchemaHistory.class.getClassLoader();
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; ; v++) {
      String path = ROOT + "/" + recordName + "/v" + v + ".avsc";
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read schema resource " + path, e);
      }
    }
    return versions;
  }
}
