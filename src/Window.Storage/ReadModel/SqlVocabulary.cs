using Window.Contracts;

namespace Window.Storage.ReadModel;

/// <summary>
/// Vocabulary members as SQL literals. The queries compare statuses, lights and kinds as literals, not parameters, because
/// a partial index is only used when a query repeats its WHERE verbatim (SQLite matches the text of the terms); writing
/// them from the members keeps that text while a member's stored string has one definition (Window.Contracts).
/// </summary>
internal static class SqlVocabulary
{
    /// <summary>The member's stored string as a quoted SQL literal: <c>'withdrawn'</c>.</summary>
    public static string Sql(Enum member) => "'" + Stored(member).Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A parenthesised list of literals for <c>IN</c>: <c>('green', 'yellow')</c>.</summary>
    public static string In(params Enum[] members) => "(" + string.Join(", ", members.Select(Sql)) + ")";

    private static string Stored(Enum member) => member switch
    {
        TimelineKind kind => kind.Stored,
        NotificationKind kind => kind.Stored,
        CaseStatusKind status => status.Stored,
        ItemStatusKind status => status.Stored,
        StepStatusKind status => status.Stored,
        MaterialStatusKind status => status.Stored,
        LightKind light => light.Stored,
        OutcomeKind outcome => outcome.Stored,
        _ => throw new ArgumentOutOfRangeException(nameof(member), member, "Not a stored vocabulary."),
    };
}
