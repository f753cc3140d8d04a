package dev.wirewatch.indexer.group;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Which indexer instance serves which partitions, as the consumer group's last assignment said.
 * Every member learns the whole map with its own assignment ({@link PeerAssignor}), so instances
 * find each other through the group, the way Kafka Streams instances do through {@code
 * application.server}: there is no registry of our own to run or to go stale.
 */
public final class GroupDirectory {
  /** One member: the URL its search API answers on, and the partitions whose shards it serves. */
  public record Member(String endpoint, List<TopicPartition> partitions) {
    public Member {
      partitions = List.copyOf(partitions);
    }
  }

  private volatile List<Member> members = List.of();

  /** Every member of the last assignment, this one included. */
  public List<Member> members() {
    return members;
  }

  /** The endpoints of the other members that serve at least one partition. */
  public List<String> peers(String self) {
    return members.stream()
        .filter(m -> !m.endpoint().equals(self) && !m.partitions().isEmpty())
        .map(Member::endpoint)
        .distinct()
        .toList();
  }

  void update(List<Member> latest) {
    members = List.copyOf(latest);
  }
}
