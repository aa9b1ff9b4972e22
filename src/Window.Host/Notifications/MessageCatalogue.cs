using System.Globalization;
using System.Text.RegularExpressions;
using Window.Contracts;

namespace Window.Host.Notifications;

/// <summary>Who a catalogue line is for.</summary>
public enum Audience
{
    /// <summary>The case's talent (SMS to the phone given at the window).</summary>
    Talent,

    /// <summary>The case's officer (专员).</summary>
    Officer,

    /// <summary>The officer named by the entry (a reassignment's new officer).</summary>
    AssignedOfficer,

    /// <summary>The staff of the entry's department.</summary>
    DepartmentStaff,

    /// <summary>Every supervisor (督查).</summary>
    Supervisors,
}

/// <summary>The stored names of the channels (<c>window_notification_messages.channel</c>).</summary>
public static class Channels
{
    /// <summary>The city SMS platform (an HTTP gateway).</summary>
    public const string Sms = "sms";

    /// <summary>E-mail over SMTP, for staff.</summary>
    public const string Email = "email";

    /// <summary>The staff's in-app inbox (window_inbox).</summary>
    public const string Inbox = "inbox";
}

/// <summary>
/// One line of the catalogue: an event (timeline kind) becomes a message for an audience on a channel, by a template.
/// A <see cref="Reminder"/> line is not sent at once but on the working morning before the earliest due date of the
/// materials still missing (deferred or requested), and not at all once they are in.
/// </summary>
public sealed record CatalogueLine(string Kind, Audience Audience, string Channel, string Template, bool Reminder = false);

/// <summary>A template: its id (what the SMS platform registered), and its Chinese and English text with <c>{param}</c> holes.</summary>
public sealed record MessageTemplate(string Id, string Zh, string En);

/// <summary>
/// The message catalogue: event → recipients → channel → template. Adding an event is one line here and one template
/// below (its timeline kind is registered with the outbox trigger at start). Talents' texts carry the case number, item
/// names, dates and the public lookup address, never the ID number, the name or the phone.
/// </summary>
public static partial class MessageCatalogue
{
    /// <summary>Every line, in the order a case lives them.</summary>
    public static IReadOnlyList<CatalogueLine> Lines { get; } =
    [
        new(TimelineKind.Accepted.Stored, Audience.Talent, Channels.Sms, "window-accepted"),
        new(TimelineKind.Accepted.Stored, Audience.Talent, Channels.Sms, "window-deferred-reminder", Reminder: true),
        new(TimelineKind.StepReturned.Stored, Audience.Talent, Channels.Sms, "window-supplement"),
        new(TimelineKind.StepReturned.Stored, Audience.Talent, Channels.Sms, "window-supplement-reminder", Reminder: true),
        new(TimelineKind.StepReturned.Stored, Audience.Officer, Channels.Inbox, "staff-step-returned"),
        new(TimelineKind.StepReturned.Stored, Audience.Officer, Channels.Email, "staff-step-returned"),
        new(TimelineKind.CaseCompleted.Stored, Audience.Talent, Channels.Sms, "window-completed"),
        new(TimelineKind.CaseCompleted.Stored, Audience.Talent, Channels.Sms, "window-rating"),
        new(TimelineKind.OfficerAssigned.Stored, Audience.AssignedOfficer, Channels.Inbox, "staff-assigned"),
        new(TimelineKind.OfficerAssigned.Stored, Audience.AssignedOfficer, Channels.Email, "staff-assigned"),
        new(TimelineKind.StepAssigned.Stored, Audience.AssignedOfficer, Channels.Inbox, "staff-step-assigned"),
        new(TimelineKind.ExtensionRequested.Stored, Audience.Supervisors, Channels.Inbox, "staff-decision-needed"),
        new(TimelineKind.SuspensionRequested.Stored, Audience.Supervisors, Channels.Inbox, "staff-decision-needed"),
        new(TimelineKind.TerminationRequested.Stored, Audience.Supervisors, Channels.Inbox, "staff-decision-needed"),
        new(TimelineKind.ExtensionApproved.Stored, Audience.Talent, Channels.Sms, "window-extended"),
        new(TimelineKind.Suspended.Stored, Audience.Talent, Channels.Sms, "window-suspended"),
        new(TimelineKind.Resumed.Stored, Audience.Talent, Channels.Sms, "window-resumed"),
        new(TimelineKind.Terminated.Stored, Audience.Talent, Channels.Sms, "window-terminated"),
    ];

