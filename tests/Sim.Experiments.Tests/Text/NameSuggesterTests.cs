using Sim.Experiments.Text;

namespace Sim.Experiments.Tests.Text;

public sealed class NameSuggesterTests
{
    private static readonly string[] Families = ["constant", "uniform", "exponential", "normal", "lognormal", "pareto", "weibull"];

    [Theory]
    [InlineData("lognormel", "lognormal")]
    [InlineData("expnential", "exponential")]
    [InlineData("nromal", "normal")]      // adjacent transposition counts as one edit
    [InlineData("Pareto", "pareto")]      // case is ignored
    [InlineData("weibul", "weibull")]
    public void Nearest_Typo_ReturnsIntendedName(string input, string expected)
    {
        Assert.Equal(expected, NameSuggester.Nearest(input, Families));
    }

    [Theory]
    [InlineData("gamma")]
    [InlineData("histogram")]
    public void Nearest_NothingClose_ReturnsNull(string input)
    {
        Assert.Null(NameSuggester.Nearest(input, Families));
    }

    [Fact]
    public void Nearest_NoCandidates_ReturnsNull()
    {
        Assert.Null(NameSuggester.Nearest("acks", []));
    }

    [Fact]
    public void Nearest_Tie_ReturnsAlphabeticallyFirstWhateverTheOrder()
    {
        Assert.Equal("bat", NameSuggester.Nearest("cat", ["rat", "bat"]));
        Assert.Equal("bat", NameSuggester.Nearest("cat", ["bat", "rat"]));
    }

    [Fact]
    public void Nearest_CandidateCasing_IsPreserved()
    {
        Assert.Equal("MinInSyncReplicas", NameSuggester.Nearest("mininsyncreplica", ["MinInSyncReplicas", "Acks"]));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ab", "ba", 1)]
    [InlineData("acks", "acks", 0)]
    public void Distance_KnownPairs_GivesEditDistance(string a, string b, int expected)
    {
        Assert.Equal(expected, NameSuggester.Distance(a, b));
    }

    [Fact]
    public void Hint_CloseName_SaysDidYouMean()
    {
        Assert.Equal("did you mean 'lognormal'?", NameSuggester.Hint("lognormel", Families));
    }

    [Fact]
    public void Hint_NothingCloseFewCandidates_ListsThemSorted()
    {
        Assert.Equal("expected one of: a1, b2", NameSuggester.Hint("zzzzzzzz", ["b2", "a1"]));
    }

    [Fact]
    public void Hint_NothingCloseManyCandidates_ReturnsNull()
    {
        var many = Enumerable.Range(0, 13).Select(i => "candidate" + i).ToList();

        Assert.Null(NameSuggester.Hint("zzzzzzzz", many));
    }
}
