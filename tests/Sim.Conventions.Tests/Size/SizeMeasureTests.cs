namespace Sim.Conventions.Tests.Size;

public class SizeMeasureTests
{
    private static List<SizeFinding> Measure(string code) => SizeMeasure.Members("x.cs", code).ToList();

    [Fact]
    public void Members_BlockBody_CountsFromOpeningToClosingBrace()
    {
        var code = "class C\n{\n    void M()\n    {\n        int a = 1;\n    }\n}\n";
        var m = Assert.Single(Measure(code));
        Assert.Equal("C.M", m.Member);
        Assert.Equal(3, m.Line);
        Assert.Equal(3, m.Lines);
    }

    [Fact]
    public void Members_BracesInStringsAndComments_DoNotCount()
    {
        var code = "class C\n{\n    string M()\n    {\n        // }}}\n        /* { */\n        return $\"{{ {1} }}\" + \"}\";\n    }\n}\n";
        Assert.Equal(5, Assert.Single(Measure(code)).Lines);
    }

    [Fact]
    public void Members_ConstructorsAccessorsAndLocalFunctions_AreMeasuredEachOnTheirOwn()
    {
        var code = "class C\n{\n    C() { }\n    int P { get { return 1; } }\n    void M()\n    {\n        int L()\n        {\n            return 2;\n        }\n    }\n}\n";
        var names = Measure(code).Select(m => m.Member).ToList();
        Assert.Equal(["C.C", "C.P.get", "C.M", "C.M.L"], names);
    }

    [Fact]
    public void Members_ExpressionBody_CountsItsLines()
    {
        var code = "class C\n{\n    int M() =>\n        1 +\n        2;\n}\n";
        Assert.Equal(3, Assert.Single(Measure(code)).Lines);
    }

    [Fact]
    public void FileLines_CountsALastLineWithoutNewline()
    {
        Assert.Equal(2, SizeMeasure.FileLines("a\nb"));
        Assert.Equal(2, SizeMeasure.FileLines("a\nb\n"));
        Assert.Equal(0, SizeMeasure.FileLines(""));
    }
}
