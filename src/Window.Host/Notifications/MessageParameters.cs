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
    /// <summary>The template that reminds of deferred materials (容缺); other reminders are about requested ones (补正).</summary>
    public const string DeferredReminder = "window-deferred-reminder";

    /// <summary>The materials of a case still missing with the given status (deferred at acceptance, requested by a return).</summary>
    public static IReadOnlyList<CaseMaterialView> Missing(CaseView view, MaterialStatusKind status)
    {
        ArgumentNullException.ThrowIfNull(view);
        return [.. view.Materials.Where(m => m.Status == status.Stored)];
    }

    /// <summary>The earliest last day among the missing <paramref name="materials"/> (<see cref="CaseView.LastDayOf"/>), if any has one.</summary>
    public static DateOnly? LastDay(CaseView view, IEnumerable<CaseMaterialView> materials)
    {
        ArgumentNullException.ThrowIfNull(view);
        return materials.Select(view.LastDayOf).OfType<DateOnly>().Order().Cast<DateOnly?>().FirstOrDefault();
    }

    /// <summary>
    /// When a reminder of <paramref name="template"/> goes out: 09:00 office time on the working day before the earliest due
    /// date of the missing materials; <see langword="null"/> when nothing missing has a due date.
    /// </summary>
    public static DateTimeOffset? ReminderAt(string template, CaseView view, Window.Workflows.Calendar.WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var status = template == DeferredReminder ? MaterialStatusKind.Deferred : MaterialStatusKind.Requested;
        if (LastDay(view, Missing(view, status)) is not { } due)
        {
            return null;
        }

        var day = due.AddDays(-1);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return Window.Workflows.Calendar.OfficeTime.StartOf(day).AddHours(9);
    }

    /// <summary>The parameters of <paramref name="message"/> for the case <paramref name="view"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(MessageRow message, CaseView view, WorkflowCatalog catalog, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var definitions = view.Items.Select(i => catalog.FindItem(i.ItemId, i.Version)).OfType<Window.Workflows.Definitions.WorkflowDefinition>().ToList();
        var status = message.Template == DeferredReminder ? MaterialStatusKind.Deferred : MaterialStatusKind.Requested;
        var missing = Missing(view, status);
        var materialNames = missing
            .Select(m => definitions.SelectMany(d => d.Materials).FirstOrDefault(d => d.Id == m.Id)?.Name.Zh ?? m.Id)
            .Distinct(StringComparer.Ordinal);
        var due = LastDay(view, missing) ?? default;
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
            ["dueDate"] = due == default ? "" : MessageCatalogue.Date(due),
            ["step"] = step,
            ["link"] = staff ? $"{options.PublicUrl}/cases/{view.Id}" : $"{options.PublicUrl}/progress",
            ["subject"] = $"办件{view.Number}",
        };
    }
}
