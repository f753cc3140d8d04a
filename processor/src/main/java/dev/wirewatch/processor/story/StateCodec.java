package dev.wirewatch.processor.story;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Encodings of the story engine's small state values (counts with a time, lists of ids). */
final class StateCodec {
  private StateCodec() {}

  static byte[] encodeCount(double count, long time) {
    return ByteBuffer.allocate(16).putDouble(count).putLong(time).array();
  }

  static byte[] encodeIds(ArrayDeque<String> ids) {
    List<byte[]> raw = new ArrayList<>(ids.size());
    int size = 4;
    for (String id : ids) {
      byte[] r = id.getBytes(StandardCharsets.UTF_8);
      raw.add(r);
      size += 4 + r.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(raw.size());
    raw.forEach(r -> b.putInt(r.length).put(r));
    return b.array();
  }

  static ArrayDeque<String> decodeIds(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int n = b.getInt();
    ArrayDeque<String> out = new ArrayDeque<>(n);
    for (int i = 0; i < n; i++) {
      out.addLast(readString(b));
    }
    return out;
  }

  static String readString(ByteBuffer b) {
    byte[] r = new byte[b.getInt()];
    b.get(r);
    return new String(r, StandardCharsets.UTF_8);
  }
}
