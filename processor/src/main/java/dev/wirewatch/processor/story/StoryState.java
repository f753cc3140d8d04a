package dev.wirewatch.processor.story;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Where the story engine keeps what it must not forget: in the processor a Kafka Streams store
 * (changelogged, restored after a crash), offline and in benchmarks a map. The engine works from
 * memory and writes every change through, so a restored store gives back exactly its state.
 */
public interface StoryState {
  byte[] get(String key);

  void put(String key, byte[] value);

  void delete(String key);

  /** Every entry, in no particular order. */
  void forEach(BiConsumer<String, byte[]> visitor);

  /** A Kafka Streams key-value store. */
  static StoryState of(KeyValueStore<String, byte[]> store) {
    return new StoryState() {
      @Override
      public byte[] get(String key) {
        return store.get(key);
      }

      @Override
      public void put(String key, byte[] value) {
        store.put(key, value);
      }

      @Override
      public void delete(String key) {
        store.delete(key);
      }

      @Override
      public void forEach(BiConsumer<String, byte[]> visitor) {
        try (KeyValueIterator<String, byte[]> it = store.all()) {
          while (it.hasNext()) {
            KeyValue<String, byte[]> kv = it.next();
            visitor.accept(kv.key, kv.value);
          }
        }
      }
    };
  }

  /** A map in memory (the offline tool, benchmarks, tests). */
  static StoryState inMemory() {
    return of(new HashMap<>());
  }

  /** Over the given map. */
  static StoryState of(Map<String, byte[]> map) {
    return new StoryState() {
      @Override
      public byte[] get(String key) {
        return map.get(key);
      }

      @Override
      public void put(String key, byte[] value) {
        map.put(key, value);
      }

      @Override
      public void delete(String key) {
        map.remove(key);
      }

      @Override
      public void forEach(BiConsumer<String, byte[]> visitor) {
        new TreeMap<>(map).forEach(visitor);
      }
    };
  }
}
