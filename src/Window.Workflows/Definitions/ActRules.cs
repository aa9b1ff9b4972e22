namespace Window.Workflows.Definitions;

/// <summary>
/// How an item's administrative acts are bounded (Administrative Licensing Law): how many working days the statutory
/// limit may be extended by (art. 42: 10 by default), how many working days a talent has to bring what a return for
/// supplement asks for, and whether suspension and termination wait for a supervisor's approval.
/// </summary>
/// <param name="ExtensionDays">The most working days all extensions of a case together may add to the statutory limit.</param>
/// <param name="SupplementDays">The default supplement period of a return (补正), in working days.</param>
/// <param name="ActsNeedApproval">Whether suspension (中止) and termination (终止) take effect only once a supervisor approves.</param>
public sealed record ActRules(int ExtensionDays, int SupplementDays, bool ActsNeedApproval)
{
    /// <summary>Art. 42's ten working days, five working days to supplement, no approval of suspension or termination.</summary>
    public static readonly ActRules Default = new(10, 5, false);

    /// <summary>The last day of a return made on <paramref name="day"/> that named none: <see cref="SupplementDays"/> working days on.</summary>
    public DateOnly SupplementDue(Calendar.WorkingCalendar calendar, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(day, SupplementDays);
    }
}
