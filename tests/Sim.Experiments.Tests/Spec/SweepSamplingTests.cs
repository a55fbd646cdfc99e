using System.Globalization;
using Sim.Core.Time;
using Sim.Experiments.Spec;
using static Sim.Experiments.Tests.Support.ExperimentFiles;
using Sim.Experiments.Text;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// <c>random</c> and <c>latin_hypercube</c> sweeps: <c>samples</c> points drawn over ranges or choices from
/// the sweep stream of the master seed, values written back in the range's own kind (durations with a
/// unit, whole numbers, numbers), Latin hypercube sampling putting one sample in each of the N equal strata
/// of every key, and the same seed always giving the same points.
/// </summary>
public sealed class SweepSamplingTests
{
    private static string Sampled(string kind, int samples, string keys, ulong seed = 1) =>
        Minimal + $"\nseed: {seed}\nsweep:\n  {kind}:\n    samples: {samples}\n    keys:\n" + keys;

    private static string[] Column(ExperimentDefinition d, string key) =>
        d.Points.Select(p => p.Parameters.Single(x => x.Key == key).Value).ToArray();

    private const string RttKey = "network.links.a/b.rtt";

    [Theory]
    [InlineData("random")]
    [InlineData("latin_hypercube")]
    public void Load_Sampling_GivesOnePointPerSample(string kind)
    {
        var d = Load(Sampled(kind, 7, "      network.links.a/b.rtt: { min: 2ms, max: 40ms }\n"));

        Assert.Equal(7, d.Points.Count);
        Assert.Equal([RttKey], d.SweptKeys);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("latin_hypercube")]
    public void Load_DurationRange_WritesDurationsWithUnitsWithinMinAndMax(string kind)
    {
        var d = Load(Sampled(kind, 40, "      network.links.a/b.rtt: { min: 2ms, max: 40ms }\n"));

        Assert.All(Column(d, RttKey), text =>
        {
            // A bare number would be read as milliseconds by .ms keys and rejected by others: the unit must be written.
            Assert.False(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _), text);
            var rtt = DurationText.Parse(text);
            Assert.InRange(rtt.Nanoseconds, SimDuration.FromMilliseconds(2).Nanoseconds, SimDuration.FromMilliseconds(40).Nanoseconds);
        });
    }

    [Fact]
    public void Load_DurationRange_ReachesTheModelsLink()
    {
        var d = Load(Sampled("random", 3, "      network.links.a/b.rtt: { min: 2ms, max: 40ms }\n"));

        Assert.All(d.Points, p =>
        {
            var link = p.Plan.Model.Network.Links.Single(l => l.Key == "a/b");
            Assert.Equal(p.Parameters.Single().Value, link.Profile.Rtt.ToString());
        });
    }

    [Fact]
    public void Load_WholeNumberRange_DrawsWholeNumbersFromMinToMaxInclusive()
    {
        var d = Load(Sampled("random", 40, "      topics.orders.partitions: { min: 2, max: 5 }\n"));

        var values = Column(d, "topics.orders.partitions").Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList();
        Assert.All(values, v => Assert.InRange(v, 2, 5));
        // Forty draws over four values reach both ends (a miss has probability below 1e-4, and the draw is seeded).
        Assert.Contains(2, values);
        Assert.Contains(5, values);
        Assert.Equal(values, d.Points.Select(p => Topic(p, "orders").Partitions));
    }

    [Fact]
    public void Load_NumberRange_DrawsNumbersWithinMinAndMax()
    {
        var d = Load(Sampled("random", 20, "      workload.producers.0.rate: { min: 100.5, max: 200.5 }\n"));

        var rates = Column(d, "workload.producers.0.rate").Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        Assert.All(rates, r => Assert.InRange(r, 100.5, 200.5));
        Assert.Equal(rates, d.Points.Select(p => Producer(p).Workload!.RecordsPerSecond));
    }

    [Fact]
    public void Load_ChoiceList_DrawsOnlyTheListedValues()
    {
        var d = Load(Sampled("random", 30, "      topics.orders.partitions: [2, 4, 8]\n"));

        var values = Column(d, "topics.orders.partitions");
        Assert.All(values, v => Assert.Contains(v, (string[])["2", "4", "8"]));
        Assert.Equal(["2", "4", "8"], values.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_LatinHypercubeOverWholeNumbers_DrawsEachValueOfNStrataExactlyOnce()
    {
        var d = Load(Sampled("latin_hypercube", 10, """
                  topics.orders.partitions: { min: 1, max: 10 }
                  workload.producers.0.keys: { min: 0, max: 9 }

            """));

        // Ten strata over ten whole numbers are one number each, so each column is a permutation.
        Assert.Equal(Enumerable.Range(1, 10), Column(d, "topics.orders.partitions").Select(int.Parse).Order());
        Assert.Equal(Enumerable.Range(0, 10), Column(d, "workload.producers.0.keys").Select(int.Parse).Order());
    }

    [Fact]
    public void Load_LatinHypercubeOverADurationRange_PutsOneSampleInEachStratum()
    {
        var d = Load(Sampled("latin_hypercube", 10, "      network.links.a/b.rtt: { min: 10ms, max: 20ms }\n"));

        // Ten strata of 1 ms each between 10 ms and 20 ms.
        var strata = Column(d, RttKey).Select(v => (int)Math.Floor((DurationText.Parse(v).TotalMilliseconds - 10) / 1.0)).Order();
        Assert.Equal(Enumerable.Range(0, 10), strata);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("latin_hypercube")]
    public void Load_SameSeed_DrawsTheSamePoints(string kind)
    {
        string keys = "      network.links.a/b.rtt: { min: 2ms, max: 40ms }\n      topics.orders.partitions: { min: 1, max: 12 }\n";

        var a = Load(Sampled(kind, 8, keys, seed: 5));
        var b = Load(Sampled(kind, 8, keys, seed: 5));

        Assert.Equal(Column(a, RttKey), Column(b, RttKey));
        Assert.Equal(Column(a, "topics.orders.partitions"), Column(b, "topics.orders.partitions"));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("latin_hypercube")]
    public void Load_AnotherSeed_DrawsOtherPoints(string kind)
    {
        string keys = "      network.links.a/b.rtt: { min: 2ms, max: 40ms }\n";

        var a = Load(Sampled(kind, 8, keys, seed: 5));
        var b = Load(Sampled(kind, 8, keys, seed: 6));

        Assert.NotEqual(Column(a, RttKey), Column(b, RttKey));
    }

    [Fact]
    public void Load_SamplingWithoutSamples_SaysWhatSamplingNeeds()
    {
        string yaml = Minimal + """

            sweep:
              random:
                keys:
                  network.links.a/b.rtt: { min: 2ms, max: 40ms }
            """;

        Expect(yaml, "sampling needs 'samples'", key: "sweep.random", line: LineOf(yaml, "keys:"));
    }

    [Fact]
    public void Load_RangeWithMaxBelowMin_IsAnErrorAtTheKey()
    {
        string yaml = Sampled("random", 3, "      network.links.a/b.rtt: { min: 40ms, max: 2ms }\n");

        Expect(yaml, "max is below min", key: "sweep.random.keys.network.links.a/b.rtt", line: LineOf(yaml, "min: 40ms"));
    }

    [Fact]
    public void Load_RangeOfMixedKinds_SaysWhatARangeTakes()
    {
        string yaml = Sampled("random", 3, "      network.links.a/b.rtt: { min: 2ms, max: fast }\n");

        Expect(yaml, "cannot sample between '2ms' and 'fast'", key: "sweep.random.keys.network.links.a/b.rtt");
    }
}
