namespace Sim.Core.Metrics;

/// <summary>Count, mean, variance, min and max of a stream of observations (Welford's update), in O(1) memory.</summary>
public struct RunningStatistics
{
    private double _mean;
    private double _m2;

    public long Count { get; private set; }
    public double Min { get; private set; }
    public double Max { get; private set; }
    public double Sum { get; private set; }

    public void Add(double x)
    {
        if (Count == 0) { Min = x; Max = x; }
        else
        {
            if (x < Min) Min = x;
            if (x > Max) Max = x;
        }
        Count++;
        Sum += x;
        double delta = x - _mean;
        _mean += delta / Count;
        _m2 += delta * (x - _mean);
    }

    public readonly double Mean => Count == 0 ? double.NaN : _mean;
    public readonly double Variance => Count < 2 ? double.NaN : _m2 / (Count - 1);
    public readonly double StdDev => Math.Sqrt(Variance);
}
