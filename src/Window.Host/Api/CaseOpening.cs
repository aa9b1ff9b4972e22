using System.Text.Json;
using Window.Contracts;
using Window.Host.Cases;
using Window.Host.Privacy;
using Window.Storage.ReadModel;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Host.Api;

/// <summary>Why an opening request is malformed: the field, the problem code, a message and the offending values.</summary>
public sealed record OpeningProblem(string Field, string Code, string Message, IReadOnlyList<string> Details);

/// <summary>
/// Opening a case at the window (一窗口受理), shared by <c>POST /api/cases</c> and the front-desk page: validation,
/// the talent found by the keyed hash of the ID number, the reservation of the items, the materials already on file
/// (材料一次提交、多方复用) and the case grain's own checks.
/// </summary>
public sealed class CaseOpening(
    CatalogSource catalogs, PersonalDataProtector protector, IReadModel readModel, ICaseSearchIndex searchIndex, CaseSearchKeys searchKeys,
    IGrainFactory grains, TimeProvider time)
{
    /// <summary>The catalogue now: a publication in the workflow studio replaces it while the host runs.</summary>
    private WorkflowCatalog catalog => catalogs.Current;

    /// <summary>The first problem of the request (the API answers with it), or <see langword="null"/> when it is well formed.</summary>
    public OpeningProblem? Validate(OpenCaseRequest? request) => Problems(request) is [var first, ..] ? first : null;

    /// <summary>
    /// Every problem of the request, the talent's fields first in the form's order: the desk's form shows them all at
    /// once under their fields, the API answers with the first. Empty when the request is well formed.
    /// </summary>
    public IReadOnlyList<OpeningProblem> Problems(OpenCaseRequest? request)
    {
        if (request?.Talent is not { } talent)
        {
            return [Invalid("talent", "The talent (name, idNumber, phone, tier) is required.")];
        }

        var problems = TalentProblems(talent).ToList();
        if (ItemsProblem(request.Items) is { } items)
        {
            problems.Add(items);
        }

        if (request.Materials is null || request.Materials.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(Invalid("materials", "materials must be a list of material ids (it may be empty)."));
        }

        if (request.Deferred is null || request.Deferred.Any(d => string.IsNullOrWhiteSpace(d.Material) || d.Due is null))
        {
            problems.Add(Invalid("deferred", "deferred must be a list of { material, due } (it may be empty)."));
        }

        if (ItemsProblem(request.Items) is null)
        {
            problems.AddRange(DataProblems(request.Items!, request.Data));
        }

        return problems;
    }

    /// <summary>Every problem of the talent's fields by <see cref="TalentRules"/>, on the office's date today.</summary>
    public IReadOnlyList<OpeningProblem> TalentProblems(TalentRequest talent)
    {
        ArgumentNullException.ThrowIfNull(talent);
        return [.. TalentRules.Check(talent.Name, talent.IdNumber, talent.Phone, talent.Tier, OfficeTime.DateOf(time.GetUtcNow()))
            .Select(p => new OpeningProblem(p.Field, p.Code, p.Message, []))];
    }

    /// <summary>The problem of the chosen items or bundle, or <see langword="null"/>.</summary>
    public OpeningProblem? ItemsProblem(IReadOnlyList<string>? items)
    {
        if (items is not { Count: > 0 } || items.Any(string.IsNullOrWhiteSpace))
        {
            return Invalid("items", "Name at least one service item or one bundle.");
        }

        var repeated = items.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            return new OpeningProblem("items", "duplicate_item", $"Each service item is named once: {string.Join(", ", repeated)} is repeated.", repeated);
        }

        var unknown = items.Where(id => catalog.LatestItem(id) is null && catalog.LatestBundle(id) is null).ToList();
        if (unknown.Count > 0)
        {
            return new OpeningProblem("items", "unknown_item", $"Unknown service items: {string.Join(", ", unknown)}.", unknown);
        }

        return items.Count > 1 && items.Any(id => catalog.LatestBundle(id) is not null)
            ? Invalid("items", "A bundle is opened on its own: name either one bundle or one or more items.")
            : null;
    }

    /// <summary>
    /// The case data the desk asks for when opening these (well-formed) items or bundle: the fields they declare with
    /// <c>source: intake</c>, once each, without <c>tier</c> (the talent's tier, asked for with the talent).
    /// </summary>
    public IReadOnlyList<CaseField> IntakeFields(IEnumerable<string> items) =>
        [.. Requested(items).SelectMany(id => catalog.LatestItem(id)?.Fields ?? []).Where(f => f.Source == CaseFieldSource.Intake && f.Id != "tier").DistinctBy(f => f.Id)];

    /// <summary>The problems of the intake data, each naming its field as <c>data.&lt;id&gt;</c>: unknown fields and values of the wrong type or length.</summary>
    public IReadOnlyList<OpeningProblem> DataProblems(IEnumerable<string> items, IReadOnlyDictionary<string, JsonElement>? data)
    {
        var fields = IntakeFields(items).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var problems = new List<OpeningProblem>();
        foreach (var (id, value) in data ?? new Dictionary<string, JsonElement>())
        {
            var problem = !fields.TryGetValue(id, out var field) ? "is not a field the chosen items ask for"
                : value.ValueKind == JsonValueKind.Null ? null
                : field.Type == CaseFieldType.Boolean && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) ? "must be true or false"
                : field.Type == CaseFieldType.Number && value.ValueKind != JsonValueKind.Number ? "must be a number"
                : field.Type == CaseFieldType.Text && value.ValueKind != JsonValueKind.String ? "must be text"
                : field.Type == CaseFieldType.Text && TextRules.Check(value.GetString(), TextRules.Name, $"data.{id}") is { } text ? text.Message
                : null;
            if (problem is not null)
            {
                problems.Add(Invalid($"data.{id}", problem.StartsWith("data.", StringComparison.Ordinal) ? problem : $"data.{id} {problem}."));
            }
        }

        return problems;
    }

    /// <summary>The combined checklist of well-formed items or bundle (<see cref="ItemsProblem"/> is null), as the engine checks it.</summary>
    public Checklist ChecklistOf(IEnumerable<string> items) => Checklist.Of(Requested(items).Select(id => catalog.LatestItem(id)!));

    /// <summary>The materials of the given checklist that the talent with this ID number gave an earlier case.</summary>
    public async Task<IReadOnlyList<string>> MaterialsOnFileAsync(string idNumber, CancellationToken cancellationToken = default) =>
        await readModel.FindTalentAsync(protector.LookupHash(idNumber), cancellationToken) is { } talentId
            ? await grains.GetGrain<ITalentGrain>(talentId).MaterialsOnFileAsync()
            : [];

    /// <summary>
    /// Opens the case for a validated request under <paramref name="meta"/> (its key names the case, so a retry
    /// reaches the same case and is replayed by it).
    /// </summary>
    public async Task<CaseOutcome> OpenAsync(CommandMeta meta, OpenCaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(request);
        var talent = request.Talent!;
        var caseId = protector.CaseIdFor(meta.Actor.User, meta.IdempotencyKey);
        // The talent is registered (window_talents) only once the case exists: a refused opening leaves no row behind.
        // Until then a new talent's id is derived from the hash, so concurrent openings still meet in one talent grain.
        var lookupHash = protector.LookupHash(talent.IdNumber!);
        var talentId = await readModel.FindTalentAsync(lookupHash, cancellationToken) ?? protector.TalentIdFor(lookupHash);
        var talentGrain = grains.GetGrain<ITalentGrain>(talentId);
        var requested = Requested(request.Items!);
        var checklist = ChecklistOf(requested);
        var identity = new TalentIdentity(talent.Name!.Trim(), TalentRules.NormalizeIdNumber(talent.IdNumber!), talent.Phone!.Trim(), talent.SmsOptOut == true);
        var sealedIdentity = protector.Seal(identity);

        var conflicts = await talentGrain.ReserveAsync(caseId, requested);
        if (conflicts.Count > 0)
        {
            return CaseOutcome.Fail(OutcomeStatus.Conflict, "item_already_open",
                "The talent already has an open case for: " + string.Join(", ", conflicts.Select(c => c.ItemId)) + ".",
                [.. conflicts.Select(c => $"{c.ItemId}:{c.CaseId}")]);
        }

        // 材料一次提交、多方复用: what the talent gave any earlier case is not asked for again.
        var onFile = (await talentGrain.MaterialsOnFileAsync()).Where(checklist.Contains);
        var provided = request.Materials!.Concat(onFile).Distinct(StringComparer.Ordinal).ToList();
        var deferred = request.Deferred!.Where(d => !provided.Contains(d.Material!)).Select(d => new DeferredMaterial(d.Material!, d.Due!.Value)).ToList();
        var caseGrain = grains.GetGrain<ICaseGrain>(caseId);
        var outcome = await caseGrain.OpenAsync(
            new OpenCase(meta, talentId, sealedIdentity, TalentRules.NormalizeTier(talent.Tier!), request.Items!, provided, deferred,
                request.Data?.Where(d => d.Value.ValueKind != JsonValueKind.Null).ToDictionary(d => d.Key, d => d.Value.GetRawText(), StringComparer.Ordinal)));
        if (outcome.Succeeded)
        {
            // Not cancelled with the request: the case exists now, its talent must be findable (a replay registers it too).
            await readModel.FindOrRegisterTalentAsync(lookupHash, talentId, CancellationToken.None);
            await searchIndex.IndexAsync([new CaseTerms(caseId, searchKeys.TermsOf(outcome.Case!.Number, identity)) { OpenedAt = outcome.Case.OpenedAt }], CancellationToken.None);
            await talentGrain.FileMaterialsAsync(request.Materials!);
        }
        else if (await caseGrain.GetAsync() is null)
        {
            // Only a case that was never opened gives its reservations back: a reused key refused by an open case
            // must not free the items that case holds.
            await talentGrain.ReleaseAsync(caseId);
        }

        return outcome;
    }

    /// <summary>The items a request names, bundles expanded.</summary>
    public List<string> Requested(IEnumerable<string> items) =>
        items.SelectMany(id => catalog.LatestBundle(id)?.Items ?? [id]).Distinct(StringComparer.Ordinal).ToList();

    private static OpeningProblem Invalid(string field, string message) => new(field, "invalid_request", message, []);
}
