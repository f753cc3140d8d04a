package dev.wirewatch.deploy.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Where the API's write token comes from: {@code WIREWATCH_API_TOKEN}, else {@code
 * --api-token-file}, else {@code DATA_DIR/api-token}, generated at first start (32 random bytes,
 * hex; the file readable by its owner only).
 *
 * @param token the token
 * @param where what to tell the user about where it is
 */
public record ApiToken(String token, String where) {
  /** The environment variable that gives the token. */
  public static final String ENV = "WIREWATCH_API_TOKEN";

  /** The shortest token accepted. */
  public static final int MIN_LENGTH = 16;

  /** The file in the data directory that holds a generated token. */
  public static final String FILE = "api-token";

  /**
   * @param env the value of {@link #ENV}, or null
   * @param file {@code --api-token-file}, or null
   */
  public static ApiToken resolve(String env, Path file, Path dataDir) {
    if (env != null && !env.isBlank()) {
      if (env.strip().length() < MIN_LENGTH) {
        throw new IllegalArgumentException(
            ENV + ": an API token must have at least " + MIN_LENGTH + " characters");
      }
      return new ApiToken(env.strip(), "the environment variable " + ENV);
    }
    if (file != null) {
      return new ApiToken(read(file), file.toAbsolutePath().toString());
    }
    Path generated = dataDir.resolve(FILE);
    if (!Files.exists(generated)) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String token = HexFormat.of().formatHex(random);
      try {
        Files.createDirectories(dataDir);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
          Files.createFile(generated, PosixFilePermissions.asFileAttribute(ownerOnly));
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(generated);
        }
        Files.writeString(
            generated, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException raced) {
        // another process made it first: read theirs
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the API token to " + generated, e);
      }
    }
    return new ApiToken(read(generated), generated.toAbsolutePath().toString());
  }

  private static String read(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.length() < MIN_LENGTH) {
        throw new IllegalArgumentException(
            file
                + ": an API token must have at least "
                + MIN_LENGTH
                + " characters, got "
                + token.length());
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API token from " + file, e);
    }
  }
}
