using System.Globalization;
using System.Text;

namespace Window.Workflows.Conditions;

/// <summary>
/// A parsed step condition in Window's small, safe condition language. Grammar:
/// <code>
/// expr    := and ('or' and)*
/// and     := unary ('and' unary)*
/// unary   := 'not' unary | compare
/// compare := operand (('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') operand | 'not'? 'in' list)?
/// operand := literal | identifier | '(' expr ')'
/// list    := '[' (literal (',' literal)*)? ']'
/// literal := 'text' | "text" | number | true | false | null
/// </code>
/// Identifiers read case data (a missing field is null). Nothing else can be referenced or called.
/// A condition holds when it evaluates to true; any other value (including null) means false.
/// </summary>
public abstract record Condition
{
    /// <summary>Parses <paramref name="text"/>; on failure returns null and a message naming the position.</summary>
    public static Condition? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ConditionParser(text).Parse(out error);
    }

    /// <summary>Whether the condition holds for <paramref name="data"/>.</summary>
    public bool IsSatisfiedBy(IReadOnlyDictionary<string, CaseValue> data) => Evaluate(data) == CaseValue.True;

    /// <summary>Evaluates the expression to a value.</summary>
    public abstract CaseValue Evaluate(IReadOnlyDictionary<string, CaseValue> data);

}

/// <summary>A literal value.</summary>
public sealed record LiteralCondition(CaseValue Value) : Condition
{
    /// <inheritdoc />
    public override CaseValue Evaluate(IReadOnlyDictionary<string, CaseValue> data) => Value;
}

/// <summary>A field of case data.</summary>
public sealed record FieldCondition(string Name) : Condition
{
    /// <inheritdoc />
    public override CaseValue Evaluate(IReadOnlyDictionary<string, CaseValue> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.TryGetValue(Name, out var value) ? value : CaseValue.Null;
    }
}

/// <summary>Logical not; null and non-booleans stay null.</summary>
public sealed record NotCondition(Condition Operand) : Condition
{
    /// <inheritdoc />
    public override CaseValue Evaluate(IReadOnlyDictionary<string, CaseValue> data) =>
        Operand.Evaluate(data) is { Kind: CaseValueKind.Boolean } b ? CaseValue.Of(!b.Flag) : CaseValue.Null;
}

/// <summary>Logical and / or, short-circuiting; a non-boolean operand counts as false.</summary>
public sealed record LogicalCondition(bool IsAnd, Condition Left, Condition Right) : Condition
{
    /// <inheritdoc />
    public override CaseValue Evaluate(IReadOnlyDictionary<string, CaseValue> data)
    {
        var left = Left.Evaluate(data) == CaseValue.True;
        if (IsAnd != left)
        {
            return CaseValue.Of(left);
        }

        return CaseValue.Of(Right.Evaluate(data) == CaseValue.True);
    }
}

/// <summary>A comparison; ordering operators compare numbers only, anything else is false.</summary>
public sealed record CompareCondition(string Operator, Condition Left, Condition Right) : Condition
{
    /// <inheritdoc />
    public override CaseValue Evaluate(IReadOnlyDictionary<string, CaseValue> data)
    {
        var left = Left.Evaluate(data);
        var right = Right.Evaluate(data);
        return CaseValue.Of(Operator switch
        {
            "==" => left == right,
            "!=" => left != right,
            _ when left.Kind != CaseValueKind.Number || right.Kind != CaseValueKind.Number => false,
            "<" => left.Number < right.Number,
            "<=" => left.Number <= right.Number,
            ">" => left.Number > right.Number,
            _ => left.Number >= right.Number,
        });
    }
}

/// <summary>Membership in a literal list (<c>in</c> / <c>not in</c>).</summary>
public sealed record InCondition(Condition Operand, IReadOnlyList<CaseValue> Values, bool Negated) : Condition
{
    /// <inheritdoc />
    public override CaseValue Evaluate(IReadOnlyDictionary<string, CaseValue> data) =>
        CaseValue.Of(Values.Contains(Operand.Evaluate(data)) != Negated);
}

/// <summary>Hand-written tokenizer and recursive-descent parser for <see cref="Condition"/>.</summary>
internal sealed class ConditionParser(string text)
{
    private enum TokenKind
    {
        Identifier,
        Text,
        Number,
        Symbol,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Value, int Position);

    private sealed class SyntaxError(string message) : Exception(message);

    private List<Token> _tokens = [];
    private int _next;

