using Window.Contracts;
using Window.Storage.Documents;
using Window.Workflows.Calendar;

namespace Window.Host.Documents;

/// <summary>What issuing a case's pending documents did: the documents created now, and whether an issue failed (to be retried).</summary>
public sealed record PendingIssue(IReadOnlyList<DocumentRecord> Created, bool Failed);

/// <summary>
/// Issues the documents of a case's acts: for every journal entry of a registered kind's act without a document, the
/// facts from the case, the next number and the PDF, stored once (<see cref="IDocumentStore.IssueAsync"/>). Called in the
/// command path right after the grain answers (the desk prints the receipt at once) and by <see cref="DocumentSweep"/>
/// for acts a crash left without a document; both may run for one act, and one document results.
/// </summary>
public sealed partial class DocumentIssuer(
    IGrainFactory grains,
    IDocumentStore store,
    DocumentFactsBuilder facts,
    DocumentOptions options,
    TimeProvider time,
    ILogger<DocumentIssuer> logger)
{
    private readonly IReadOnlyDictionary<string, DocumentTemplate> templates = DocumentTemplate.LoadAll();

    /// <summary>The loaded templates by kind (checked at start).</summary>
    public IReadOnlyDictionary<string, DocumentTemplate> Templates => templates;

    /// <summary>
    /// Issues every document the case's acts still lack. Never throws for a failed issue: the act stands, the failure is
    /// logged (no personal data), the answer says so and the sweep issues it later.
    /// </summary>
    public async Task<PendingIssue> IssuePendingAsync(string caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        try
        {
            var grain = grains.GetGrain<ICaseGrain>(caseId);
            var timeline = await grain.TimelineAsync();
            var acts = timeline.Where(entry => DocumentKinds.ForAct(entry.Kind) is not null).ToList();
            if (acts.Count == 0)
            {
                return new PendingIssue([], false);
            }

            var issued = (await store.ListAsync(caseId, cancellationToken)).Where(d => d.Replaces is null).Select(d => d.ActSeq).ToHashSet();
            var pending = acts.Where(entry => !issued.Contains(entry.Seq)).ToList();
            if (pending.Count == 0 || await grain.GetAsync() is not { } view)
            {
                return new PendingIssue([], false);
            }

            var created = new List<DocumentRecord>();
            foreach (var act in pending)
            {
                var result = await IssueAsync(view, timeline, act, cancellationToken);
                if (result.Created)
                {
                    created.Add(result.Record);
                }
            }

            return new PendingIssue(created, false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            LogIssueFailed(exception, caseId);
            return new PendingIssue([], true);
        }
    }

    /// <summary>Issues the document of one act (or answers the one it has).</summary>
    public async Task<IssuedDocument> IssueAsync(CaseView view, IReadOnlyList<TimelineEntry> timeline, TimelineEntry act, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(act);
        var kind = DocumentKinds.ForAct(act.Kind) ?? throw new ArgumentException($"No document is issued for '{act.Kind}'.", nameof(act));
        var content = await facts.BuildAsync(view, timeline, act, DocumentLanguage.Chinese, cancellationToken);
        var draft = new DocumentDraft(
            view.Id, act.Seq, kind.Id, OfficeTime.DateOf(act.At).Year, time.GetUtcNow(), content.Value("act.by"),
            act.Kind == TimelineKind.StepReturned.Stored ? act.Department : null);
        var started = time.GetTimestamp();
        var result = await store.IssueAsync(draft, sequence =>
        {
            var number = options.Number(kind.Id, draft.Year, sequence);
            return new RenderedDocument(number, DocumentRenderer.Render(templates[kind.Id], content.With("document.number", number), options.Letterhead));
        }, cancellationToken);
        if (result.Created)
        {
            LogIssued(kind.Id, result.Record.Number, view.Id, time.GetElapsedTime(started).TotalMilliseconds);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued {Kind} document {Number} for case {CaseId} in {Milliseconds:F0} ms")]
    private partial void LogIssued(string kind, string number, string caseId, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Issuing the documents of case {CaseId} failed; the sweep retries")]
    private partial void LogIssueFailed(Exception exception, string caseId);
}
