package dev.wirewatch.indexer.group;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;

/**
 * Kafka's range assignment, plus what Kafka Streams does for {@code application.server}: each
 * indexer puts the URL of its search API into its subscription, and the group leader hands every
 * member the whole map of URLs to partitions with its assignment. A member then knows, after every
 * rebalance, which instances to ask for the partitions it does not serve ({@link GroupDirectory}).
 *
 * <p>Kafka creates the assignor from its class name; the consumer's configuration carries this
 * member's URL ({@link #ENDPOINT_CONFIG}) and the directory to fill ({@link #DIRECTORY_CONFIG}).
 * Works with the classic group protocol (the default), which runs assignors in the client.
 */
public final class PeerAssignor implements ConsumerPartitionAssignor, Configurable {
  /** Consumer setting: this member's search API, such as {@code http://10.0.0.5:8080}. */
  public static final String ENDPOINT_CONFIG = "wirewatch.indexer.endpoint";

  /** Consumer setting: the {@link GroupDirectory} to keep up to date. */
  public static final String DIRECTORY_CONFIG = "wirewatch.indexer.directory";

  private final RangeAssignor delegate = new RangeAssignor();
  private String endpoint;
  private GroupDirectory directory;

  @Override
  public void configure(Map<String, ?> configs) {
    Object e = configs.get(ENDPOINT_CONFIG);
    Object d = configs.get(DIRECTORY_CONFIG);
    if (!(e instanceof String s) || s.isBlank()) {
      throw new ConfigException(
          ENDPOINT_CONFIG, e, "the indexer's search URL is required by " + name());
    }
    if (!(d instanceof GroupDirectory dir)) {
      throw new ConfigException(DIRECTORY_CONFIG, d, "a GroupDirectory is required by " + name());
    }
    endpoint = s;
    directory = dir;
  }

  @Override
  public ByteBuffer subscriptionUserData(Set<String> topics) {
    return ByteBuffer.wrap(endpoint.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
    GroupAssignment base = delegate.assign(metadata, groupSubscription);
    List<GroupDirectory.Member> members = new ArrayList<>();
    for (Map.Entry<String, Assignment> e : base.groupAssignment().entrySet()) {
      Subscription sub = groupSubscription.groupSubscription().get(e.getKey());
      String url = sub == null || sub.userData() == null ? "" : utf8(sub.userData());
      members.add(new GroupDirectory.Member(url, e.getValue().partitions()));
    }
    byte[] encoded = encode(members);
    Map<String, Assignment> out = new HashMap<>();
    base.groupAssignment()
        .forEach(
            (member, a) ->
                out.put(member, new Assignment(a.partitions(), ByteBuffer.wrap(encoded))));
    return new GroupAssignment(out);
  }

  @Override
  public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
    if (assignment.userData() != null) {
      directory.update(decode(utf8(assignment.userData())));
    }
  }

  @Override
  public String name() {
    return "wirewatch-peers";
  }

  /**
   * One member a line: its URL, a tab, then its partitions as topic:partition separated by commas.
   */
  static byte[] encode(List<GroupDirectory.Member> members) {
    StringBuilder b = new StringBuilder();
    for (GroupDirectory.Member m : members) {
      b.append(m.endpoint()).append('\t');
      for (int i = 0; i < m.partitions().size(); i++) {
        TopicPartition tp = m.partitions().get(i);
        b.append(i == 0 ? "" : ",").append(tp.topic()).append(':').append(tp.partition());
      }
      b.append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static List<GroupDirectory.Member> decode(String text) {
    List<GroupDirectory.Member> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int tab = line.indexOf('\t');
      List<TopicPartition> parts = new ArrayList<>();
      String list = line.substring(tab + 1);
      if (!list.isEmpty()) {
        for (String p : list.split(",")) {
          int colon = p.lastIndexOf(':');
          parts.add(
              new TopicPartition(p.substring(0, colon), Integer.parseInt(p.substring(colon + 1))));
        }
      }
      out.add(new GroupDirectory.Member(line.substring(0, tab), parts));
    }
    return out;
  }

  private static String utf8(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] bytes = new byte[d.remaining()];
    d.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
