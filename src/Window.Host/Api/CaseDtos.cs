using Window.Contracts;
using Window.Host.Privacy;
using Window.Storage.ReadModel;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Host.Api;

/// <summary>Maps grain views to API shapes: names from the catalogue, personal data unsealed and masked.</summary>
public sealed class CaseDtos(CatalogSource catalogs, PersonalDataProtector protector)
{
    /// <summary>The catalogue now: a publication in the workflow studio replaces it while the host runs.</summary>
    private WorkflowCatalog catalog => catalogs.Current;

    public CaseDto Case(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var identity = protector.Unseal(view.SealedIdentity);
        var materials = MaterialNames(view.Items.Select(i => (i.ItemId, i.Version)));
        return new CaseDto(
            view.Id,
            view.Number,
            view.LookupCode,
            view.Status,
            view.BundleId,
            new TalentDto(view.TalentId, IdNumbers.MaskName(identity.Name), IdNumbers.Mask(identity.IdNumber), IdNumbers.Mask(identity.Phone), view.Tier),
            view.Officer,
            view.OpenedAt,
            view.PromisedBy,
            view.DueAt,
            view.Light,
            [.. view.Items.Select(i => new CaseItemDto(i.ItemId, Name(catalog.FindItem(i.ItemId, i.Version)?.Name), i.Version, i.Status, i.Reason, i.DecidedAt))],
            [.. view.Steps.Select(s => Step(view, s))],
            [.. view.Materials.Select(m => new CaseMaterialDto(m.Id, materials.GetValueOrDefault(m.Id) ?? new NameDto(m.Id, m.Id), m.Status, m.Due))],
            view.Trips,
            view.CompletedAt,
            view.DeliveredAt,
            view.Evaluation is { } e ? new EvaluationDto(e.Level, e.Comment, e.At, e.RectificationDue, view.RectificationProvisional) : null,
            view.Version,
            view.PromisedProvisional,
            view.DueProvisional,
            CaseActsApi.Acts(view),
            view.Rectification is { } r ? Rectification(r) : null,
            view.Delivery is { } d ? Delivery(d) : null);
    }

