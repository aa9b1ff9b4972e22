using Window.Contracts;
using Window.Storage.Notifications;
using Window.Workflows.Catalog;

namespace Window.Host.Notifications;

/// <summary>
/// The holes of a message's template, from the case as it is when the message goes out: the case number, the items'
/// Chinese names, the promised date, the materials asked for and by when, the public lookup address (talents) or the
/// case's page (staff). Never the talent's name, ID number or phone.
/// </summary>
public static class MessageParameters
{
    /// <summary>The parameters of <paramref name="message"/> for the case <paramref name="view"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(MessageRow message, CaseView view, WorkflowCatalog catalog, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var definitions = view.Items.Select(i => catalog.FindItem(i.ItemId, i.Version)).OfType<Window.Workflows.Definitions.WorkflowDefinition>().ToList();
        var requested = view.Materials.Where(m => m.Status == MaterialStatusKind.Requested.Stored).ToList();
        var materialNames = requested
            .Select(m => definitions.SelectMany(d => d.Materials).FirstOrDefault(d => d.Id == m.Id)?.Name.Zh ?? m.Id)
            .Distinct(StringComparer.Ordinal);
        var due = requested.Select(m => m.Due).OfType<DateOnly>().DefaultIfEmpty().Min();
        var returned = view.Steps.FirstOrDefault(s => s.Status == StepStatusKind.Returned.Stored);
        var step = returned is null ? "" : definitions.FirstOrDefault(d => d.Id == returned.ItemId)?.FindStep(returned.StepId)?.Name.Zh ?? returned.StepId;
        var staff = message.Recipient != Recipients.Talent;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["caseNumber"] = view.Number,
            ["items"] = string.Join("、", definitions.Select(d => d.Name.Zh)),
            ["promisedBy"] = MessageCatalogue.Date(view.PromisedBy),
            ["materials"] = string.Join("、", materialNames),
            ["due"] = due == default ? "" : $"，请于{MessageCatalogue.Date(due)}前补正",
            ["step"] = step,
            ["link"] = staff ? $"{options.PublicUrl}/cases/{view.Id}" : $"{options.PublicUrl}/progress",
            ["subject"] = $"办件{view.Number}",
        };
    }
}
