using System.Globalization;
using Window.Contracts;
using Window.Host.Components.Ui;
using Window.Host.Privacy;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Host.Documents;

/// <summary>
/// The facts of a document from the case at its act: the case view, its journal and the act's entry, names from the
/// catalogue and the identity store (<see cref="Names"/>). Of the talent's personal data only the name and the masked ID
/// number, which the notice legally needs; never the phone.
/// </summary>
public sealed class DocumentFactsBuilder(DocumentOptions options, Names names, PersonalDataProtector protector, CatalogSource catalogs)
{
    /// <summary>The catalogue now: a publication in the workflow studio replaces it while the host runs.</summary>
    private WorkflowCatalog catalog => catalogs.Current;

    /// <summary>The facts in <paramref name="language"/>; <c>document.number</c> is set once the number is taken.</summary>
    public async Task<DocumentFacts> BuildAsync(CaseView view, IReadOnlyList<TimelineEntry> timeline, TimelineEntry act, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(act);
        await names.ReadyAsync(cancellationToken);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language == DocumentLanguage.English ? "en" : "zh-CN");
        try
        {
            return Build(view, timeline, act, language);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private DocumentFacts Build(CaseView view, IReadOnlyList<TimelineEntry> timeline, TimelineEntry act, string language)
    {
        var english = language == DocumentLanguage.English;
        string Day(DateOnly? day) => day is { } d ? d.ToString(english ? "d MMM yyyy" : "yyyy年M月d日", CultureInfo.InvariantCulture) : "—";
        string List(IEnumerable<string> parts) => string.Join(english ? ", " : "、", parts);
        string Provisional(bool provisional) => provisional ? (english ? " (provisional)" : "（暂定，遇法定节假日顺延）") : "";

        var identity = protector.Unseal(view.SealedIdentity);
        var accepted = timeline.FirstOrDefault(e => e.Kind == TimelineKind.Accepted.Stored);
        var actDay = OfficeTime.DateOf(act.At);
        var itemNames = view.Items.Select(i => names.Item(i.ItemId, i.Version)).ToList();

        // Deferred at acceptance: the accepted entry lists them; everything else the case holds was received then.
        var deferredAtAcceptance = accepted?.Detail?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal) ?? [];
        var received = view.Materials.Where(m => !deferredAtAcceptance.Contains(m.Id)).Select(m => names.Material(m.Id)).ToList();
        var deferred = view.Materials.Where(m => deferredAtAcceptance.Contains(m.Id))
            .Select(m => (Name: names.Material(m.Id), Due: m.Due)).ToList();

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["office.name"] = options.Letterhead.Office,
            ["office.address"] = options.Letterhead.Address,
            ["office.phone"] = options.Letterhead.Phone,
            ["document.date"] = Day(actDay),
            ["case.number"] = view.Number,
            ["case.lookupCode"] = view.LookupCode,
            ["case.acceptedOn"] = Day(OfficeTime.DateOf(view.OpenedAt)),
            ["case.promisedBy"] = Day(view.PromisedBy) + Provisional(view.PromisedProvisional),
            ["talent.name"] = identity.Name,
            ["talent.idNumber"] = IdNumbers.Mask(identity.IdNumber),
            ["officer.name"] = names.Person(view.Officer),
            ["clerk.name"] = names.Person(accepted?.Actor),
            ["items.names"] = List(itemNames),
            ["act.date"] = Day(actDay),
            ["act.by"] = names.Person(act.Actor),
            ["act.department"] = act.Department is null ? "" : names.Department(act.Department),
            ["act.step"] = act.ItemId is null || act.StepId is null ? "" : names.ItemStep(act.ItemId, act.StepId),
            ["progress.url"] = $"{options.PublicBaseUrl}/progress?number={Uri.EscapeDataString(view.Number)}",
        };

        var tables = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>(StringComparer.Ordinal)
        {
            ["items"] = Numbered(view.Items.Select(i => new[] { names.Item(i.ItemId, i.Version), Day(view.PromisedBy) })),
            ["materials.received"] = Numbered(received.Select(name => new[] { name })),
            ["materials.deferred"] = Numbered(deferred.Select(m => new[] { m.Name, m.Due is { } due ? Day(due) : Day(view.PromisedBy) })),
        };

        if (act.Kind == TimelineKind.StepReturned.Stored)
        {
            var (materials, reason) = Returned(view, act);
            values["act.reason"] = reason ?? "";
            var asking = values["act.department"];
            tables["materials.requested"] = Numbered(materials.Select(id => new[] { names.Material(id), asking }));

            // The step's last day while it waits; a notice issued later (the sweep) or for a return stored before last days
            // existed counts it as the engine does, from the item's supplement days.
            var item = view.Items.FirstOrDefault(i => i.ItemId == act.ItemId);
            var rules = item is null ? ActRules.Default : catalog.FindItem(item.ItemId, item.Version)?.ActRules ?? ActRules.Default;
            values["supplement.due"] = Day(view.Steps.FirstOrDefault(s => s.ItemId == act.ItemId && s.StepId == act.StepId)?.SupplementDue
                ?? rules.SupplementDue(names.Calendar, actDay));
        }
        else if (act.Kind == TimelineKind.ExtensionApproved.Stored
            && view.Extensions?.LastOrDefault(e => e.Status == ExtensionStatuses.Approved && e.DecidedAt <= act.At) is { } extension)
        {
            values["act.reason"] = extension.Reason;
            values["extension.days"] = extension.Days.ToString(CultureInfo.InvariantCulture);
            values["case.statutoryBy"] = Day(view.StatutoryBy);
        }
        else if (act.Detail is { } detail)
        {
            values["act.detail"] = detail;
        }

        tables["results"] = Numbered(view.Items.Select(i => new[]
        {
            names.Item(i.ItemId, i.Version),
            Text.Status(i.Status),
            i.Reason ?? Opinions(view, i.ItemId),
        }));
        if (view.Items.Any(i => i.Status == ItemStatusKind.Rejected.Stored))
        {
            values["results.refused"] = "yes";
        }

        return new DocumentFacts(values, tables);
    }

    /// <summary>
    /// The materials a return asked for and its reason. The journal keeps the reason when there is one (the materials
    /// otherwise), so the materials come from the step while it waits for them, and from the entry when that is all it has.
    /// </summary>
    private static (IReadOnlyList<string> Materials, string? Reason) Returned(CaseView view, TimelineEntry act)
    {
        var step = view.Steps.FirstOrDefault(s => s.ItemId == act.ItemId && s.StepId == act.StepId);
        var known = view.Materials.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var listed = act.Detail?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var detailIsMaterials = listed.Length > 0 && listed.All(known.Contains);
        IReadOnlyList<string> materials = step is { ReturnedFor.Count: > 0 } ? step.ReturnedFor : detailIsMaterials ? listed : [];
        return (materials, detailIsMaterials ? null : act.Detail);
    }

    private static List<IReadOnlyList<string>> Numbered(IEnumerable<string[]> rows) =>
        [.. rows.Select((cells, index) => (IReadOnlyList<string>)[(index + 1).ToString(CultureInfo.InvariantCulture), .. cells])];

    /// <summary>The written opinions (审查意见) its departments gave when they approved an item's steps, in step order.</summary>
    private static string Opinions(CaseView view, string itemId) =>
        string.Join("；", view.Steps.Where(s => s.ItemId == itemId && s.Opinion is { Length: > 0 }).Select(s => "审查意见：" + s.Opinion));
}
