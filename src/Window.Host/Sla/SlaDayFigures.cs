using System.Text.Json;
using Window.Storage.Sla;
using Window.Workflows.Calendar;
using Window.Workflows.Sla;

namespace Window.Host.Sla;

/// <summary>
/// A day's SLA tally as the host stores it: the tally (<see cref="SlaDayTally"/>) as JSON, stamped with its format and
/// the working calendar it counted handling time with, tallied from the read model's rows.
/// </summary>
public static class SlaDayFigures
{
    /// <summary>Bumped when what a tally means changes, so that tallies stored by older code are computed again.</summary>
    private const string Format = "2";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stamp a stored tally carries: the tally format and the working calendar it counted handling time with.</summary>
    public static string Stamp(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return $"{Format}:{calendar.Fingerprint}";
    }

    /// <summary>The tally of <paramref name="rows"/>.</summary>
    public static SlaDayTally Tally(SlaDayRows rows, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return SlaDayTally.Of(
            rows.Completed.Select(c => new CompletedCaseFact(c.OpenedAt, c.CompletedAt, c.PromisedBy, c.Trips, c.Evaluation, c.Items, c.Departments, c.Officer)),
            rows.RedChanges.Select(e => new RedChangeFact(e.CaseId, e.Seq, e.ItemId, e.StepId, e.Department, e.PreviousAt, e.CaseItems)),
            calendar);
    }

    /// <summary>The tally as stored.</summary>
    public static string Serialize(SlaDayTally tally) => JsonSerializer.Serialize(tally, Json);

    /// <summary>A stored tally.</summary>
    public static SlaDayTally Deserialize(string json) =>
        JsonSerializer.Deserialize<SlaDayTally>(json, Json) ?? throw new InvalidOperationException("A stored SLA day tally is empty.");
}
