using System.Globalization;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Sla;
using Window.Storage.Identity;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;
using Window.Workflows.Definitions;

namespace Window.Host.Components.Ui;

/// <summary>What the names of people and departments are read from: the identity store (display names, departments as administrators renamed them).</summary>
public interface INameSource
{
    /// <summary>Every user's display name by login, and every department (active or not) by id.</summary>
    Task<NameEntries> LoadAsync(CancellationToken cancellationToken = default);
}

/// <summary>Display names by login and department names by id, as stored.</summary>
public sealed record NameEntries(IReadOnlyDictionary<string, string> People, IReadOnlyDictionary<string, LocalizedName> Departments)
{
    public static NameEntries None { get; } = new(new Dictionary<string, string>(), new Dictionary<string, LocalizedName>());
}

/// <summary>
/// The words for people and things on every page: people by display name instead of login, departments, items, steps,
/// materials and outcomes by their Chinese (or English) names, deadlines on the working calendar. The stored names are
/// read once into a snapshot and kept for <see cref="Freshness"/> (every host of a cluster sees a rename within that
/// time), so a page of a thousand rows asks the database nothing. A page awaits <see cref="ReadyAsync"/> once in its
/// load, then reads names synchronously while it renders.
/// </summary>
public sealed class Names(CatalogSource calendars, INameSource source, TimeProvider time) : IDisposable
{
    /// <summary>The catalogue now: a publication in the workflow studio replaces it while the host runs.</summary>
    private WorkflowCatalog catalog => calendars.Current;

    /// <summary>How long a snapshot of the stored names is used before it is read again.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Snapshot snapshot = new(NameEntries.None, DateTimeOffset.MinValue);

    /// <summary>The working calendar the engine counts on now (published years included once <see cref="ReadyAsync"/> ran).</summary>
    public WorkingCalendar Calendar => calendars.Current.Calendar;

    /// <summary>Today in office time.</summary>
    public DateOnly Today => OfficeTime.DateOf(time.GetUtcNow());

    /// <summary>Reads the stored names when the snapshot is older than <see cref="Freshness"/>; cheap otherwise.</summary>
    public async Task ReadyAsync(CancellationToken cancellationToken = default)
    {
        if (IsFresh(snapshot))
        {
            return;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            if (!IsFresh(snapshot))
            {
                var at = time.GetUtcNow();
                snapshot = new Snapshot(await source.LoadAsync(cancellationToken), at);
            }
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>Makes the next <see cref="ReadyAsync"/> read the stored names again (after an administrator changed them here).</summary>
    public void Forget() => snapshot = snapshot with { LoadedAt = DateTimeOffset.MinValue };

    /// <summary>A person's display name; "系统" for the system, "人才" for a talent rating online, the login when unknown.</summary>
    public string Person(string? login) => login switch
    {
        null or "" => "—",
        _ when login == Actor.System.User => Text.Role(Roles.System),
        _ when login.StartsWith(Roles.Talent + ":", StringComparison.Ordinal) => Text.Role(Roles.Talent),
        _ => snapshot.Entries.People.TryGetValue(login, out var name) && !string.IsNullOrWhiteSpace(name) ? name : login,
    };

    /// <summary>A person with their role: 李丽（人才专员）.</summary>
    public string PersonWithRole(string? login, string? role)
    {
        var person = Person(login);
        var roleText = role is null ? null : Text.Role(role);
        // A display name that already says the role ("人才专员 李强"), or the system and talents, need no second mention.
        return roleText is null || role is Roles.System or Roles.Talent || person.Contains(roleText, StringComparison.Ordinal)
            ? person
            : Text.English ? $"{person} ({roleText})" : $"{person}（{roleText}）";
    }

    /// <summary>A department's name as administrators keep it (the catalogue's when not stored); "—" for none, the id when unknown.</summary>
    public string Department(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "—";
        }

        return snapshot.Entries.Departments.TryGetValue(id, out var stored) ? Pick(stored)
            : catalog.Departments.TryGetValue(id, out var department) ? Pick(department.Name)
            : id;
    }

    /// <summary>
    /// Every one of <paramref name="ids"/> by name, in the order given, without repeats, joined with "、" (", "); none is
    /// left out however many there are.
    /// </summary>
    public string Departments(IEnumerable<string?> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var names = ids.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).Select(Department).ToList();
        return names.Count == 0 ? "—" : string.Join(Text.L("、", ", "), names);
    }

