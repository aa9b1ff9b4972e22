using System.Globalization;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Documents;
using Window.Host.Privacy;
using Window.Storage.Documents;
using Window.Storage.Identity;
using Window.Storage.ReadModel;
using Window.Storage.Refusals;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Host.Cases;

/// <summary>
/// Refusing an application at the window (不予受理, Administrative Licensing Law art. 32), for the API and the desk's
/// page: every reason at once, the talent validated and sealed as for an opening, a numbered record of its own that
/// supervisors list and the SLA summary counts. The request's idempotency key names the refusal, so a retry answers the
/// first one.
/// </summary>
public sealed partial class RefusalService(
    RefusalStore store, CaseOpening opening, CatalogSource catalogs, PersonalDataProtector protector, IReadModel readModel, TimeProvider time,
    IDocumentStore documents, DocumentIssuer issuer, DocumentOptions documentOptions, UserStore users, ILogger<RefusalService> logger)
{
    /// <summary>The catalogue now: a publication in the workflow studio replaces it while the host runs.</summary>
    private WorkflowCatalog catalog => catalogs.Current;

    /// <summary>At most this many reasons in one refusal.</summary>
    public const int MaxReasons = 20;

    /// <summary>The reasons the window may choose for <paramref name="items"/> (bundles expanded), each once, in catalogue order.</summary>
    public IReadOnlyList<RefusalReason> ReasonsFor(IEnumerable<string> items) =>
        [.. opening.Requested(items.Where(i => catalog.LatestItem(i) is not null || catalog.LatestBundle(i) is not null))
            .SelectMany(id => catalog.LatestItem(id)?.RefusalReasons ?? [])
            .DistinctBy(r => r.Id)];

    /// <summary>Every problem of the request, the talent's fields first (the desk shows them all; the API answers the first).</summary>
    public IReadOnlyList<OpeningProblem> Problems(RefusalRequest? request)
    {
        if (request?.Talent is not { } talent)
        {
            return [new OpeningProblem("talent", "invalid_request", "The talent (name, idNumber, phone, tier) is required.", [])];
        }

        var problems = opening.TalentProblems(talent).ToList();
        if (opening.ItemsProblem(request.Items) is { } items)
        {
            problems.Add(items);
            return problems;
        }

        if (request.Reasons is not { Count: > 0 and <= MaxReasons } reasons)
        {
            problems.Add(new OpeningProblem("reasons", "invalid_request", $"Give every reason at once: 1 to {MaxReasons} reasons.", []));
            return problems;
        }

        var allowed = ReasonsFor(request.Items!).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        for (var index = 0; index < reasons.Count; index++)
        {
            var reason = reasons[index];
            if (reason is null || (string.IsNullOrWhiteSpace(reason.Id) && string.IsNullOrWhiteSpace(reason.Text)))
            {
                problems.Add(new OpeningProblem($"reasons[{index}]", "invalid_request", "A reason is chosen (id) or written (text).", []));
            }
            else if (reason.Id is { } id && !allowed.Contains(id))
            {
                problems.Add(new OpeningProblem($"reasons[{index}].id", "unknown_reason", $"{id} is not a refusal reason of the refused items.", [id]));
            }
            else if (TextRules.Check(reason.Text, TextRules.FreeText, $"reasons[{index}].text") is { } text)
            {
                problems.Add(new OpeningProblem($"reasons[{index}].text", text.Code, text.Message, []));
            }
        }

        return problems;
    }

    /// <summary>Records a well-formed refusal (see <see cref="Problems"/>) under the actor's key; a retry answers the first.</summary>
    public async Task<(RefusalCreatedDto? Refusal, OpeningProblem? Problem, bool Replayed)> RefuseAsync(
        CommandSource source, RefusalRequest? request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Problems(request) is [var first, ..])
        {
            return (null, first, false);
        }

        if (source.Key is not { } key)
        {
            return (null, new OpeningProblem(IdempotencyGate.Header, "idempotency_key_required", "Every change needs an Idempotency-Key header.", []), false);
        }

        using var activity = WindowTelemetry.Source.StartActivity("refusal");
        var talent = request!.Talent!;
        var lookupHash = protector.LookupHash(talent.IdNumber!);
        var talentId = await readModel.FindTalentAsync(lookupHash, cancellationToken) ?? protector.TalentIdFor(lookupHash);
        var refusalId = "r" + protector.CaseIdFor(source.Actor.User, "refusal\n" + key)[1..];
        activity?.SetTag(WindowTelemetry.Command, "refuse");
        var items = request.Items!.Select(i => i.Trim()).ToList();
        var reasons = request.Reasons!.Select(r => new RefusalReasonRow(string.IsNullOrWhiteSpace(r.Id) ? null : r.Id.Trim(), string.IsNullOrWhiteSpace(r.Text) ? null : r.Text.Trim())).ToList();
        var sealedIdentity = protector.Seal(new TalentIdentity(talent.Name!.Trim(), TalentRules.NormalizeIdNumber(talent.IdNumber!), talent.Phone!.Trim()));
        var now = time.GetUtcNow();
        var (row, created) = await store.RecordAsync(
            refusalId, talentId, sealedIdentity, items, reasons, source.Actor.User, now, OfficeTime.DateOf(now).Year, cancellationToken);
        if (!created && (row.TalentId != talentId || !row.Items.SequenceEqual(items) || !row.Reasons.SequenceEqual(reasons)))
        {
            return (null, new OpeningProblem(IdempotencyGate.Header, "idempotency_key_reused", "This Idempotency-Key was already used with a different request.", []), false);
        }

        activity?.SetTag("window.refusal.number", row.Number);
        if (row.DocumentId is null)
        {
            row = row with { DocumentId = await IssueDocumentAsync(row, cancellationToken) };
        }

        return (new RefusalCreatedDto(row.RefusalId, row.Number, row.DocumentId), null, !created);
    }

    /// <summary>The refusal's decision document (不予受理决定书) as a PDF, once issued.</summary>
    public async Task<(DocumentRecord Record, byte[] Pdf)?> DocumentAsync(string refusalId, CancellationToken cancellationToken = default) =>
        await store.FindAsync(refusalId, cancellationToken) is { DocumentId: { } documentId }
            ? await documents.ReadAsync(refusalId, documentId, cancellationToken)
            : null;

    /// <summary>
    /// Issues the refusal's 不予受理决定书 once (the store answers the stored one to a repeat) and records it on the refusal.
    /// A failure leaves the refusal standing without its document; the same request again issues it.
    /// </summary>
    private async Task<string?> IssueDocumentAsync(RefusalRow row, CancellationToken cancellationToken)
    {
        try
        {
            var identity = protector.Unseal(row.SealedIdentity);
            var day = OfficeTime.DateOf(row.RefusedAt);
            var clerk = (await users.FindAsync(row.RefusedBy, cancellationToken))?.DisplayName ?? row.RefusedBy;
            var named = ReasonsFor(row.Items).ToDictionary(r => r.Id, r => r.Name.Zh, StringComparer.Ordinal);
            var reasons = row.Reasons.Select(r => string.Join("：", new[] { r.Id is { } id && named.TryGetValue(id, out var name) ? name : null, r.Text }.OfType<string>())).ToList();
            var facts = new DocumentFacts(
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["office.name"] = documentOptions.Letterhead.Office,
                    ["office.address"] = documentOptions.Letterhead.Address,
                    ["office.phone"] = documentOptions.Letterhead.Phone,
                    ["document.date"] = day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
                    ["act.date"] = day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
                    ["act.by"] = clerk,
                    ["talent.name"] = identity.Name,
                    ["talent.idNumber"] = IdNumbers.Mask(identity.IdNumber),
                    ["items.names"] = string.Join("、", row.Items.Select(i => (catalog.LatestItem(i)?.Name ?? catalog.LatestBundle(i)?.Name)?.Zh ?? i)),
                },
                new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>(StringComparer.Ordinal)
                {
                    ["results"] = [.. reasons.Select((reason, index) => (IReadOnlyList<string>)[(index + 1).ToString(CultureInfo.InvariantCulture), reason])],
                });
            var template = issuer.Templates[DocumentKinds.Refusal];
            var draft = new DocumentDraft(row.RefusalId, 0, DocumentKinds.Refusal, day.Year, time.GetUtcNow(), clerk);
            var issued = await documents.IssueAsync(draft, sequence =>
            {
                var number = documentOptions.Number(DocumentKinds.Refusal, day.Year, sequence);
                return new RenderedDocument(number, DocumentRenderer.Render(template, facts.With("document.number", number), documentOptions.Letterhead));
            }, cancellationToken);
            await store.AttachDocumentAsync(row.RefusalId, issued.Record.Id, cancellationToken);
            return issued.Record.Id;
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            LogDocumentFailed(exception, row.RefusalId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Issuing the refusal decision of {RefusalId} failed; the same request again issues it")]
    private partial void LogDocumentFailed(Exception exception, string refusalId);

    /// <summary>A page of refusals, newest first, the talent masked.</summary>
    public async Task<QueryResult<PageDto<RefusalDto>>> ListAsync(int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        if (Paging.Check(page, pageSize, null) is { } refusal)
        {
            return refusal;
        }

        var (number, size) = (page ?? 1, pageSize ?? Paging.DefaultPageSize);
        var (rows, total) = await store.PageAsync(number, size, cancellationToken);
        return new PageDto<RefusalDto>([.. rows.Select(Dto)], number, size, total, false);
    }

    /// <summary>How many refusals were recorded on the office days [<paramref name="from"/>, <paramref name="to"/>] (the SLA summary's figure).</summary>
    public Task<int> CountAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        store.CountAsync(OfficeTime.StartOf(from), OfficeTime.StartOf(to.AddDays(1)), cancellationToken);

    private RefusalDto Dto(RefusalRow row)
    {
        var identity = protector.Unseal(row.SealedIdentity);
        var named = row.Items.SelectMany(i => catalog.LatestItem(i)?.RefusalReasons ?? []).DistinctBy(r => r.Id).ToDictionary(r => r.Id, r => r.Name, StringComparer.Ordinal);
        return new RefusalDto(
            row.RefusalId,
            row.Number,
            IdNumbers.MaskName(identity.Name),
            IdNumbers.Mask(identity.IdNumber),
            [.. row.Items.Select(i => new NameIdDto(i, CaseDtos.Name((catalog.LatestItem(i) as WorkflowDefinition)?.Name ?? catalog.LatestBundle(i)?.Name)))],
            [.. row.Reasons.Select(r => new RefusalReasonDto(r.Id, r.Id is { } id && named.TryGetValue(id, out var name) ? CaseDtos.Name(name) : null, r.Text))],
            row.RefusedBy,
            row.RefusedAt,
            row.DocumentId);
    }
}
