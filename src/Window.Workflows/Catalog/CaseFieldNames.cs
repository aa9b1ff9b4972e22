using System.Text.RegularExpressions;
using Window.Workflows.Conditions;

namespace Window.Workflows.Catalog;

/// <summary>The case-data fields a condition reads, and what a declared field may be called.</summary>
public static partial class CaseFieldNames
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    /// <summary>Whether <paramref name="name"/> can be a field (and so be read by a condition's identifier).</summary>
    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    /// <summary>The distinct fields <paramref name="condition"/> reads, in order of first use; none for no condition.</summary>
    public static IReadOnlyList<string> ReadBy(Condition? condition)
    {
        var names = new List<string>();
        void Walk(Condition? node)
        {
            switch (node)
            {
                case FieldCondition field when !names.Contains(field.Name):
                    names.Add(field.Name);
                    break;
                case NotCondition not:
                    Walk(not.Operand);
                    break;
                case LogicalCondition logical:
                    Walk(logical.Left);
                    Walk(logical.Right);
                    break;
                case CompareCondition compare:
                    Walk(compare.Left);
                    Walk(compare.Right);
                    break;
                case InCondition member:
                    Walk(member.Operand);
                    break;
            }
        }

        Walk(condition);
        return names;
    }
}
