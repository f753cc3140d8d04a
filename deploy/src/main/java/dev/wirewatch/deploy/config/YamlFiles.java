package dev.wirewatch.deploy.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wirewatch.schemas.InvalidSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the YAML settings files into records through Jackson databind: the file's shape is a record
 * here (unknown keys and wrong types refused by Jackson), its values are checked by the core
 * modules' validated records ({@link InvalidSettingException}). Every problem becomes one {@link
 * ConfigFileException} naming the file, the key and what is wrong.
 */
final class YamlFiles {
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private YamlFiles() {}

  /**
   * Reads {@code yaml} as {@code shape}, then turns it into the validated value; {@code origin}
   * names the text in errors. An empty document is read as {@code empty}.
   */
  static <S, T> T read(
      String yaml, String origin, Class<S> shape, S empty, Function<S, T> validate) {
    S parsed;
    try {
      parsed = YAML.readValue(yaml, shape);
    } catch (JacksonException e) {
      throw describe(origin, e);
    }
    try {
      return validate.apply(parsed == null ? empty : parsed);
    } catch (InvalidSettingException e) {
      throw new ConfigFileException(origin, e.key(), e.problem());
    }
  }

  /** The text of a file, or the error that says why it cannot be read. */
  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigFileException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
  }

  /** The text of a resource that ships in the distribution. */
  static String resource(String name) {
    try (InputStream in = YamlFiles.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("bundled " + name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled " + name, e);
    }
  }

  /**
   * Validates the elements of a list, each at its index: a problem in element 2 is reported under
   * {@code key[2]}.
   */
  static <S, T> List<T> each(String key, List<S> list, Function<S, T> validate) {
    if (list == null) {
      return List.of();
    }
    java.util.ArrayList<T> out = new java.util.ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      S s = list.get(i);
      String at = key + "[" + i + "]";
      if (s == null) {
        throw new InvalidSettingException(at, "must be a mapping, not empty");
      }
      try {
        out.add(validate.apply(s));
      } catch (InvalidSettingException e) {
        throw e.under(at);
      }
    }
    return out;
  }

  /** Validates one nested record, its problems reported under {@code key}. */
  static <S, T> T under(String key, S value, Function<S, T> validate) {
    try {
      return validate.apply(value);
    } catch (InvalidSettingException e) {
      throw e.under(key);
    }
  }

  private static ConfigFileException describe(String origin, JacksonException e) {
    JsonParseException syntax = syntaxError(e);
    if (syntax != null) {
      return new ConfigFileException(
          origin,
          "not valid YAML: " + syntax.getOriginalMessage().lines().findFirst().orElse(""),
          e);
    }
    if (!(e instanceof JsonMappingException m)) {
      return new ConfigFileException(origin, "not valid YAML: " + e.getOriginalMessage(), e);
    }
    String path = path(m.getPath());
    if (m instanceof UnrecognizedPropertyException u) {
      Collection<Object> known = u.getKnownPropertyIds();
      return new ConfigFileException(
          origin,
          path,
          "unknown key (known: "
              + (known == null
                  ? "none"
                  : new TreeSet<>(known.stream().map(String::valueOf).toList()))
              + ")");
    }
    if (m instanceof ValueInstantiationException
        && m.getCause() instanceof InvalidSettingException s) {
      InvalidSettingException at = path.isEmpty() ? s : s.under(path);
      return new ConfigFileException(origin, at.key(), at.problem());
    }
    if (m instanceof InvalidFormatException f) {
      return new ConfigFileException(
          origin, path, "'" + f.getValue() + "' is not " + expected(f.getTargetType()));
    }
    if (m instanceof MismatchedInputException mi) {
      return new ConfigFileException(
          origin, path.isEmpty() ? "(root)" : path, "must be " + expected(mi.getTargetType()));
    }
    return new ConfigFileException(
        origin, path.isEmpty() ? "(file)" : path, m.getOriginalMessage());
  }

  /** The syntax error behind a failure to read, if that is what it is. */
  private static JsonParseException syntaxError(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof JsonParseException p) {
        return p;
      }
    }
    return null;
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
      return "a list, like [a, b]";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of keys to values";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    return "a single value";
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }
}
