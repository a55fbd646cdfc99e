using HdrHistogram;
using Sim.Core.Time;

namespace Sim.Architectures.Metrics;

/// <summary>
/// The fault samples of hybrid fidelity (<see cref="LatencyProbe"/>): a run of a year has dozens, each with its own
/// histograms (of all sites and of each), and each histogram's counts take about 188 KB on the large-object heap. Once a
/// sample is finished (the acknowledgements have passed it) only its recorded values and their counts are read, so they
/// are kept as two short arrays (<see cref="RecordedCounts"/>) and its histograms, emptied, fill the next sample.
/// </summary>
public sealed partial class LatencyProbe
{
    // Histograms of finished fault samples, emptied, for the next sample to take.
    private readonly Stack<LongHistogram> _spareHistograms = new();

    /// <summary>The latencies just before a span skipped while a fault holds, and the weight that span gives them.</summary>
    private sealed class FaultSample(SimTime from, SimTime to, double weight)
    {
        public SimTime From => from;
        public SimTime To => to;
        public double Weight => weight;

        // While the sample fills: its histograms (created at their first value); once finished, their recorded counts.
        private LongHistogram? _all;
        private SortedDictionary<string, LongHistogram>? _bySite;
        private RecordedCounts? _allCounts;
        private SortedDictionary<string, RecordedCounts>? _countsBySite;
        private bool _finished;

        public void Record(string site, long us, Stack<LongHistogram> spares)
        {
            (_all ??= Take(spares)).RecordValue(us);
            _bySite ??= new SortedDictionary<string, LongHistogram>(StringComparer.Ordinal);
            if (!_bySite.TryGetValue(site, out var h)) _bySite[site] = h = Take(spares);
            h.RecordValue(us);
        }

        private static LongHistogram Take(Stack<LongHistogram> spares) => spares.Count > 0 ? spares.Pop() : LazyHistogram.New();

        /// <summary>The latencies recorded (0 when none was).</summary>
        public long TotalCount => _finished ? _allCounts?.TotalCount ?? 0 : LazyHistogram.Count(_all);

        /// <summary>The recorded values of all sites (<paramref name="site"/> null) or of one; null when it recorded none.</summary>
        public RecordedCounts? Counts(string? site)
        {
            if (_finished) return site is null ? _allCounts : _countsBySite?.GetValueOrDefault(site);
            var h = site is null ? _all : _bySite?.GetValueOrDefault(site);
            return h is null ? null : RecordedCounts.Of(h);
        }

        /// <summary>Nothing more is recorded: the counts are kept, the histograms emptied and given back to <paramref name="spares"/>.</summary>
        public void Finish(Stack<LongHistogram> spares)
        {
            if (_finished) return;
            _finished = true;
            if (_all is not null)
            {
                _allCounts = RecordedCounts.Of(_all);
                Give(_all, spares);
                _all = null;
            }
            if (_bySite is null) return;
            _countsBySite = new SortedDictionary<string, RecordedCounts>(StringComparer.Ordinal);
            foreach (var (site, h) in _bySite)
            {
                _countsBySite[site] = RecordedCounts.Of(h);
                Give(h, spares);
            }
            _bySite = null;
        }

        private static void Give(LongHistogram h, Stack<LongHistogram> spares)
        {
            h.Reset();
            spares.Push(h);
        }
    }
}

/// <summary>
/// A histogram's recorded values (<see cref="HistogramBase.RecordedValues"/>: each non-empty bucket's highest equivalent
/// value) and their counts, in increasing order, with its total count: all a weighted percentile reads of it.
/// </summary>
internal sealed class RecordedCounts
{
    private RecordedCounts(long[] values, long[] counts, long totalCount) => (Values, Counts, TotalCount) = (values, counts, totalCount);

    public long[] Values { get; }
    public long[] Counts { get; }
    public long TotalCount { get; }

    public static RecordedCounts Of(HistogramBase h)
    {
        var values = new List<long>();
        var counts = new List<long>();
        foreach (var v in h.RecordedValues())
        {
            values.Add(v.ValueIteratedTo);
            counts.Add(v.CountAtValueIteratedTo);
        }
        return new RecordedCounts([.. values], [.. counts], h.TotalCount);
    }
}
