namespace Window.Storage.ReadModel;

/// <summary>
/// <see cref="IReadModel"/> as one object: the projection writer and the queries, each a class of its own, behind the
/// interface consumers took before the split. See README.md beside this file for the tables and what each index serves.
/// </summary>
/// <param name="database">Where the read model lives.</param>
/// <param name="timeProvider">The clock (it only stamps talent registrations).</param>
/// <param name="commit">How projections commit on PostgreSQL.</param>
public sealed class SqlReadModel(WindowDatabase database, TimeProvider timeProvider, ProjectionCommit commit) : IReadModel
{
    /// <inheritdoc cref="CaseSearch.MaxCounted"/>
    public const int MaxCounted = CaseSearch.MaxCounted;

    private readonly CaseProjectionWriter writer = new(database, commit);
    private readonly DepartmentQueue queue = new(database);
    private readonly CaseSearch search = new(database);
    private readonly Workload workload = new(database);
    private readonly TalentRegistry talents = new(database, timeProvider);
    private readonly Attention attention = new(database);

    /// <summary>A read model on the system clock (the clock only stamps talent registrations), committing durably.</summary>
    public SqlReadModel(WindowDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    /// <summary>A read model whose projections commit durably.</summary>
    public SqlReadModel(WindowDatabase database, TimeProvider timeProvider)
        : this(database, timeProvider, ProjectionCommit.Durable)
    {
    }

    /// <inheritdoc />
    public Task<bool> ApplyAsync(CaseProjection projection, CancellationToken cancellationToken = default) =>
        writer.ApplyAsync(projection, cancellationToken);

    /// <inheritdoc />
    public Task<long?> VersionOfAsync(string caseId, CancellationToken cancellationToken = default) =>
        writer.VersionOfAsync(caseId, cancellationToken);

    /// <inheritdoc />
    public Task<PageOf<QueueEntry>> DepartmentQueueAsync(QueueQuery query, CancellationToken cancellationToken = default) =>
        queue.DepartmentQueueAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OpenStepCount>> OpenStepCountsAsync(CancellationToken cancellationToken = default) =>
        queue.OpenStepCountsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<PageOf<CaseRow>> SearchCasesAsync(CaseFilter filter, CancellationToken cancellationToken = default) =>
        search.SearchCasesAsync(filter, cancellationToken);

    /// <inheritdoc />
    public Task<CaseListDetails> DetailsAsync(IReadOnlyCollection<string> caseIds, CancellationToken cancellationToken = default) =>
        search.DetailsAsync(caseIds, cancellationToken);

    /// <inheritdoc />
    public Task<string?> CaseIdByNumberAsync(string number, CancellationToken cancellationToken = default) =>
        search.CaseIdByNumberAsync(number, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> OpenCasesPerOfficerAsync(CancellationToken cancellationToken = default) =>
        workload.OpenCasesPerOfficerAsync(cancellationToken);

    /// <inheritdoc />
    public Task<string> FindOrRegisterTalentAsync(string idNumberHash, string candidateTalentId, CancellationToken cancellationToken = default) =>
        talents.FindOrRegisterTalentAsync(idNumberHash, candidateTalentId, cancellationToken);

    /// <inheritdoc />
    public Task<string?> FindTalentAsync(string idNumberHash, CancellationToken cancellationToken = default) =>
        talents.FindTalentAsync(idNumberHash, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CaseAttention>> CasesNeedingAttentionAsync(DateTimeOffset now, int limit = 500, CancellationToken cancellationToken = default) =>
        attention.CasesNeedingAttentionAsync(now, limit, cancellationToken);

    /// <summary>Everything stored about one case (children in key order), or <see langword="null"/>.</summary>
    internal Task<CaseProjection?> ReadProjectionAsync(string caseId, CancellationToken cancellationToken = default) =>
        writer.ReadProjectionAsync(caseId, cancellationToken);
}