    /// <summary>A rectification as the API shows it.</summary>
    public static RectificationDto Rectification(RectificationView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Owner, view.Due, view.State, [.. view.FollowUps.Select(f => new RectificationFollowUpDto(f.At, f.By, f.Note))], view.Result, view.ClosedAt,
            view.Appeal is { } a ? new RatingAppealDto(a.At, a.By, a.Reason, a.State, a.DecidedAt, a.DecidedBy) : null);
    }

    /// <summary>The delivery, a proxy's name and ID number unsealed only to be masked.</summary>
    private DeliveryDto Delivery(DeliveryView view)
    {
        var proxy = view.SealedProxy is { Length: > 0 } sealedProxy ? protector.Unseal(sealedProxy) : null;
        return new DeliveryDto(view.Method, view.Collector, proxy is null ? null : IdNumbers.MaskName(proxy.Name), proxy is null ? null : IdNumbers.Mask(proxy.IdNumber));
    }

    /// <summary>A list line: the case row with its items and the steps that hold it, named from the catalogue.</summary>
    public CaseSummaryDto Summary(CaseRow row, IReadOnlyList<CaseItemRow> items, IReadOnlyList<StepRow> holding)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(holding);
        var versions = items.ToDictionary(i => i.ItemId, i => i.ItemVersion, StringComparer.Ordinal);
        return new(row.CaseId, row.Number, row.Status, row.BundleId, row.Officer, row.OpenedAt, row.PromisedBy, row.DueAt, row.Light, row.Trips,
            row.PromisedProvisional,
            [.. items.Select(i => new CaseSummaryItemDto(i.ItemId, i.ItemVersion, Name(catalog.FindItem(i.ItemId, i.ItemVersion)?.Name)))],
            [.. holding.Select(s => new WaitingStepDto(
                $"{s.ItemId}.{s.StepId}",
                s.ItemId,
                s.StepId,
                Name((versions.TryGetValue(s.ItemId, out var version) ? catalog.FindItem(s.ItemId, version) : catalog.LatestItem(s.ItemId))?.FindStep(s.StepId)?.Name),
                s.Department.Length == 0 ? null : s.Department,
                s.Department.Length > 0 && catalog.Departments.TryGetValue(s.Department, out var department) ? Name(department.Name) : null,
                s.Status))]);
    }

    public QueueEntryDto Queue(QueueEntry entry, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var item = catalog.LatestItem(entry.ItemId);
        var step = item?.FindStep(entry.StepId);
        int? left = null;
        if (entry.DueAt is { } due)
        {
            left = catalog.Calendar.WorkingDaysBetween(today, Workflows.Calendar.OfficeTime.DateOf(due.AddTicks(-1)));
        }

        return new QueueEntryDto(
            entry.CaseId,
            entry.CaseNumber,
            $"{entry.ItemId}.{entry.StepId}",
            entry.ItemId,
            Name(item?.Name),
            entry.StepId,
            Name(step?.Name),
            entry.Department,
            entry.Status,
            entry.ReadyAt,
            entry.DueAt,
            entry.Light,
            left,
            entry.ClaimedBy);
    }

    public TimelineEntryDto Timeline(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Seq, entry.At, entry.Actor, entry.Role, entry.Department, entry.Kind,
            entry.ItemId is null ? null : entry.StepId is null ? entry.ItemId : $"{entry.ItemId}.{entry.StepId}", entry.Detail, entry.TraceId, entry.SpanId);
    }

    public PublicCaseDto Public(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var definitions = view.Items.ToDictionary(i => i.ItemId, i => catalog.FindItem(i.ItemId, i.Version));
        var steps = view.Steps
            .Where(s => s.Status is not ("skipped" or "cancelled"))
            .Select(s => PublicStep(s, definitions[s.ItemId]?.FindStep(s.StepId)))
            .ToList();
        return new PublicCaseDto(
            view.Number,
            view.Status,
            view.PromisedBy,
            [.. view.Items.Select(i => new PublicItemDto(i.ItemId, Name(definitions[i.ItemId]?.Name), i.Status))],
            steps,
            view.Status is "completed" or "delivered" && view.Evaluation is null,
            view.Evaluation?.Level,
            view.PromisedProvisional,
            view.Evaluation is { } rated ? OfficeTime.DateOf(rated.At) : null,
            ToBring(view, definitions.Values.OfType<WorkflowDefinition>()),
            CaseActsApi.PublicActs(view));
    }

    public static NameDto Name(LocalizedName? name) => name is null ? new NameDto("?", "?") : new NameDto(name.Zh, name.En);

    private PublicStepDto PublicStep(CaseStepView step, StepDefinition? definition)
    {
        var waiting = step.Status == StepStatusKind.Waiting.Stored && step.WaitUntil is { } until ? until : (DateTimeOffset?)null;
        return new PublicStepDto(
            Name(definition?.Name),
            step.Department is { } d && catalog.Departments.TryGetValue(d, out var department) ? Name(department.Name) : null,
            step.Status,
            step.CompletedAt,
            // A working-day wait ends at the end of its last day (the engine stores the next midnight); a date wait on its day.
            definition?.Kind == StepKind.WaitDays && waiting is { } end ? OfficeTime.DateOf(end.AddTicks(-1)) : null,
            definition?.Kind == StepKind.WaitUntil && waiting is { } day ? OfficeTime.DateOf(day) : null,
            waiting is not null && step.DueProvisional);
    }

    /// <summary>The deferred and requested materials, in the order of the case's checklist.</summary>
    private List<PublicMaterialDto> ToBring(CaseView view, IEnumerable<WorkflowDefinition> items)
    {
        var open = view.Materials
            .Where(m => m.Status == MaterialStatusKind.Deferred.Stored || m.Status == MaterialStatusKind.Requested.Stored)
            .ToDictionary(m => m.Id, StringComparer.Ordinal);
        return [.. Checklist.Of(items).Materials.Where(m => open.ContainsKey(m.Id)).Select(m => new PublicMaterialDto(
            m.Id,
            Name(m.Name),
            open[m.Id].Status,
            view.LastDayOf(open[m.Id]),
            view.ReturnedFor(m.Id) is { Department: { } asking } && catalog.Departments.TryGetValue(asking, out var department)
                ? Name(department.Name)
                : null))];
    }

    private CaseStepDto Step(CaseView view, CaseStepView step)
    {
        var version = view.Items.First(i => i.ItemId == step.ItemId).Version;
        return new CaseStepDto(
            step.Id, step.ItemId, step.StepId, Name(catalog.FindItem(step.ItemId, version)?.FindStep(step.StepId)?.Name), step.Department, step.Kind,
            step.Status, step.ReadyAt, step.WarnAt, step.DueAt, step.Light, step.ClaimedBy, step.Outcome, step.CompletedAt, step.ReturnedFor, step.WaitUntil, step.DueProvisional,
            step.SupplementDue,
            step.ClaimedBy, step.Opinion);
    }

    private Dictionary<string, NameDto> MaterialNames(IEnumerable<(string Id, int Version)> items)
    {
        var names = new Dictionary<string, NameDto>(StringComparer.Ordinal);
        foreach (var (id, version) in items)
        {
            foreach (var material in catalog.FindItem(id, version)?.Materials ?? [])
            {
                names.TryAdd(material.Id, Name(material.Name));
            }
        }

        return names;
    }
}
