using System.Text.RegularExpressions;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;
using static Sim.Scenarios.Tests.Workshop.WorkshopRun;

namespace Sim.Scenarios.Tests.Workshop;

/// <summary>
/// The workshop of <c>experiments/workshop/</c>: six short teaching runs and the lesson plan in its README.
/// Each test plays one file as <c>sim trace</c> does and checks that the story the README tells is the one
/// the trace tells, in that order, with the losses it promises (and none where it promises none), and that
/// the knob the README hands the class changes the ending.
/// </summary>
public class WorkshopTests(ITestOutputHelper output)
{
    private static readonly string[] Files =
        ["acks1-loss.yaml", "unclean-election.yaml", "isr-shrink-slow-link.yaml", "stretch-quorum-loss.yaml", "mm2-failover.yaml", "split-brain-prevented.yaml", "active-active-conflicts.yaml"];

    [Fact]
    public void EveryWorkshopScenarioIsOneShortRunAndTheLessonPlanRunsEachOne()
    {
        var shipped = Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Files.Order(StringComparer.Ordinal), shipped);
        string readme = File.ReadAllText(PathOf("README.md"));
        foreach (var file in Files)
        {
            var e = Load(file);
            // Its own results/NAME/ folder: shipped experiments/mm2-failover.yaml already writes results/mm2-failover/.
            Assert.Equal("workshop-" + Path.GetFileNameWithoutExtension(file), e.Name);
            Assert.Equal(1, e.TotalRuns);
            Assert.Equal(1, e.Replications);
            Assert.Empty(e.SweptKeys);
            Assert.InRange(e.Duration.TotalSeconds, 40, 120);
            Assert.Contains($"sim trace experiments/workshop/{file}", readme);
        }
        // Every `sim trace` and `sim run` command of the lesson plan loads, with its --set options, as one run.
        var commands = Regex.Matches(readme, @"^sim (?:trace|run) experiments/workshop/(?<file>[\w-]+\.yaml)(?<rest>.*)$", RegexOptions.Multiline);
        Assert.True(commands.Count >= 12, $"only {commands.Count} sim commands in the README");
        foreach (Match c in commands)
        {
            var sets = Regex.Matches(c.Groups["rest"].Value, @"--set\s+(?:'(?<v>[^']*)'|(?<v>\S+))").Select(m => m.Groups["v"].Value).ToArray();
            Assert.Equal(1, Load(c.Groups["file"].Value, sets).TotalRuns);
        }
    }

    /// <summary>
    /// Source: producer config <c>acks</c> ("acks=1 ... should the leader fail immediately after acknowledging the
    /// record but before the followers have replicated it then the record will be lost"); KIP-101/KIP-279 (the
    /// returning leader truncates to the new leader's log).
    /// </summary>
    [Fact]
    public void Acks1Loss_TheTraceShowsTheTruncationThatLostTheAcknowledgedRange_AndAcksAllLosesNothing()
    {
        var o = Play("acks1-loss.yaml");
        output.WriteLine(o.Brief());
        var story = o.InOrder(
            Step("fault", "broker-crash of stretch-broker-1 (process)"),
            Step("fenced", "the controller fences broker 1", "broker.session.timeout.ms"),
            Step("leader", "orders-0: the leader moves from broker 1 to broker 2 at epoch 1"),
            Step("repair", "broker-crash of stretch-broker-1"),
            Step("truncation", "broker 1 truncates orders-0", "its log diverged from leader 2 after epoch 0"),
            Step("lost", "of orders-0", "acknowledged with acks=1) are lost on stretch"));
        var (fenced, truncation) = (story[1], story[4]);
        Assert.InRange(fenced.TimeS - 20, 6, 12);
        var lost = o.Entries("lost").ToList();
        output.WriteLine($"fenced at {F(fenced.TimeS)} s; {truncation.Text}; lost {o.Result.AckedRecordsLost}: {string.Join("; ", lost.Select(l => l.Text))}");
        // Exactly the tail broker 1 took alone is lost: the few tens of milliseconds before the crash at 1000 records/s.
        Assert.InRange(o.Result.AckedRecordsLost, 1, 200);
        Assert.Equal(o.Result.AckedRecordsLost, lost.Sum(l => l.Count()));
        Assert.All(lost, l =>
        {
            Assert.InRange(l.FirstOffset!.Value, truncation.FirstOffset!.Value, truncation.LastOffset!.Value);
            Assert.InRange(l.LastOffset!.Value, truncation.FirstOffset!.Value, truncation.LastOffset!.Value);
            Assert.Contains(l.Because, s => s.Contains("leadership moved from broker 1 to broker 2"));
            Assert.Contains(l.Because, s => s.Contains("truncated them"));
            Assert.Contains(l.Because, s => s.Contains("acks=1 acknowledged them on the leader's word alone, without waiting for the in-sync followers to copy them"));
        });

        var all = Play("acks1-loss.yaml", "workload.producers.0.config.acks=all");
        output.WriteLine($"acks=all: lost {all.Result.AckedRecordsLost}, p99 {F(all.Result.ProduceLatency.P99Ms)} ms (acks=1: {F(o.Result.ProduceLatency.P99Ms)} ms)");
        Assert.NotNull(all.Find("orders-0: the leader moves from broker 1 to broker 2 at epoch 1"));
        Assert.Equal(0, all.Result.AckedRecordsLost);
        Assert.Empty(all.Entries("lost"));
    }

    /// <summary>
    /// Source: design.html 4.7, "Unclean leader election: What if they all die?"; topic config
    /// <c>unclean.leader.election.enable</c> (default false): with it on, the first replica back leads and what it
    /// lacks is lost; with it off, the partition waits for an ISR member.
    /// </summary>
    [Fact]
    public void UncleanElection_AnOutOfSyncReplicaIsElectedAndTheRecordsItLackedAreLost_AndWithItOffThePartitionWaitsOffline()
    {
        var o = Play("unclean-election.yaml");
        output.WriteLine(o.Brief());
        var story = o.InOrder(
            Step("fault", "broker-crash of stretch-broker-3"),
            Step("fault", "broker-crash of stretch-broker-2"),
            Step("isr", "orders-0: the ISR shrinks from {1,2} to {1}"),
            // Broker 2 is restarted at 30 s and recovers its logs until 40 s, so it is back only after broker 1 died.
            Step("repair", "broker-crash of stretch-broker-2"),
            Step("fault", "broker-crash of stretch-broker-1"),
            Step("leader", "orders-0 has no leader"),
            Step("leader", "orders-0 gets a leader again: broker 2", "unclean election of out-of-sync broker 2 (unclean.leader.election.enable)"),
            Step("repair", "broker-crash of stretch-broker-1"),
            Step("truncation", "broker 1 truncates orders-0", "its log diverged from leader 2"),
            Step("lost", "of orders-0", "acknowledged with acks=all) are lost on stretch"));
        var (elected, truncation) = (story[6], story[8]);
        var lost = o.Entries("lost").ToList();
        output.WriteLine($"broker 2 elected at {F(elected.TimeS)} s; {truncation.Text}; lost {o.Result.AckedRecordsLost}");
        Assert.InRange(elected.TimeS, 40, 45);
        // What broker 1 took alone from 20 s to its crash at 32 s was acknowledged (min.insync.replicas=1) and is gone.
        Assert.Equal(truncation.FirstOffset, lost.Min(l => l.FirstOffset));
        Assert.Equal(truncation.LastOffset, lost.Max(l => l.LastOffset));
        Assert.Equal(truncation.Count(), o.Result.AckedRecordsLost);
        Assert.True(o.Result.AckedRecordsLost > 1000, $"lost {o.Result.AckedRecordsLost}");
        Assert.All(lost, l => Assert.Contains(l.Because, s => s.Contains("unclean.leader.election.enable=true let broker 2, which was not in the ISR, lead")));

        var clean = Play("unclean-election.yaml", "topics.orders.unclean.leader.election.enable=false");
        output.WriteLine("---- unclean.leader.election.enable=false ----");
        output.WriteLine(clean.Brief());
        double offline = clean.FirstTime("leader", "orders-0 has no leader");
        double back = clean.FirstTime("leader", "orders-0 gets a leader again: broker 1", "the last in-sync replica, returned");
        output.WriteLine($"offline from {F(offline)} s to {F(back)} s, lost {clean.Result.AckedRecordsLost}");
        Assert.InRange(back, 62, 70);
        Assert.Empty(clean.Matching("leader", "orders-0", "broker 2 at"));
        Assert.Equal(0, clean.Result.AckedRecordsLost);
        Assert.Empty(clean.Entries("lost"));

        // The README's second knob: unclean election stays on, but broker 1 alone may not acknowledge (NOT_ENOUGH_REPLICAS).
        var strict = Play("unclean-election.yaml", "topics.orders.min.insync.replicas=2");
        output.WriteLine($"min.insync.replicas=2: {string.Join("; ", strict.Matching("truncation", "orders-0").Select(t => t.Text))}; lost {strict.Result.AckedRecordsLost}");
        Assert.NotNull(strict.Find("orders-0 gets a leader again: broker 2", "unclean election"));
        Assert.Equal(0, strict.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: broker config <c>replica.lag.time.max.ms</c> ("If a follower hasn't sent any fetch requests or hasn't
    /// consumed up to the leader's log end offset for at least this time, the leader will remove the follower
    /// from isr"); producer config <c>acks</c> (acks=all waits for the full set of in-sync replicas).
    /// </summary>
    [Fact]
    public void IsrShrinkSlowLink_ASlowFollowerSlowsAcksAllUntilItIsShrunkOutOfTheIsr_AndRejoinsAfterTheRepair()
    {
        var watch = new AckLatencyWatch();
        var o = Play("isr-shrink-slow-link.yaml", watch);
        output.WriteLine(o.Brief());
        var story = o.InOrder(
            Step("fault", "link-degradation of a <-> c"),
            Step("isr", "orders-0: the ISR shrinks from {1,2,3} to {1,2}", "broker 3 fell behind (replica.lag.time.max.ms)"),
            Step("repair", "link-degradation of a <-> c"),
            Step("isr", "orders-0: the ISR expands from {1,2} to {1,2,3}", "broker 3 caught up"));
        double shrink = story[1].TimeS, rejoin = story[3].TimeS;
        var before = watch.Between(10, 20);
        var slowed = watch.Between(20, shrink);
        var after = watch.Between(shrink + 1, 60);
        output.WriteLine($"shrink at {F(shrink)} s, rejoin at {F(rejoin)} s; acks=all median before {F(AckLatencyWatch.Median(before))} ms, " +
                         $"while broker 3 was in the ISR {F(AckLatencyWatch.Median(slowed))} ms (max {F(slowed.Max())} ms), after the shrink {F(AckLatencyWatch.Median(after))} ms");
        Assert.InRange(shrink, 25, 60);
        Assert.InRange(rejoin, 60, 75);
        Assert.True(AckLatencyWatch.Median(before) < 30, "acks=all was slow before the link degraded");
        Assert.True(slowed.Max() > 1000, $"acks=all never waited a second for the slow follower (max {slowed.Max()} ms)");
        Assert.True(AckLatencyWatch.Median(after) < 30, $"acks=all stayed slow after broker 3 left the ISR ({AckLatencyWatch.Median(after)} ms)");
        Assert.Empty(o.Entries("fenced"));
        Assert.Equal(0, o.Result.LeaderElections);
        Assert.Equal(0, o.Result.AckedRecordsLost);

        // Kafka's default of 30 s tolerates the sick follower for the whole 40 s degradation: acks=all crawls throughout.
        var patientWatch = new AckLatencyWatch();
        var patient = Play("isr-shrink-slow-link.yaml", patientWatch, "architectures.stretch.broker.replica.lag.time.max.ms=30000");
        var crawl = patientWatch.Between(shrink + 1, 60);
        output.WriteLine($"replica.lag.time.max.ms=30000: shrinks {string.Join(", ", patient.Matching("isr", "orders-0: the ISR shrinks").Select(e => F(e.TimeS)))}; " +
                         $"{crawl.Count} requests acknowledged from {F(shrink + 1)} s to 60 s (against {after.Count}), max {F(crawl.DefaultIfEmpty(0).Max())} ms");
        Assert.DoesNotContain(patient.Matching("isr", "orders-0: the ISR shrinks"), e => e.TimeS < 60);
        Assert.True(crawl.Count < after.Count / 10, $"{crawl.Count} against {after.Count}");
        Assert.Equal(0, patient.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: KIP-595 (a Raft leader, and any metadata change, needs a majority of voters); KIP-631 (only the active
    /// controller fences brokers, elects leaders and changes ISRs); the two-data-centre guidance for stretch
    /// clusters (the site with the voter majority takes the control plane with it; a tie-breaker site avoids it).
    /// </summary>
    [Fact]
    public void StretchQuorumLoss_WithTheVoterMajorityInTheFailedSiteNothingIsDecidedUntilItReturns_AndWithItInTheOtherSiteWritesGoOn()
    {
        var o = Play("stretch-quorum-loss.yaml");
        output.WriteLine(o.Brief());
        var story = o.InOrder(
            Step("fault", "site-outage of a"),
            Step("repair", "site-outage of a"),
            Step("controller", "wins the quorum election"),
            Step("leader", "orders-0: the leader moves from broker 1"));
        Assert.InRange(story[2].TimeS, 60, 65);
        // Voter 7 alone in b cannot win an election: no fencing, no election, no ISR change while a is dark.
        bool During(Sim.Results.TraceEntry e) => e.TimeS > 20 && e.TimeS < 60;
        Assert.DoesNotContain(o.Trace.Entries, e => During(e) && e.Kind is "controller" or "fenced" or "leader" or "isr" && !e.Text.Contains("stops leading"));
        long ackedDuring = o.Sum(r => r.Acked, 25, 55);
        Assert.Equal(0, ackedDuring);
        Assert.Equal(0, o.Result.AckedRecordsLost);

        var survives = Play("stretch-quorum-loss.yaml", "architectures.stretch.controllers={a: 1, b: 2}");
        output.WriteLine("---- voter majority in b ----");
        output.WriteLine(survives.Brief());
        var saved = survives.InOrder(
            Step("fault", "site-outage of a"),
            Step("controller", "wins the quorum election"),
            Step("fenced", "the controller fences broker 1", "broker.session.timeout.ms"),
            Step("leader", "orders-0: the leader moves from broker 1 to broker 3 at epoch 1"),
            Step("isr", "orders-1: the ISR shrinks"),
            Step("repair", "site-outage of a"));
        long ackedSaved = survives.Sum(r => r.Acked, 35, 55);
        output.WriteLine($"majority in a: nothing decided from 20 s to 60 s, 0 records acknowledged 25-55 s; majority in b: controller elected at {F(saved[1].TimeS)} s, " +
                         $"broker 1 fenced at {F(saved[2].TimeS)} s, {ackedSaved} records acknowledged 35-55 s");
        Assert.InRange(saved[1].TimeS, 20, 25);
        Assert.InRange(saved[2].TimeS, 27, 32);
        Assert.True(ackedSaved > 1000, $"{ackedSaved} records acknowledged 35-55 s");
        Assert.Equal(0, survives.Result.AckedRecordsLost);
    }

    /// <summary>
    /// Source: KIP-382 (MirrorCheckpointConnector emits translated group offsets every
    /// <c>emit.checkpoints.interval.seconds</c>; a consumer failing over from a checkpoint re-reads what it consumed
    /// since; translation never passes the true position, so nothing is skipped); asynchronous replication loses
    /// what it had not copied (RPO above zero).
    /// </summary>
    [Fact]
    public void Mm2Failover_ConsumersResumeFromCheckpointsOnTheStandbyAndReprocess_AndTheRecordsNotYetMirroredAreLost()
    {
        var o = Play("mm2-failover.yaml");
        output.WriteLine(o.Brief());
        var story = o.InOrder(
            Step("fault", "site-outage of a"),
            Step("failover", "failover 'failover-a' declares a lost and moves its applications to b"),
            Step("failover", "consumer application 'consumer-c-billing' switches to b"),
            Step("lost", "of orders-0", "acknowledged with acks=all) are lost on a", "survive in a mirror"));
        Assert.InRange(story[1].TimeS - 50, 4, 10);
        var lost = o.Entries("lost").ToList();
        long nowhere = lost.Sum(l => l.Count() - Survivors(l));
        output.WriteLine($"declared at {F(story[1].TimeS)} s; {lost.Sum(l => l.Count())} acknowledged records died with a's page cache, " +
                         $"{nowhere} of them had not been mirrored; {o.Result.Duplicates} redelivered, {o.Result.RecordsSkipped} skipped");
        Assert.All(lost, l => Assert.Contains(l.Because, s => s.Contains("power loss")));
        // Only the newest records, those MirrorMaker 2 had not copied yet (tens of milliseconds of them), exist nowhere.
        Assert.Equal(o.Result.AckedRecordsLost, nowhere);
        Assert.InRange(o.Result.AckedRecordsLost, 1, 1000);
        Assert.True(o.Result.Duplicates > 0, "nothing was redelivered after failing over from a checkpoint");
        Assert.Equal(0, o.Result.RecordsSkipped);

        var often = Play("mm2-failover.yaml", "architectures.active-passive.mirror.emit.checkpoints.interval.seconds=5");
        output.WriteLine($"emit.checkpoints.interval.seconds 20: {o.Result.Duplicates} redelivered; 5: {often.Result.Duplicates} redelivered, {often.Result.RecordsSkipped} skipped");
        Assert.True(often.Result.Duplicates < 0.75 * o.Result.Duplicates, $"{often.Result.Duplicates} against {o.Result.Duplicates}");
        Assert.Equal(0, often.Result.RecordsSkipped);
    }

    /// <summary>
    /// Source: design.html 4.7 (a write is committed when every in-sync replica has it; <c>min.insync.replicas</c>);
    /// KIP-631 (the controller fences a broker whose session expired and elects a new leader from the ISR);
    /// KIP-101/KIP-279 (the old leader truncates its uncommitted tail to the new leader's log); Jepsen's Kafka
    /// analysis (2013) for what happens without these: an isolated leader acknowledging writes that are then discarded.
    /// </summary>
    [Fact]
    public void SplitBrainPrevented_TheIsolatedLeaderCommitsNothingAndTruncatesItsTailOnReturn_AndAcks1WouldHaveLostItsWrites()
    {
        var o = Play("split-brain-prevented.yaml");
        output.WriteLine(o.Brief());
        var story = o.InOrder(
            Step("fault", "network-partition of stretch-broker-1,stretch-controller-4,client-a"),
            Step("controller", "wins the quorum election"),
            Step("fenced", "the controller fences broker 1", "broker.session.timeout.ms"),
            Step("leader", "orders-0: the leader moves from broker 1 to broker 2 at epoch 1"),
            Step("recovered", "producer-b-orders-2 (producer #1, on cluster stretch)", "writes to orders-0 are acknowledged again", "in epoch 1"),
            Step("repair", "network-partition"),
            Step("truncation", "broker 1 truncates orders-0", "its log diverged from leader 2 after epoch 0"));
        var truncation = story[6];
        output.WriteLine($"majority controller at {F(story[1].TimeS)} s, broker 1 fenced at {F(story[2].TimeS)} s, producer b writing to broker 2 again at " +
                         $"{F(story[4].TimeS)} s; {truncation.Text}; lost {o.Result.AckedRecordsLost}");
        Assert.True(story[4].TimeS < 40, "the majority side did not take writes during the partition");
        // One leader per epoch of orders-0 (the invariant checker holds the same line after every event).
        Assert.All(o.Entries("leader").Where(e => e.Partition == "orders-0").GroupBy(e => e.LeaderEpoch), g => Assert.Single(g.Select(e => e.Leader).Distinct()));
        // What broker 1 appended while cut off was never acknowledged, so truncating it loses nothing.
        Assert.Equal(0, o.Result.AckedRecordsLost);
        Assert.Empty(o.Entries("lost"));

        var one = Play("split-brain-prevented.yaml", "workload.producers.0.config.acks=1");
        var oneTruncation = Assert.Single(one.Matching("truncation", "broker 1 truncates orders-0"));
        output.WriteLine($"acks=1 in a: {oneTruncation.Text}; lost {one.Result.AckedRecordsLost}");
        Assert.True(one.Result.AckedRecordsLost > 1000, $"acks=1 lost {one.Result.AckedRecordsLost}");
        Assert.All(one.Entries("lost"), l => Assert.Contains(l.Because, s => s.Contains("acks=1")));
    }

    private static long Survivors(Sim.Results.TraceEntry lost)
    {
        var m = Regex.Match(lost.Text, @"\((\d+) of them survive in a mirror\)");
        return m.Success ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
