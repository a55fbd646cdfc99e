using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.Clients;

/// <summary>
/// The classic consumer group protocol (GroupCoordinator.scala, ConsumerCoordinator, AbstractCoordinator):
/// the initial rebalance delay (KIP-134), session expiry, eager against cooperative rebalances (KIP-429),
/// max.poll.interval.ms (KIP-62) and coordinator failover.
/// </summary>
public class ConsumerGroupTests(ITestOutputHelper output)
{
    private const string Group = "billing";

    private static KafkaScenario Cluster(int seed = 42) =>
        KafkaScenario.Create().WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).WithConsumerOffsets(3).WithSeed((ulong)seed).Build();

    private static ConsumerConfig Config(params string[] strategy) =>
        new() { GroupId = Group, AutoOffsetResetEarliest = true, PartitionAssignmentStrategy = strategy.Length == 0 ? ["range", "cooperative-sticky"] : strategy };


    [Fact]
    public void AnEmptyGroupWaitsTheInitialRebalanceDelayAndEachNewMemberExtendsIt()
    {
        // KIP-134 (InitialDelayedJoin): the first rebalance of an empty group waits group.initial.rebalance.delay.ms
        // (3 s); a member joining meanwhile extends it by another delay, so both land in generation 1.
        var t = Cluster();
        var watch = new GroupWatch(Group, 6);
        t.Events.Add(watch);
        var a = t.GroupMember("a", "orders", Config());
        t.RunFor(SimDuration.FromSeconds(1));
        var b = t.GroupMember("b", "orders", Config());
        t.RunFor(SimDuration.FromSeconds(20));
        var first = watch.Generations[0];
        output.WriteLine($"generation {first.Generation} with {first.Members} members at {first.At}");
        Assert.Equal((1, 2), (first.Generation, first.Members));
        Assert.InRange(first.At.TotalSeconds, 6, 6.5);
        Assert.Equal(3, a.Assigned.Count);
        Assert.Equal(3, b.Assigned.Count);
        Assert.Single(watch.Generations);
    }

    [Fact]
    public void ACrashedMemberIsNoticedAfterTheSessionTimeoutAndItsPartitionsMove()
    {
        // A killed consumer sends no LeaveGroup: its coordinator removes it when session.timeout.ms (45 s) passes
        // without a heartbeat, and the survivors rejoin at their next heartbeat (REBALANCE_IN_PROGRESS).
        var t = Cluster();
        var watch = new GroupWatch(Group, 6);
        t.Events.Add(watch);
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        var a = t.GroupMember("a", "orders", Config());
        var b = t.GroupMember("b", "orders", Config());
        t.RunFor(SimDuration.FromSeconds(30));
        Assert.Equal(3, b.Assigned.Count);
        a.Stop();
        t.RunFor(SimDuration.FromSeconds(60));
        var expired = Assert.Single(watch.Expired);
        output.WriteLine($"member {expired.Client} expired at {expired.At}; b owns [{string.Join(",", b.Assigned)}]");
        Assert.Equal(a.Id, expired.Client);
        Assert.InRange(expired.At.TotalSeconds, 30 + 45 - 3, 30 + 45 + 0.1);
        var moved = watch.Changes.First(c => c.Consumer == b.Id && c.Partitions.Length == 6);
        Assert.InRange(moved.At.TotalSeconds, expired.At.TotalSeconds, expired.At.TotalSeconds + 3.5);
        Assert.Equal(6, b.Assigned.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AnEagerRebalancePausesEveryPartitionWhileACooperativeOneMovesOnlyThePartitionsThatChangeOwner(int seed)
    {
        // Eager (range): every member revokes everything before rejoining, so the whole group stops. Cooperative
        // (cooperative-sticky, KIP-429): members keep their partitions through the rebalance, give up only those
        // that move, and a second rebalance hands them to the newcomer.
        var eager = ThirdMemberJoins(seed, "range");
        var cooperative = ThirdMemberJoins(seed, "cooperative-sticky");
        output.WriteLine($"eager: group paused {eager.Paused}, partitions interrupted [{string.Join(",", eager.Interrupted)}], {eager.UnownedPartitionSeconds:F2} partition-s unowned");
        output.WriteLine($"cooperative: group paused {cooperative.Paused}, partitions interrupted [{string.Join(",", cooperative.Interrupted)}], {cooperative.UnownedPartitionSeconds:F2} partition-s unowned");
        Assert.True(eager.Paused > SimDuration.Zero);
        Assert.Equal(6, eager.Interrupted.Count);
        Assert.Equal(SimDuration.Zero, cooperative.Paused);
        Assert.Equal(2, cooperative.Interrupted.Count);
        Assert.Equal(2, eager.Generations.Count);
        Assert.Equal(3, cooperative.Generations.Count);
    }

    private GroupWatch ThirdMemberJoins(int seed, string strategy)
    {
        var t = Cluster(seed);
        var watch = new GroupWatch(Group, 6);
        t.Events.Add(watch);
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        t.GroupMember("a", "orders", Config(strategy));
        t.GroupMember("b", "orders", Config(strategy));
        t.RunFor(SimDuration.FromSeconds(20));
        var c = t.GroupMember("c", "orders", Config(strategy));
        t.RunFor(SimDuration.FromSeconds(30));
        Assert.Equal(2, c.Assigned.Count);
        return watch;
    }

    [Fact]
    public void AConsumerThatDoesNotPollWithinMaxPollIntervalLeavesAndItsPartitionsGoToTheOthers()
    {
        // KIP-62: the heartbeat thread keeps the session alive, but a poll loop slower than max.poll.interval.ms
        // makes the consumer leave its group; the group rebalances without it until it polls again.
        var t = Cluster();
        var watch = new GroupWatch(Group, 6);
        t.Events.Add(watch);
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        var slow = t.GroupMember("a", "orders", Config() with { ProcessingTimePerPoll = SimDuration.FromSeconds(8), MaxPollInterval = SimDuration.FromSeconds(5) });
        var fast = t.GroupMember("b", "orders", Config());
        t.RunFor(SimDuration.FromSeconds(40));
        output.WriteLine(string.Join("\n", watch.Changes.Select(c => $"{c.At} consumer {c.Consumer}: [{string.Join(",", c.Partitions)}]")));
        Assert.Contains(watch.Changes, c => c.Consumer == fast.Id && c.Partitions.Length == 6);
        Assert.True(watch.Generations.Count >= 3, $"{watch.Generations.Count} generations");
        Assert.Empty(watch.Expired);
    }

    [Fact]
    public void WithDefaultsASlowPollLoopKeepsItsPartitions()
    {
        // The same 8 s of processing per poll is well inside the default max.poll.interval.ms (5 min).
        var t = Cluster();
        var watch = new GroupWatch(Group, 6);
        t.Events.Add(watch);
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        t.GroupMember("a", "orders", Config() with { ProcessingTimePerPoll = SimDuration.FromSeconds(8) });
        t.GroupMember("b", "orders", Config());
        t.RunFor(SimDuration.FromSeconds(40));
        Assert.Single(watch.Generations);
    }

    [Fact]
    public void ANewCoordinatorLoadsTheGroupSoItsFailoverCausesNoRebalance()
    {
        // The coordinator is the leader of the group's __consumer_offsets partition. When its broker dies, members
        // get NOT_COORDINATOR or time out, find the new leader, and carry on in the same generation: the new
        // coordinator loaded the group from the partition (GroupMetadataManager.loadGroupsAndOffsets).
        var t = Cluster();
        var watch = new GroupWatch(Group, 6);
        t.Events.Add(watch);
        t.Producer("a", KafkaScenario.Steady("orders", 500));
        var a = t.GroupMember("a", "orders", Config());
        var b = t.GroupMember("b", "orders", Config());
        t.RunFor(SimDuration.FromSeconds(20));
        int offsets = t.Cluster.Context.OffsetsPartitionOf(Group);
        int coordinator = t.Cluster.PartitionState(offsets).Leader;
        t.Cluster.CrashBroker(coordinator, powerLoss: false);
        t.RunFor(SimDuration.FromSeconds(60));
        int next = t.Cluster.PartitionState(offsets).Leader;
        output.WriteLine($"coordinator {coordinator} -> {next}; generations {string.Join(",", watch.Generations.Select(g => g.Generation))}");
        Assert.NotEqual(coordinator, next);
        Assert.Single(watch.Generations);
        Assert.True(a.Stable && b.Stable);
        Assert.True(t.Cluster.Broker(next).Groups.Groups.ContainsKey(Group));
    }
}
