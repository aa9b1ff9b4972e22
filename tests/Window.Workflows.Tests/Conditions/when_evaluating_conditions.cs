using Window.Workflows.Conditions;

namespace Window.Workflows.Tests.Conditions;

public class when_evaluating_conditions
{
    private static readonly Dictionary<string, CaseValue> Data = new()
    {
        ["tier"] = CaseValue.Of("B"),
        ["hasHousing"] = CaseValue.False,
        ["age"] = CaseValue.Of(34m),
        ["certified"] = CaseValue.True,
    };

    private static bool Holds(string text)
    {
        var condition = Condition.TryParse(text, out var error);
        Assert.True(condition is not null, error);
        return condition!.IsSatisfiedBy(Data);
    }

    [Theory]
    [InlineData("tier in ['A','B'] and hasHousing == false", true)]
    [InlineData("tier in ['A'] or hasHousing == true", false)]
    [InlineData("tier not in [\"C\", \"D\"]", true)]
    [InlineData("not certified", false)]
    [InlineData("age >= 35 or (age < 40 and certified)", true)]
    [InlineData("age > 30.5", true)]
    [InlineData("tier != 'B'", false)]
    [InlineData("spouse == null", true)]
    [InlineData("spouse == true", false)]
    [InlineData("tier > 3", false)]
    [InlineData("certified and not hasHousing", true)]
    [InlineData("true or missing", true)]
    public void expressions_evaluate_against_case_data(string text, bool expected)
    {
        Assert.Equal(expected, Holds(text));
    }

    [Fact]
    public void and_binds_tighter_than_or()
    {
        Assert.True(Holds("certified or hasHousing and false"));
    }

    [Theory]
    [InlineData("tier in ['A', 'B'", "expected ']'")]
    [InlineData("tier ==", "unexpected end of condition")]
    [InlineData("tier = 'A'", "unexpected character '='")]
    [InlineData("'unterminated", "unterminated string")]
    [InlineData("tier in [hasHousing]", "a list may hold only literals")]
    [InlineData("System.IO.File.Delete('x')", "unexpected '('")]
    [InlineData("", "the condition is empty")]
    [InlineData("a b", "unexpected 'b' at position 3")]
    public void syntax_errors_are_reported_with_a_position_never_executed(string text, string message)
    {
        Assert.Null(Condition.TryParse(text, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
