namespace Window.Host.Documents;

/// <summary>
/// One kind of official document: <see cref="Id"/> names it (stored, in its template's file name
/// <c>Templates/{Id}.json</c> and in <c>Window:Documents:Prefixes:{Id}</c>); <see cref="Act"/> is the stored timeline kind
/// of the act that issues it; <see cref="Prefix"/> is the number's prefix unless configuration gives another.
/// </summary>
public sealed record DocumentKind(string Id, string Act, string Prefix);

/// <summary>
/// The kinds of documents Window issues. A new kind is its template (<c>Templates/{id}.json</c>, Chinese first, English
/// too) and one line here; the act's timeline kind must also join the partial index <c>window_case_events_acts</c> in
/// the kind's migration so that the sweep finds its acts quickly.
/// </summary>
public static class DocumentKinds
{
    /// <summary>受理通知书 / 受理回执: the window accepted the case.</summary>
    public const string Acceptance = "acceptance";

    /// <summary>补正告知书: a department returned a step for supplement.</summary>
    public const string Supplement = "supplement";

    /// <summary>办结通知书: every item is decided.</summary>
    public const string Completion = "completion";

    /// <summary>
    /// 不予受理决定书: the window refused an application (issue 20). A refusal is no case and has no journal: its act
    /// kind names no timeline entry, so the case sweep never finds one; <c>RefusalService</c> issues it with the refusal.
    /// </summary>
    public const string Refusal = "refusal";

    /// <summary>Every registered kind, one line each.</summary>
    public static IReadOnlyList<DocumentKind> All { get; } =
    [
        new(Acceptance, "accepted", "衢人才受"),
        new(Supplement, "step-returned", "衢人才补"),
        new(Completion, "case-completed", "衢人才结"),
        new("extension", "extension-approved", "衢人才延"),
        new("suspension", "suspended", "衢人才止"),
        new("termination", "terminated", "衢人才终"),
        new(Refusal, "refusal-recorded", "衢人才不受"),
    ];

    /// <summary>The kind issued by an act of the stored timeline kind <paramref name="act"/>, if any.</summary>
    public static DocumentKind? ForAct(string act) => All.FirstOrDefault(kind => kind.Act == act);

    /// <summary>
    /// Whether a command that wrote journal entries of the kinds <paramref name="recorded"/> may have left an act without its
    /// document: when one of them is an act's, or when they are unknown (null: a replay, which may follow a crash).
    /// </summary>
    public static bool MayNeedDocuments(IReadOnlyList<string>? recorded) => recorded is null || recorded.Any(kind => ForAct(kind) is not null);

    /// <summary>The kind <paramref name="id"/>, if registered.</summary>
    public static DocumentKind? Find(string? id) => All.FirstOrDefault(kind => kind.Id == id);
}
