using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PromptLint.CodeFixes.Syntax;

/// <summary>Edits of object initializers that the code fixes share.</summary>
internal static class ObjectInitializers
{
    /// <summary>
    /// Adds a member assignment at the end of an object creation's initializer, creating the initializer when there
    /// is none: <c>new X()</c> becomes <c>new X { A = 1 }</c>, <c>new()</c> becomes <c>new() { A = 1 }</c>.
    /// </summary>
    public static BaseObjectCreationExpressionSyntax AddMember(BaseObjectCreationExpressionSyntax creation, ExpressionSyntax assignment)
    {
        if (creation.Initializer is { } initializer)
        {
            var expressions = initializer.Expressions;
            var separators = expressions.GetSeparators().ToList();
            if (expressions.Count > 0 && separators.Count < expressions.Count)
                separators.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space));
            return creation.WithInitializer(initializer.WithExpressions(SeparatedList(expressions.Add(assignment), separators)));
        }

        var created = InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList(assignment));
        return creation switch
        {
            ObjectCreationExpressionSyntax { ArgumentList: null or { Arguments.Count: 0 } } explicitNew => explicitNew
                .WithType(explicitNew.Type.WithTrailingTrivia(Space))
                .WithArgumentList(null)
                .WithInitializer(created),
            _ => creation.WithArgumentList(creation.ArgumentList?.WithTrailingTrivia(Space)).WithInitializer(created),
        };
    }
}
