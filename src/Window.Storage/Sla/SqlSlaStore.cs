namespace Window.Storage.Sla;

/// <summary>
/// SLA supervision's storage as one object, for consumers that took it whole before it was split by responsibility:
/// <see cref="Outbox"/>, <see cref="Inbox"/>, <see cref="Rectifications"/>, <see cref="LitCounts"/>, <see cref="SlaRollups"/>,
/// <see cref="SlaTrend"/>, <see cref="SlaBreaches"/> and <see cref="CalendarYearStore"/>. A new consumer takes the part it needs.
/// </summary>
public sealed class SqlSlaStore(WindowDatabase database) : IOutbox, IInbox, IRectifications, ICalendarYearStore
{
    private readonly Outbox outbox = new(database);
    private readonly Inbox inbox = new(database);
    private readonly Rectifications rectifications = new(database);
    private readonly LitCounts lit = new(database);
    private readonly SlaRollups rollups = new(database);
    private readonly SlaTrend trend = new(database);
    private readonly SlaBreaches breaches = new(database);
    private readonly CalendarYearStore calendarYears = new(database);
    private readonly SlaOfficers officers = new(database);
    private readonly PoorRatings poorRatings = new(database);

    /// <inheritdoc cref="Outbox.PendingNotificationsAsync"/>
    public Task<IReadOnlyList<PendingNotification>> PendingNotificationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        outbox.PendingNotificationsAsync(now, limit, cancellationToken);

