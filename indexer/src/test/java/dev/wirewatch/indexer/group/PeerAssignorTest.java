package dev.wirewatch.indexer.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class PeerAssignorTest {
  private static PeerAssignor assignor(String endpoint, GroupDirectory directory) {
    PeerAssignor a = new PeerAssignor();
    a.configure(
        Map.of(PeerAssignor.ENDPOINT_CONFIG, endpoint, PeerAssignor.DIRECTORY_CONFIG, directory));
    return a;
  }

  @Test
  void everyMemberLearnsEveryMembersUrlAndPartitions() {
    GroupDirectory dirA = new GroupDirectory();
    GroupDirectory dirB = new GroupDirectory();
    PeerAssignor a = assignor("http://a:8081", dirA);
    PeerAssignor b = assignor("http://b:8081", dirB);
    Node n = new Node(0, "localhost", 9092);
    List<PartitionInfo> parts =
        List.of(
            new PartitionInfo("news.articles", 0, n, new Node[] {n}, new Node[] {n}),
            new PartitionInfo("news.articles", 1, n, new Node[] {n}, new Node[] {n}),
            new PartitionInfo("news.articles", 2, n, new Node[] {n}, new Node[] {n}),
            new PartitionInfo("news.dlq", 0, n, new Node[] {n}, new Node[] {n}));
    Cluster cluster = new Cluster("c", List.of(n), parts, Set.of(), Set.of());
    List<String> topics = List.of("news.articles", "news.dlq");
    Map<String, ConsumerPartitionAssignor.Subscription> subs = new HashMap<>();
    subs.put(
        "member-a",
        new ConsumerPartitionAssignor.Subscription(
            topics, a.subscriptionUserData(Set.copyOf(topics))));
    subs.put(
        "member-b",
        new ConsumerPartitionAssignor.Subscription(
            topics, b.subscriptionUserData(Set.copyOf(topics))));

    ConsumerPartitionAssignor.GroupAssignment result =
        a.assign(cluster, new ConsumerPartitionAssignor.GroupSubscription(subs));
    a.onAssignment(result.groupAssignment().get("member-a"), null);
    b.onAssignment(result.groupAssignment().get("member-b"), null);

    // Kafka's range assignment, unchanged
    assertThat(result.groupAssignment().get("member-a").partitions())
        .containsExactlyInAnyOrder(
            new TopicPartition("news.articles", 0),
            new TopicPartition("news.articles", 1),
            new TopicPartition("news.dlq", 0));
    assertThat(result.groupAssignment().get("member-b").partitions())
        .containsExactly(new TopicPartition("news.articles", 2));
    // and the whole map, on both sides
    assertThat(dirA.members()).isEqualTo(dirB.members()).hasSize(2);
    assertThat(dirA.peers("http://a:8081")).containsExactly("http://b:8081");
    assertThat(dirB.peers("http://b:8081")).containsExactly("http://a:8081");
    assertThat(dirB.members())
        .contains(
            new GroupDirectory.Member(
                "http://b:8081", List.of(new TopicPartition("news.articles", 2))));
  }

  @Test
  void membersWithoutPartitionsAreNoPeersAndTheEncodingRoundTrips() {
    List<GroupDirectory.Member> members =
        List.of(
            new GroupDirectory.Member("http://a:1", List.of(new TopicPartition("t:x", 3))),
            new GroupDirectory.Member("http://idle:1", List.of()));
    List<GroupDirectory.Member> back =
        PeerAssignor.decode(new String(PeerAssignor.encode(members), StandardCharsets.UTF_8));
    assertThat(back).isEqualTo(members);
    GroupDirectory d = new GroupDirectory();
    d.update(back);
    assertThat(d.peers("http://b:1")).containsExactly("http://a:1");
  }

  @Test
  void refusesToRunWithoutItsSettings() {
    assertThatThrownBy(
            () ->
                new PeerAssignor()
                    .configure(Map.of(PeerAssignor.DIRECTORY_CONFIG, new GroupDirectory())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(PeerAssignor.ENDPOINT_CONFIG);
    assertThatThrownBy(
            () -> new PeerAssignor().configure(Map.of(PeerAssignor.ENDPOINT_CONFIG, "http://a:1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(PeerAssignor.DIRECTORY_CONFIG);
  }
}