    /// <summary>An item's (or a bundle's) name, of <paramref name="version"/> when given, else the newest; the id when unknown.</summary>
    public string Item(string? id, int? version = null)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "—";
        }

        var item = version is { } v ? catalog.FindItem(id, v) ?? catalog.LatestItem(id) : catalog.LatestItem(id);
        return item is not null ? Pick(item.Name) : catalog.LatestBundle(id) is { } bundle ? Pick(bundle.Name) : id;
    }

    /// <summary>A step's name within its item (of <paramref name="version"/> when given); the step id when unknown.</summary>
    public string Step(string itemId, string stepId, int? version = null)
    {
        ArgumentNullException.ThrowIfNull(stepId);
        var item = version is { } v ? catalog.FindItem(itemId, v) : null;
        var step = item?.FindStep(stepId) ?? catalog.Items.Where(i => i.Id == itemId).Reverse().Select(i => i.FindStep(stepId)).FirstOrDefault(s => s is not null);
        return step is null ? stepId : Pick(step.Name);
    }

    /// <summary>A step given as the API writes it, "item.step" (or an item alone): 落户 · 户籍审核.</summary>
    public string ItemStep(string? itemStep)
    {
        if (string.IsNullOrEmpty(itemStep))
        {
            return "—";
        }

        var dot = itemStep.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? Item(itemStep) : ItemStep(itemStep[..dot], itemStep[(dot + 1)..]);
    }

    /// <summary>An item and one of its steps: 落户 · 公安局落户资格审核; the item alone without a step; "—" without either.</summary>
    public string ItemStep(string? itemId, string? stepId) =>
        string.IsNullOrEmpty(itemId) ? "—" : string.IsNullOrEmpty(stepId) ? Item(itemId) : Item(itemId) + " · " + Step(itemId, stepId);

    /// <summary>A material's name from any item's checklist; the id when unknown.</summary>
    public string Material(string? id) =>
        string.IsNullOrEmpty(id) ? "—"
        : catalog.Items.Reverse().SelectMany(i => i.Materials).FirstOrDefault(m => m.Id == id) is { } material ? Pick(material.Name)
        : id;

    /// <summary>A stored outcome (approve / reject / return) as words; shown as stored when this version does not know it.</summary>
    public static string Outcome(string? outcome) =>
        outcome is null ? "—" : OutcomeKinds.TryParse(outcome, out var known) ? Text.Of(known) : outcome;

    /// <summary>
    /// A timeline entry as one line of words: its kind, the item and step by name, and its detail in words (outcomes,
    /// materials, the officer, the rating, dates, the light); free text (reasons, visit purposes) as written.
    /// </summary>
    public string Timeline(TimelineEntryDto entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parts = new List<string> { Text.Timeline(entry.Kind) };
        if (entry.Step is { Length: > 0 } step)
        {
            parts.Add(ItemStep(step));
        }

        if (Detail(entry) is { Length: > 0 } detail)
        {
            parts.Add(detail);
        }

        return string.Join(" · ", parts);
    }

    /// <summary>Who made a timeline entry, by display name and role.</summary>
    public string TimelineActor(TimelineEntryDto entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return PersonWithRole(entry.Actor, entry.Role);
    }

    /// <summary>A deadline given as the engine's due instant: 2026年12月7日（周一） · 剩余3个工作日.</summary>
    public string Deadline(DateTimeOffset? due, bool provisional = false) => Text.Deadline(due, Calendar, time.GetUtcNow(), provisional);

    /// <summary>A deadline given as its last day (a promised date, a supplement date).</summary>
    public string Deadline(DateOnly? lastDay, bool provisional = false) => Text.Deadline(lastDay, Calendar, Today, provisional);

    /// <summary>Working days left until the due instant's last day (negative when overdue); null without a due.</summary>
    public int? WorkingDaysLeft(DateTimeOffset? due) => due is { } d ? Text.WorkingDaysLeft(Text.LastDay(d), Calendar, Today) : null;

    /// <inheritdoc />
    public void Dispose() => loading.Dispose();

    private string? Detail(TimelineEntryDto entry)
    {
        var detail = entry.Detail;
        if (string.IsNullOrEmpty(detail) || !TimelineKinds.TryParse(entry.Kind, out var kind))
        {
            return detail;
        }

        switch (kind)
        {
            case TimelineKind.ItemApproved or TimelineKind.ItemRejected when OutcomeKinds.TryParse(detail, out _):
                return null; // the kind already says it
            case TimelineKind.OfficerAssigned:
                return Person(detail);
            case TimelineKind.Evaluated when Text.Of("rating." + detail) is var rating && !rating.StartsWith("rating.", StringComparison.Ordinal):
                return rating;
            case TimelineKind.LightChanged when LightKinds.TryParse(detail, out var light):
                return Text.Of(light);
            case TimelineKind.Delivered when detail.Split(':') is [var method, var collector]:
                return (Word("delivery." + method) ?? method) + Text.L("，", ", ") + (Word("collector." + collector) ?? collector);
            case TimelineKind.Delivered:
                return Word("delivery." + detail) ?? detail;
            case TimelineKind.StepAssigned:
                return Person(detail);
            case TimelineKind.PersonalDataRevealed when PersonalDataReveal.Parse(detail) is var (field, reason):
                return (Word("field." + field) ?? field) + (reason is null ? "" : Text.L("，理由：", "; why: ") + reason);
            case TimelineKind.RectificationOpened when Day(detail) is { } due:
                return Text.L("整改期限 ", "due ") + Text.Date(due);
            case TimelineKind.PromisePostponed when detail.Split('→') is [var before, var after] && Day(before) is { } from && Day(after) is { } to:
                return Text.Date(from) + " → " + Text.Date(to);
            case TimelineKind.ExtensionRequested or TimelineKind.ExtensionApproved or TimelineKind.ExtensionRefused when detail.Split('|', 2) is [var days, var why]:
                return Text.L($"{days} 个工作日", $"{days} working days") + (why.Length == 0 ? "" : " · " + why);
            case TimelineKind.ActRefused when detail.Split('|', 2) is [var act, var why]:
                return Text.Of("act." + act) + (why.Length == 0 ? "" : " · " + why);
            case TimelineKind.SupplementExtended when detail.Split('|', 3) is [var supplement, var day, var why] && Day(day) is { } until:
                return (supplement == "deferred" ? Text.Of("act.deferred") + " · " : "") + Text.L("补正截止 ", "supply by ") + Text.Date(until) + " · " + why;
            case TimelineKind.SupplementOverdue:
                return detail == "deferred" ? Text.Of("act.deferred") : null;
        }

        if (OutcomeKinds.TryParse(detail, out var outcome))
        {
            return Text.Of(outcome);
        }

        var ids = detail.Split(',');
        var materials = ids.Select(id => (Id: id, Name: Material(id))).ToList();
        return materials.All(m => m.Name != m.Id) ? string.Join(Text.L("、", ", "), materials.Select(m => m.Name)) : detail;
    }

    private static string? Word(string key) => Text.Of(key) is var word && word != key ? word : null;

    private static DateOnly? Day(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string Pick(LocalizedName name) => Text.English ? name.En : name.Zh;

    private bool IsFresh(Snapshot current) => current.LoadedAt != DateTimeOffset.MinValue && time.GetUtcNow() - current.LoadedAt < Freshness;

    private sealed record Snapshot(NameEntries Entries, DateTimeOffset LoadedAt);
}

/// <summary>The names as the identity store holds them; the published calendar years are loaded on the way, so deadlines count on them.</summary>
internal sealed class StoredNameSource(UserStore users, CalendarYears calendar) : INameSource
{
    public async Task<NameEntries> LoadAsync(CancellationToken cancellationToken = default)
    {
        await calendar.EnsureLoadedAsync(cancellationToken);
        var people = (await users.ListAsync(cancellationToken)).ToDictionary(u => u.Username, u => u.DisplayName, StringComparer.Ordinal);
        var departments = (await users.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Id, d => new LocalizedName(d.NameZh, d.NameEn), StringComparer.Ordinal);
        return new NameEntries(people, departments);
    }
}