    /// <summary>Every template by id.</summary>
    public static IReadOnlyDictionary<string, MessageTemplate> Templates { get; } = new MessageTemplate[]
    {
        new("window-accepted",
            "【人才服务窗口】您的办件{caseNumber}（{items}）已受理，承诺于{promisedBy}前办结。进度查询：{link}（凭回执上的查询码）",
            "[Talent Service Window] Case {caseNumber} ({items}) is accepted and due by {promisedBy}. Progress: {link} (with the code on your receipt)"),
        new("window-supplement",
            "【人才服务窗口】您的办件{caseNumber}需补正材料：{materials}{due}。请一次性补齐后交综合窗口。进度查询：{link}",
            "[Talent Service Window] Case {caseNumber} needs these materials: {materials}{due}. Bring them all to the window. Progress: {link}"),
        new("window-deferred-reminder",
            "【人才服务窗口】提醒：您的办件{caseNumber}容缺受理的材料（{materials}）请于{dueDate}前补交综合窗口。进度查询：{link}",
            "[Talent Service Window] Reminder: case {caseNumber} still needs {materials} by {dueDate} (accepted with them deferred). Progress: {link}"),
        new("window-supplement-reminder",
            "【人才服务窗口】提醒：您的办件{caseNumber}需补正的材料（{materials}）请于{dueDate}前交综合窗口。进度查询：{link}",
            "[Talent Service Window] Reminder: case {caseNumber} needs {materials} by {dueDate}. Progress: {link}"),
        new("window-completed",
            "【人才服务窗口】您的办件{caseNumber}（{items}）已办结。请携带受理回执到人才服务综合窗口领取结果（工作日9:00-17:00），也可致电窗口约定邮寄。",
            "[Talent Service Window] Case {caseNumber} ({items}) is complete. Collect the result at the window with your receipt (working days 9:00-17:00), or call to have it posted."),
        new("window-rating",
            "【人才服务窗口】办件{caseNumber}已办结，请为本次服务评价（好差评）：{link}（凭回执上的查询码）",
            "[Talent Service Window] Case {caseNumber} is complete: please rate our service at {link} (with the code on your receipt)"),
        new("staff-step-returned",
            "办件{caseNumber}的{step}退回补正：{materials}。请联系申请人补齐材料。{link}",
            "Case {caseNumber}: {step} was returned for supplement: {materials}. Please ask the talent for them. {link}"),
        new("staff-assigned",
            "办件{caseNumber}（{items}）已分派给您负责。{link}",
            "Case {caseNumber} ({items}) is now yours. {link}"),
        new("window-extended",
            "【人才服务窗口】您的办件{caseNumber}（{items}）依法延长办理期限，延期告知书可在进度页查看下载：{link}",
            "[Talent Service Window] The time limit of case {caseNumber} ({items}) is extended; the notice is on the progress page: {link}"),
        new("window-suspended",
            "【人才服务窗口】您的办件{caseNumber}（{items}）中止办理，期间不计入办理时限；中止告知书可在进度页查看下载：{link}",
            "[Talent Service Window] Case {caseNumber} ({items}) is suspended and its clock stopped; the notice is on the progress page: {link}"),
        new("window-resumed",
            "【人才服务窗口】您的办件{caseNumber}（{items}）已恢复办理。进度查询：{link}",
            "[Talent Service Window] Case {caseNumber} ({items}) is being handled again. Progress: {link}"),
        new("window-terminated",
            "【人才服务窗口】您的办件{caseNumber}（{items}）已终止办理，终止告知书可在进度页查看下载：{link}",
            "[Talent Service Window] Case {caseNumber} ({items}) is terminated; the notice is on the progress page: {link}"),
        new("staff-step-assigned",
            "办件{caseNumber}的{step}已改派给您办理。{link}",
            "Case {caseNumber}: {step} is now assigned to you. {link}"),
        new("staff-decision-needed",
            "办件{caseNumber}（{items}）有待您审批的申请（延期、中止或终止）。{link}",
            "Case {caseNumber} ({items}) has a request (extension, suspension or termination) awaiting your decision. {link}"),
        new("staff-escalation",
            "办件{caseNumber}{step}的时限亮灯：{light}。{link}",
            "Case {caseNumber} {step}: its deadline light is now {light}. {link}"),
    }.ToDictionary(t => t.Id, StringComparer.Ordinal);

    /// <summary>The timeline kinds that notify (the trigger queues their entries).</summary>
    public static IReadOnlyList<string> Kinds => [.. Lines.Select(l => l.Kind).Distinct(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="template"/> is a reminder's (sent later, only while materials are missing).</summary>
    public static bool IsReminder(string template) => Lines.Any(l => l.Template == template && l.Reminder);

    /// <summary>The lines of one kind (none for a kind the catalogue does not know, e.g. a newer host's).</summary>
    public static IEnumerable<CatalogueLine> For(string kind) => Lines.Where(l => l.Kind == kind);

    /// <summary>A template's text in one language with its holes filled (unknown holes are left empty).</summary>
    public static string Render(string templateId, IReadOnlyDictionary<string, string> parameters, bool english = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var template = Templates[templateId];
        return Hole().Replace(english ? template.En : template.Zh, match => parameters.GetValueOrDefault(match.Groups[1].Value, ""));
    }

    /// <summary>A date as texts print it: 2026年12月7日.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Hole();
}
