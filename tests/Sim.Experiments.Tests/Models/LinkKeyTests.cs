using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sim.Experiments.Models;

namespace Sim.Experiments.Tests.Models;

/// <summary>
/// Link keys: <c>a/b</c> (both ways), <c>a->b</c> (one way) and <c>a-b</c> (both ways, only when exactly one
/// split names two known places), including place names that contain '-' themselves.
/// </summary>
public sealed class LinkKeyTests
{
    private static readonly string[] Simple = ["metro", "a", "b"];
    private static readonly string[] Aws = ["us-east-1", "us-east-1a", "us-east-1b", "us-west-2"];

    private static (string From, string To, bool Bidirectional) Parsed(string key, IReadOnlyCollection<string> places)
    {
        Assert.True(LinkKey.TryParse(key, places, out var from, out var to, out var both, out var error), error);
        Assert.Equal("", error);
        return (from, to, both);
    }

    private static string Rejected(string key, IReadOnlyCollection<string> places)
    {
        Assert.False(LinkKey.TryParse(key, places, out _, out _, out _, out var error));
        Assert.NotEmpty(error);
        return error;
    }

    [Fact]
    public void TryParse_Slash_IsBidirectional()
    {
        Assert.Equal(("a", "b", true), Parsed("a/b", Simple));
    }

    [Fact]
    public void TryParse_Arrow_IsOneWay()
    {
        Assert.Equal(("b", "a", false), Parsed("b->a", Simple));
    }

    [Fact]
    public void TryParse_DashWithOneKnownSplit_IsBidirectional()
    {
        Assert.Equal(("a", "b", true), Parsed("a-b", Simple));
    }

    [Fact]
    public void TryParse_SlashBetweenDashedZoneNames_SplitsAtTheSlash()
    {
        Assert.Equal(("us-east-1a", "us-east-1b", true), Parsed("us-east-1a/us-east-1b", Aws));
    }

    [Fact]
    public void TryParse_ArrowBetweenDashedZoneNames_SplitsAtTheArrowNotAtADash()
    {
        Assert.Equal(("us-east-1a", "us-east-1b", false), Parsed("us-east-1a->us-east-1b", Aws));
    }

    [Theory]
    [InlineData("us-east-1a-us-east-1b", "us-east-1a", "us-east-1b")]
    [InlineData("us-east-1-us-west-2", "us-east-1", "us-west-2")]
    public void TryParse_DashBetweenDashedNamesWithOneKnownSplit_FindsThatSplit(string key, string from, string to)
    {
        // Of the dashes in the key only one separates two known names; the others are inside names.
        Assert.Equal((from, to, true), Parsed(key, Aws));
    }

    [Fact]
    public void TryParse_DashWithTwoKnownSplits_IsRejectedAsAmbiguous()
    {
        var error = Rejected("a-b-c", ["a", "b-c", "a-b", "c"]);

        Assert.Contains("more than one way", error, StringComparison.Ordinal);
        Assert.Contains("'a/b-c'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_DashWithNoKnownSplit_IsRejectedWithTheWaysToWriteALink()
    {
        var error = Rejected("a-b-c", ["a", "b", "c"]);

        Assert.Contains("does not name two known zones or regions", error, StringComparison.Ordinal);
        Assert.Contains("'a->b'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NoSeparatorAtAll_IsRejected()
    {
        Rejected("ab", Simple);
    }

    [Theory]
    [InlineData("a->")]
    [InlineData("->b")]
    [InlineData("a/")]
    [InlineData("/b")]
    [InlineData("/")]
    public void TryParse_EmptySide_IsRejected(string key)
    {
        Assert.Contains("needs a place on each side", Rejected(key, Simple), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SlashWithUnknownNames_LeavesTheCheckToValidation()
    {
        // Slash and arrow keys are split syntactically; whether the names exist is the validator's question.
        Assert.Equal(("x", "y", true), Parsed("x/y", Simple));
    }

    [Fact]
    public void Load_LinkKeysOfEveryForm_ReachTheOptionsWithTheirDirection()
    {
        const string yaml = """
            regions:
              us-east-1:
                zones:
                  us-east-1a: { racks: [r1] }
                  us-east-1b: { racks: [r2] }
                  us-east-1c: { racks: [r3] }
            links:
              us-east-1a/us-east-1b: { rtt: 1ms }
              us-east-1b->us-east-1c: { rtt: 2ms }
              us-east-1a-us-east-1c: { rtt: 3ms }
            """;

        var links = ModelLoader.Load("m.yaml", yaml).Network.Links;

        Assert.Equal(
            [("us-east-1a", "us-east-1b", true), ("us-east-1b", "us-east-1c", false), ("us-east-1a", "us-east-1c", true)],
            links.Select(l => (l.From, l.To, l.Bidirectional)));
        Assert.Equal(["us-east-1a/us-east-1b", "us-east-1b->us-east-1c", "us-east-1a-us-east-1c"], links.Select(l => l.Key));
    }

    // Names of 1-8 letters: no '-', '/' or '>' so every form of key is unambiguous by construction.
    private static Arbitrary<string> Names() =>
        Gen.Elements("abcdefghijklmnopqrstuvwxyz".ToCharArray()).ArrayOf().Where(a => a.Length is > 0 and <= 8).Select(a => new string(a)).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property TryParse_AnyTwoPlainNames_ParseBackInEveryForm()
    {
        return Prop.ForAll(Names(), Names(), (a, b) =>
        {
            string[] places = [a, b];
            bool slash = LinkKey.TryParse($"{a}/{b}", places, out var f1, out var t1, out var both1, out _) && (f1, t1, both1) == (a, b, true);
            bool arrow = LinkKey.TryParse($"{a}->{b}", places, out var f2, out var t2, out var both2, out _) && (f2, t2, both2) == (a, b, false);
            bool dash = LinkKey.TryParse($"{a}-{b}", places, out var f3, out var t3, out var both3, out _) && (f3, t3, both3) == (a, b, true);
            return slash && arrow && dash;
        });
    }
}
