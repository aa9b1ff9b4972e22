using Window.Storage.ReadModel;
using Window.Testing;

namespace Window.Storage.Tests.ReadModel;

/// <summary>Small, valid projections to vary with <c>with</c>, and a fresh read model per test.</summary>
internal static class Projections
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static async Task<SqlReadModel> ReadModelAsync(DatabaseProvider provider, PostgresServer postgres, TempDirectory folder) =>
        new(await Databases.CreateAsync(provider, postgres, folder));

    public static CaseRow Case(string caseId, long version = 1, string status = "open", string officer = "wang",
        string light = "green", DateTimeOffset? openedAt = null) => new(
        CaseId: caseId,
        Number: "RC-2026-" + caseId,
        TalentId: "talent-" + caseId,
        BundleId: null,
        Status: status,
        Officer: officer,
        OpenedAt: openedAt ?? Monday,
        PromisedBy: new DateOnly(2026, 3, 20),
        WarnAt: null,
        DueAt: null,
        Light: light,
        CompletedAt: null,
        DeliveredAt: null,
        Trips: 1,
        Evaluation: null,
        Version: version);

    public static CaseProjection Projection(CaseRow row, IReadOnlyList<StepRow>? steps = null, IReadOnlyList<EventRow>? events = null,
        IReadOnlyList<CaseItemRow>? items = null, IReadOnlyList<MaterialRow>? materials = null) =>
        new(row, items ?? [], steps ?? [], materials ?? [], events ?? []);

    public static StepRow Step(string caseId, string stepId, string department = "talent-office", string status = "ready",
        DateTimeOffset? readyAt = null, DateTimeOffset? dueAt = null, string itemId = "settle-in") => new(
        CaseId: caseId,
        ItemId: itemId,
        StepId: stepId,
        Department: department,
        Status: status,
        ReadyAt: readyAt ?? Monday,
        WarnAt: dueAt?.AddHours(-4),
        DueAt: dueAt,
        Light: "green",
        ClaimedBy: status == "claimed" ? "li" : null,
        CompletedAt: null,
        Outcome: null);

    public static CaseItemRow Item(string caseId, string itemId) => new(caseId, itemId, 1, "open", null);

    public static EventRow Event(string caseId, int seq, string kind = "accepted", string? detail = null) => new(
        CaseId: caseId,
        Seq: seq,
        At: Monday.AddMinutes(seq),
        Actor: "wang",
        Role: "officer",
        Department: "window",
        Kind: kind,
        ItemId: null,
        StepId: null,
        Detail: detail,
        TraceId: null,
        SpanId: null);
}
