package dev.wirewatch.deploy.cli;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

/** Opens the index of a data directory for reading, with an error that says what to do. */
final class IndexAccess {
  private IndexAccess() {}

  static DirectoryReader openReader(DataDirOption data) throws IOException {
    FSDirectory dir = null;
    if (Files.isDirectory(data.indexDir())) {
      dir = FSDirectory.open(data.indexDir());
      if (DirectoryReader.indexExists(dir)) {
        return DirectoryReader.open(dir);
      }
      dir.close();
    }
    throw new IllegalStateException(
        "no index in " + data.dataDir + ": run 'bin/wirewatch demo --data-dir " + data.dataDir + "' first");
  }
}
