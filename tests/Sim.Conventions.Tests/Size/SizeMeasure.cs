using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sim.Conventions.Tests.Size;

/// <summary>One member body (or file) over its limit: where it is and how long it is.</summary>
public sealed record SizeFinding(string File, int Line, string Member, int Lines)
{
    public override string ToString() => Member.Length == 0
        ? $"{File}: {Lines} lines"
        : $"{File}:{Line} {Member}: body of {Lines} lines";
}

/// <summary>
/// Measures C# source with Roslyn's syntax tree, so braces in strings, comments and interpolations
/// never confuse it. A body is measured from its first to its last line inclusive: the braces of a
/// block body, or the <c>=&gt;</c> clause of an expression body.
/// </summary>
public static class SizeMeasure
{
    /// <summary>Lines in the file, counting a last line without a newline.</summary>
    public static int FileLines(string text)
    {
        if (text.Length == 0) return 0;
        int lines = text.Count(c => c == '\n');
        return text[^1] == '\n' ? lines : lines + 1;
    }

    /// <summary>Every method, constructor, destructor, operator, accessor, local function and expression-bodied property or indexer, with its body's length in lines.</summary>
    public static IEnumerable<SizeFinding> Members(string file, string text)
    {
        var root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview), path: file).GetRoot();
        foreach (var node in root.DescendantNodes())
        {
            var (body, name) = node switch
            {
                BaseMethodDeclarationSyntax m => ((SyntaxNode?)m.Body ?? m.ExpressionBody, $"{TypeOf(m)}.{NameOf(m)}"),
                AccessorDeclarationSyntax a => ((SyntaxNode?)a.Body ?? a.ExpressionBody, $"{TypeOf(a)}.{OwnerOf(a)}.{a.Keyword.ValueText}"),
                LocalFunctionStatementSyntax l => ((SyntaxNode?)l.Body ?? l.ExpressionBody, $"{TypeOf(l)}.{EnclosingMember(l)}.{l.Identifier.ValueText}"),
                BasePropertyDeclarationSyntax p when ExpressionBodyOf(p) is { } e => (e, $"{TypeOf(p)}.{OwnerName(p)}"),
                _ => ((SyntaxNode?)null, ""),
            };
            if (body is null) continue;
            var span = body.GetLocation().GetLineSpan();
            int lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
            yield return new SizeFinding(file, node.GetLocation().GetLineSpan().StartLinePosition.Line + 1, name, lines);
        }
    }

    private static ArrowExpressionClauseSyntax? ExpressionBodyOf(BasePropertyDeclarationSyntax p) => p switch
    {
        PropertyDeclarationSyntax prop => prop.ExpressionBody,
        IndexerDeclarationSyntax indexer => indexer.ExpressionBody,
        _ => null,
    };

    private static string TypeOf(SyntaxNode node) =>
        node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? "";

    private static string NameOf(BaseMethodDeclarationSyntax m) => m switch
    {
        MethodDeclarationSyntax x => x.Identifier.ValueText,
        ConstructorDeclarationSyntax x => x.Identifier.ValueText,
        DestructorDeclarationSyntax x => "~" + x.Identifier.ValueText,
        OperatorDeclarationSyntax x => "operator " + x.OperatorToken.ValueText,
        ConversionOperatorDeclarationSyntax x => "operator " + x.Type,
        _ => m.Kind().ToString(),
    };

    private static string OwnerOf(AccessorDeclarationSyntax a) =>
        a.Ancestors().OfType<BasePropertyDeclarationSyntax>().FirstOrDefault() is { } p ? OwnerName(p) : "";

    private static string OwnerName(BasePropertyDeclarationSyntax p) => p switch
    {
        PropertyDeclarationSyntax x => x.Identifier.ValueText,
        EventDeclarationSyntax x => x.Identifier.ValueText,
        IndexerDeclarationSyntax => "this[]",
        _ => p.Kind().ToString(),
    };

    private static string EnclosingMember(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax) switch
        {
            BaseMethodDeclarationSyntax m => NameOf(m),
            AccessorDeclarationSyntax a => OwnerOf(a) + "." + a.Keyword.ValueText,
            _ => "",
        };
}