    /// <inheritdoc cref="Outbox.TryClaimAsync"/>
    public Task<bool> TryClaimAsync(string caseId, int seq, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        outbox.TryClaimAsync(caseId, seq, now, until, cancellationToken);

    /// <inheritdoc cref="Outbox.DeliveredToAsync"/>
    public Task<IReadOnlySet<string>> DeliveredToAsync(string caseId, int seq, CancellationToken cancellationToken = default) =>
        outbox.DeliveredToAsync(caseId, seq, cancellationToken);

    /// <inheritdoc cref="Outbox.RecordDeliveryAsync"/>
    public Task RecordDeliveryAsync(string caseId, int seq, string recipient, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        outbox.RecordDeliveryAsync(caseId, seq, recipient, now, cancellationToken);

    /// <inheritdoc cref="Outbox.CompleteAsync"/>
    public Task CompleteAsync(string caseId, int seq, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        outbox.CompleteAsync(caseId, seq, now, cancellationToken);

    /// <inheritdoc cref="Outbox.ReleaseAsync"/>
    public Task ReleaseAsync(string caseId, int seq, CancellationToken cancellationToken = default) =>
        outbox.ReleaseAsync(caseId, seq, cancellationToken);

    /// <inheritdoc cref="Inbox.InsertInboxAsync"/>
    public Task<bool> InsertInboxAsync(InboxEntry entry, CancellationToken cancellationToken = default) =>
        inbox.InsertInboxAsync(entry, cancellationToken);

    /// <inheritdoc cref="Inbox.InboxPageAsync"/>
    public Task<(IReadOnlyList<InboxEntry> Entries, int Unread, long Total)> InboxPageAsync(
        string recipient, int limit, long? before, CancellationToken cancellationToken = default) =>
        inbox.InboxPageAsync(recipient, limit, before, cancellationToken);

    /// <inheritdoc cref="Inbox.InboxAsync"/>
    public Task<(IReadOnlyList<InboxEntry> Entries, int Unread)> InboxAsync(string recipient, int limit, CancellationToken cancellationToken = default) =>
        inbox.InboxAsync(recipient, limit, cancellationToken);

    /// <inheritdoc cref="Inbox.MarkReadAsync"/>
    public Task<bool> MarkReadAsync(string recipient, long id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inbox.MarkReadAsync(recipient, id, now, cancellationToken);

    /// <inheritdoc cref="Rectifications.OpenRectificationAsync"/>
    public Task OpenRectificationAsync(string caseId, DateOnly dueOn, DateTimeOffset warnAt, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        rectifications.OpenRectificationAsync(caseId, dueOn, warnAt, dueAt, cancellationToken);

    /// <inheritdoc cref="Rectifications.AdvanceRectificationsAsync"/>
    public Task<IReadOnlyList<RectificationChange>> AdvanceRectificationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        rectifications.AdvanceRectificationsAsync(now, limit, cancellationToken);

    /// <inheritdoc cref="Rectifications.RectificationLightAsync"/>
    public Task<string?> RectificationLightAsync(string caseId, CancellationToken cancellationToken = default) =>
        rectifications.RectificationLightAsync(caseId, cancellationToken);

    /// <inheritdoc cref="Rectifications.ListAsync"/>
    public Task<(IReadOnlyList<RectificationRow> Items, int Total)> ListRectificationsAsync(
        string? status, string? officer, int page, int pageSize, CancellationToken cancellationToken = default) =>
        rectifications.ListAsync(status, officer, page, pageSize, cancellationToken);

    /// <inheritdoc cref="LitCounts.LitStepsAsync"/>
    public Task<IReadOnlyList<LitSteps>> LitStepsAsync(CancellationToken cancellationToken = default) =>
        lit.LitStepsAsync(cancellationToken);

    /// <inheritdoc cref="LitCounts.FoldLitStepsAsync"/>
    public Task<int> FoldLitStepsAsync(CancellationToken cancellationToken = default) =>
        lit.FoldLitStepsAsync(cancellationToken);

    /// <inheritdoc cref="LitCounts.RedCasesNowAsync"/>
    public Task<IReadOnlyList<RedCases>> RedCasesNowAsync(CancellationToken cancellationToken = default) =>
        lit.RedCasesNowAsync(cancellationToken);

    /// <inheritdoc cref="SlaRollups.DayRowsAsync"/>
    public Task<SlaDayRows> DayRowsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        rollups.DayRowsAsync(from, to, cancellationToken);

    /// <inheritdoc cref="SlaRollups.StoredDaysAsync"/>
    public Task<IReadOnlyList<StoredSlaDay>> StoredDaysAsync(DateOnly from, DateOnly to, bool figures = true, CancellationToken cancellationToken = default) =>
        rollups.StoredDaysAsync(from, to, figures, cancellationToken);

    /// <inheritdoc cref="SlaRollups.RollUpAsync"/>
    public Task<IReadOnlyDictionary<DateOnly, string>> RollUpAsync( IReadOnlyList<SlaDay> days, string calendar, DateTimeOffset now, Func<SlaDay, SlaDayRows, string> tally, CancellationToken cancellationToken = default) =>
        rollups.RollUpAsync(days, calendar, now, tally, cancellationToken);

    /// <inheritdoc cref="SlaRollups.CompletedCasesAsync"/>
    public Task<IReadOnlyList<CompletedCase>> CompletedCasesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        rollups.CompletedCasesAsync(from, to, cancellationToken);

    /// <inheritdoc cref="SlaRollups.RedChangesAsync"/>
    public Task<IReadOnlyList<RedChange>> RedChangesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        rollups.RedChangesAsync(from, to, cancellationToken);

    /// <inheritdoc cref="SlaTrend.OpenedAsync"/>
    public Task<IReadOnlyList<DateTimeOffset>> OpenedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        trend.OpenedAsync(from, to, cancellationToken);

    /// <inheritdoc cref="SlaTrend.CompletionsAsync"/>
    public Task<IReadOnlyList<(DateTimeOffset CompletedAt, DateOnly PromisedBy)>> CompletionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        trend.CompletionsAsync(from, to, cancellationToken);

    /// <inheritdoc cref="SlaBreaches.PageAsync"/>
    public Task<(IReadOnlyList<Breach> Items, long Total)> BreachesAsync(int offset, int limit, CancellationToken cancellationToken = default) =>
        breaches.PageAsync(offset, limit, cancellationToken);

    /// <inheritdoc cref="CalendarYearStore.SaveCalendarYearAsync"/>
    public Task SaveCalendarYearAsync(StoredCalendarYear year, string by, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        calendarYears.SaveCalendarYearAsync(year, by, now, cancellationToken);

    /// <inheritdoc cref="CalendarYearStore.CalendarYearsAsync"/>
    public Task<IReadOnlyList<StoredCalendarYear>> CalendarYearsAsync(CancellationToken cancellationToken = default) =>
        calendarYears.CalendarYearsAsync(cancellationToken);

    /// <inheritdoc cref="SlaOfficers.OpenAsync"/>
    public Task<IReadOnlyList<OfficerOpenCases>> OpenByOfficerAsync(CancellationToken cancellationToken = default) =>
        officers.OpenAsync(cancellationToken);

    /// <inheritdoc cref="SlaBreaches.RedOpenStepsAsync"/>
    public Task<IReadOnlyList<Breach>> RedOpenStepsAsync(CancellationToken cancellationToken = default) => breaches.RedOpenStepsAsync(cancellationToken);

    /// <inheritdoc cref="PoorRatings.InPeriodAsync"/>
    public Task<IReadOnlyList<PoorRating>> PoorRatingsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        poorRatings.InPeriodAsync(from, to, cancellationToken);
}
