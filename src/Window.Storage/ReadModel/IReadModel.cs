namespace Window.Storage.ReadModel;

/// <summary>
/// The queryable side of Window (Orleans grain state is not queryable): cases, items, steps, materials and
/// journal events in the same database as the grain state, with indexes for the queues, search and dashboards.
/// </summary>
public interface IReadModel
{
    /// <summary>
    /// Writes a case's projection in one transaction when its version is newer than the stored one; returns
    /// <see langword="false"/> (and changes nothing but missing events) when the stored version is the same or
    /// newer. Events are immutable: those already stored (by case and seq) are kept, new ones added.
    /// </summary>
    Task<bool> ApplyAsync(CaseProjection projection, CancellationToken cancellationToken = default);

    /// <summary>The stored version of a case's projection, or <see langword="null"/> when there is none.</summary>
    Task<long?> VersionOfAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The steps ready or claimed for a department, of cases not withdrawn, most urgent first: earliest due
    /// first, steps without a due instant (paused) after them, then by ready time, then by case number.
    /// <paramref name="limit"/> is clamped to 1..1000.
    /// </summary>
    Task<IReadOnlyList<QueueEntry>> DepartmentQueueAsync(string department, int limit = 200, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cases matching the filter, newest first (by opened instant, then case id), one page of them, and how many matched:
    /// counted up to a cap, past which the total is a lower bound (<see cref="PageOf{T}.TotalIsLowerBound"/>).
    /// </summary>
    Task<PageOf<CaseRow>> SearchCasesAsync(CaseFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The case id for a receipt number, or <see langword="null"/>.</summary>
    Task<string?> CaseIdByNumberAsync(string number, CancellationToken cancellationToken = default);

    /// <summary>How many cases each officer holds open (status open or completed but not yet delivered).</summary>
    Task<IReadOnlyDictionary<string, int>> OpenCasesPerOfficerAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The talent id registered for a keyed hash of an ID number; registers <paramref name="candidateTalentId"/>
    /// when there is none. Concurrent calls with the same hash all get the same id.
    /// </summary>
    Task<string> FindOrRegisterTalentAsync(string idNumberHash, string candidateTalentId, CancellationToken cancellationToken = default);

    /// <summary>The talent id registered for a keyed hash of an ID number, or <see langword="null"/>; registers nothing.</summary>
    Task<string?> FindTalentAsync(string idNumberHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cases whose stored deadlines have passed without the stored light showing it: steps green past their warning
    /// instant, green or yellow past their due instant, waits past their end; open cases likewise. Most overdue first
    /// (by the earliest such instant), at most <paramref name="limit"/> (clamped to 1..5000). Read from stored data, so a
    /// deadline that passed while no host ran is found at the first look after start.
    /// </summary>
    Task<IReadOnlyList<CaseAttention>> CasesNeedingAttentionAsync(DateTimeOffset now, int limit = 500, CancellationToken cancellationToken = default);
}