    public Condition? Parse(out string? error)
    {
        try
        {
            _tokens = Tokenize();
            if (_tokens[0].Kind == TokenKind.End)
            {
                throw new SyntaxError("the condition is empty");
            }

            var condition = ParseOr();
            if (Peek.Kind != TokenKind.End)
            {
                throw Unexpected(Peek);
            }

            error = null;
            return condition;
        }
        catch (SyntaxError e)
        {
            error = e.Message;
            return null;
        }
    }

    private Token Peek => _tokens[_next];

    private Token Take() => _tokens[_next++];

    private bool TakeKeyword(string keyword)
    {
        if (Peek.Kind == TokenKind.Identifier && Peek.Value == keyword)
        {
            _next++;
            return true;
        }

        return false;
    }

    private bool TakeSymbol(string symbol)
    {
        if (Peek.Kind == TokenKind.Symbol && Peek.Value == symbol)
        {
            _next++;
            return true;
        }

        return false;
    }

    private void Expect(string symbol)
    {
        if (!TakeSymbol(symbol))
        {
            throw new SyntaxError($"expected '{symbol}' at position {Peek.Position + 1} but found {Describe(Peek)}");
        }
    }

    private Condition ParseOr()
    {
        var left = ParseAnd();
        while (TakeKeyword("or"))
        {
            left = new LogicalCondition(false, left, ParseAnd());
        }

        return left;
    }

    private Condition ParseAnd()
    {
        var left = ParseUnary();
        while (TakeKeyword("and"))
        {
            left = new LogicalCondition(true, left, ParseUnary());
        }

        return left;
    }

    private Condition ParseUnary() => TakeKeyword("not") ? new NotCondition(ParseUnary()) : ParseCompare();

    private Condition ParseCompare()
    {
        var left = ParseOperand();
        if (Peek.Kind == TokenKind.Symbol && Peek.Value is "==" or "!=" or "<" or "<=" or ">" or ">=")
        {
            return new CompareCondition(Take().Value, left, ParseOperand());
        }

        var negated = Peek.Kind == TokenKind.Identifier && Peek.Value == "not"
            && _tokens[_next + 1] is { Kind: TokenKind.Identifier, Value: "in" };
        if (negated)
        {
            _next++;
        }

        return TakeKeyword("in") ? new InCondition(left, ParseList(), negated) : left;
    }

    private List<CaseValue> ParseList()
    {
        Expect("[");
        var values = new List<CaseValue>();
        if (TakeSymbol("]"))
        {
            return values;
        }

        do
        {
            values.Add(ParseOperand() is LiteralCondition literal
                ? literal.Value
                : throw new SyntaxError($"a list may hold only literals (before position {Peek.Position + 1})"));
        }
        while (TakeSymbol(","));

        Expect("]");
        return values;
    }

    private Condition ParseOperand()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new LiteralCondition(CaseValue.Of(token.Value));
            case TokenKind.Number:
                return new LiteralCondition(CaseValue.Of(decimal.Parse(token.Value, CultureInfo.InvariantCulture)));
            case TokenKind.Identifier when token.Value is "true" or "false":
                return new LiteralCondition(CaseValue.Of(token.Value == "true"));
            case TokenKind.Identifier when token.Value == "null":
                return new LiteralCondition(CaseValue.Null);
            case TokenKind.Identifier when token.Value is not ("and" or "or" or "not" or "in"):
                return new FieldCondition(token.Value);
            case TokenKind.Symbol when token.Value == "(":
                var inner = ParseOr();
                Expect(")");
                return inner;
            default:
                throw Unexpected(token);
        }
    }

    private static SyntaxError Unexpected(Token token) =>
        new($"unexpected {Describe(token)} at position {token.Position + 1}");

    private static string Describe(Token token) => token.Kind == TokenKind.End ? "end of condition" : $"'{token.Value}'";

    private List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                if (!decimal.TryParse(text[start..i], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                {
                    throw new SyntaxError($"malformed number '{text[start..i]}' at position {start + 1}");
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
            }
            else if (c is '\'' or '"')
            {
                var start = i++;
                var value = new StringBuilder();
                while (i < text.Length && text[i] != c)
                {
                    value.Append(text[i++]);
                }

                if (i == text.Length)
                {
                    throw new SyntaxError($"unterminated string starting at position {start + 1}");
                }

                i++;
                tokens.Add(new Token(TokenKind.Text, value.ToString(), start));
            }
            else if (i + 1 < text.Length && text.Substring(i, 2) is "==" or "!=" or "<=" or ">=")
            {
                tokens.Add(new Token(TokenKind.Symbol, text.Substring(i, 2), i));
                i += 2;
            }
            else if (c is '<' or '>' or '(' or ')' or '[' or ']' or ',')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), i));
                i++;
            }
            else
            {
                throw new SyntaxError($"unexpected character '{c}' at position {i + 1}");
            }
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }
}
