using Window.Storage.Sla;
using Window.Workflows.Calendar;

namespace Window.Host.Sla;

/// <summary>The administrators' and supervisors' warning that next year's calendar is not published.</summary>
/// <param name="Year">The unpublished year.</param>
/// <param name="OpenCases">Open cases whose dates are counted through a provisional year.</param>
public sealed record ProvisionalYearWarning(int Year, int OpenCases);

/// <summary>
/// Whether to warn that next year is unpublished: from October 1 (the State Council's notice usually comes in
/// November), while next year has no published calendar, with the count of open cases relying on provisional dates. The
/// current year, if it was never published, is warned about all year. The count is one read-model query, cached for <see cref="CacheFor"/> since every page of those roles shows it.
/// </summary>
public sealed class ProvisionalCases(SqlCalendarRecounts recounts, CalendarYears calendar, TimeProvider time)
{
    /// <summary>How long a count is served before it is read again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    /// <summary>The month from which next year's missing calendar is worth a banner.</summary>
    public const int WarnFromMonth = 10;

    private (DateTimeOffset At, int Count)? cached;

    /// <summary>The warning to show today, or null.</summary>
    public async Task<ProvisionalYearWarning?> WarningAsync(CancellationToken cancellationToken = default)
    {
        await calendar.EnsureLoadedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var today = OfficeTime.DateOf(now);
        // This year unpublished (the notice never came) is warned about all year; next year from October.
        int year;
        if (calendar.Calendar.IsProvisional(today.Year))
        {
            year = today.Year;
        }
        else if (today.Month >= WarnFromMonth && calendar.Calendar.IsProvisional(today.Year + 1))
        {
            year = today.Year + 1;
        }
        else
        {
            return null;
        }

        if (cached is not { } hit || now - hit.At >= CacheFor || now < hit.At)
        {
            hit = (now, await recounts.OpenCasesOnProvisionalDatesAsync(cancellationToken));
            cached = hit;
        }

        return new ProvisionalYearWarning(year, hit.Count);
    }
}
