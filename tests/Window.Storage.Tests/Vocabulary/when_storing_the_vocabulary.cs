using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Window.Contracts;
using Window.Testing;

namespace Window.Storage.Tests.Vocabulary;

/// <summary>
/// The stored strings of statuses, lights, kinds and outcomes are data: cases stored by every earlier version, the SQL
/// triggers and partial indexes compare them. These tests pin them, so that renaming or adding a member never changes
/// what is stored, and check the SQL and a database written by the previous version against them.
/// </summary>
public sealed partial class when_storing_the_vocabulary
{
    /// <summary>The columns the migrations compare with literals, and which vocabularies their values come from.</summary>
    private static readonly Dictionary<string, Type[]> ComparedColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kind"] = [typeof(TimelineKind), typeof(NotificationKind)],
        ["status"] = [typeof(CaseStatusKind), typeof(ItemStatusKind), typeof(StepStatusKind), typeof(MaterialStatusKind), typeof(MessageStatusKind)],
        ["case_status"] = [typeof(CaseStatusKind)],
        ["light"] = [typeof(LightKind)],

        // Compared only together with kind = 'light-changed', whose detail is the new light.
        ["detail"] = [typeof(LightKind)],
    };

    [Fact]
    public void timeline_kinds_keep_their_stored_strings() => AssertPinned(TimelineKinds.Names,
        (TimelineKind.Accepted, "accepted"),
        (TimelineKind.StepReady, "step-ready"),
        (TimelineKind.StepSkipped, "step-skipped"),
        (TimelineKind.StepClaimed, "step-claimed"),
        (TimelineKind.StepCompleted, "step-completed"),
        (TimelineKind.StepReturned, "step-returned"),
        (TimelineKind.MaterialsSupplied, "materials-supplied"),
        (TimelineKind.StepResumed, "step-resumed"),
        (TimelineKind.WaitElapsed, "wait-elapsed"),
        (TimelineKind.StepCancelled, "step-cancelled"),
        (TimelineKind.ItemApproved, "item-approved"),
        (TimelineKind.ItemRejected, "item-rejected"),
        (TimelineKind.CaseCompleted, "case-completed"),
        (TimelineKind.OfficerAssigned, "officer-assigned"),
        (TimelineKind.PromisePostponed, "promise-postponed"),
        (TimelineKind.LightChanged, "light-changed"),
        (TimelineKind.Visit, "visit"),
        (TimelineKind.Delivered, "delivered"),
        (TimelineKind.Evaluated, "evaluated"),
        (TimelineKind.RectificationOpened, "rectification-opened"),
        (TimelineKind.Withdrawn, "withdrawn"),
        (TimelineKind.PersonalDataRevealed, "personal-data-revealed"),
        (TimelineKind.StepReleased, "step-released"),
        (TimelineKind.ExtensionRequested, "extension-requested"),
        (TimelineKind.ExtensionApproved, "extension-approved"),
        (TimelineKind.ExtensionRefused, "extension-refused"),
        (TimelineKind.SuspensionRequested, "suspension-requested"),
        (TimelineKind.Suspended, "suspended"),
        (TimelineKind.Resumed, "resumed"),
        (TimelineKind.TerminationRequested, "termination-requested"),
        (TimelineKind.Terminated, "terminated"),
        (TimelineKind.ActRefused, "act-refused"),
        (TimelineKind.StatutoryBreached, "statutory-breached"),
        (TimelineKind.SupplementOverdue, "supplement-overdue"),
        (TimelineKind.SupplementExtended, "supplement-extended"),
        (TimelineKind.ItemClosed, "item-closed"),
        (TimelineKind.StepAssigned, "step-assigned"),
        (TimelineKind.RectificationFollowedUp, "rectification-followed-up"),
        (TimelineKind.RectificationClosed, "rectification-closed"),
        (TimelineKind.RatingAppealed, "rating-appealed"),
        (TimelineKind.RatingUpheld, "rating-upheld"),
        (TimelineKind.RatingVoided, "rating-voided"));

    [Fact]
    public void case_statuses_keep_their_stored_strings() => AssertPinned(CaseStatusKinds.Names,
        (CaseStatusKind.Open, "open"), (CaseStatusKind.Completed, "completed"), (CaseStatusKind.Delivered, "delivered"),
        (CaseStatusKind.Withdrawn, "withdrawn"),
        (CaseStatusKind.Terminated, "terminated"));

    [Fact]
    public void item_statuses_keep_their_stored_strings() => AssertPinned(ItemStatusKinds.Names,
        (ItemStatusKind.Open, "open"), (ItemStatusKind.Approved, "approved"), (ItemStatusKind.Rejected, "rejected"));

    [Fact]
    public void step_statuses_keep_their_stored_strings() => AssertPinned(StepStatusKinds.Names,
        (StepStatusKind.Pending, "pending"), (StepStatusKind.Ready, "ready"), (StepStatusKind.Claimed, "claimed"),
        (StepStatusKind.Returned, "returned"), (StepStatusKind.Waiting, "waiting"), (StepStatusKind.Done, "done"),
        (StepStatusKind.Skipped, "skipped"), (StepStatusKind.Cancelled, "cancelled"));

    [Fact]
    public void material_statuses_keep_their_stored_strings() => AssertPinned(MaterialStatusKinds.Names,
        (MaterialStatusKind.Provided, "provided"), (MaterialStatusKind.Deferred, "deferred"), (MaterialStatusKind.Requested, "requested"));

    [Fact]
    public void lights_keep_their_stored_strings() => AssertPinned(LightKinds.Names,
        (LightKind.Green, "green"), (LightKind.Yellow, "yellow"), (LightKind.Red, "red"), (LightKind.None, "none"));

    [Fact]
    public void outcomes_keep_their_stored_strings() => AssertPinned(OutcomeKinds.Names,
        (OutcomeKind.Approve, "approve"), (OutcomeKind.Reject, "reject"), (OutcomeKind.Return, "return"));

    [Fact]
    public void case_acts_keep_their_stored_strings() => AssertPinned(CaseActKinds.Names,
        (CaseActKind.Extension, "extension"), (CaseActKind.Suspension, "suspension"), (CaseActKind.Termination, "termination"));

    [Fact]
    public void notification_kinds_keep_their_stored_strings() => AssertPinned(NotificationKinds.Names,
        (NotificationKind.LightChanged, "light-changed"), (NotificationKind.RectificationOpened, "rectification-opened"),
        (NotificationKind.RectificationLight, "rectification-light"),
        (NotificationKind.SlaAlertOnTime, "sla-alert-on-time"), (NotificationKind.SlaAlertRed, "sla-alert-red"));

    [Fact]
    public void message_statuses_keep_their_stored_strings() => AssertPinned(MessageStatusKinds.Names,
        (MessageStatusKind.Pending, "pending"), (MessageStatusKind.Sent, "sent"), (MessageStatusKind.Dead, "dead"),
        (MessageStatusKind.Skipped, "skipped"), (MessageStatusKind.Logged, "logged"));

    [Fact]
    public void every_vocabulary_is_pinned_here()
    {
        var pinned = new[]
        {
            typeof(TimelineKind), typeof(CaseStatusKind), typeof(ItemStatusKind), typeof(StepStatusKind), typeof(MaterialStatusKind),
            typeof(LightKind), typeof(OutcomeKind), typeof(NotificationKind),
            typeof(CaseActKind),
            typeof(MessageStatusKind),
        };

        Assert.Equal(pinned.Select(t => t.Name).Order(), Vocabularies().Select(v => v.Type.Name).Order());
    }

    [Fact]
    public void the_outbox_copies_the_timeline_kinds_it_shares_with_notifications()
    {
        Assert.Equal(TimelineKind.LightChanged.Stored, NotificationKind.LightChanged.Stored);
        Assert.Equal(TimelineKind.RectificationOpened.Stored, NotificationKind.RectificationOpened.Stored);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void every_string_the_migrations_compare_is_a_stored_member(DatabaseProvider provider)
    {
        var stored = Vocabularies().ToDictionary(v => v.Type, v => v.Strings);
        var compared = new List<(string Script, string Column, string Value)>();
        foreach (var script in DatabaseMigrator.Scripts(provider))
        {
            foreach (Match match in Comparison().Matches(script.Sql))
            {
                var values = match.Groups["in"].Success
                    ? Quoted().Matches(match.Groups["in"].Value).Select(m => m.Groups[1].Value)
                    : [match.Groups["value"].Value];
                compared.AddRange(values.Select(value => (script.Name, match.Groups["column"].Value, value)));
            }
        }

        // The triggers and partial indexes of the read_model, sla, sla_summary, sla_rollups and provisional_dates migrations.
        Assert.True(compared.Count > 30, $"Only {compared.Count} comparisons found: has the SQL changed shape?");
        var unknown = compared
            .Where(c => !ComparedColumns[c.Column].Any(type => stored[type].Contains(c.Value)))
            .Select(c => $"{c.Script}: {c.Column} '{c.Value}'")
            .ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task every_string_the_previous_version_stored_parses()
    {
        var file = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "previous-version", "c08f968", "window.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        async Task<List<string>> DistinctAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var values = new List<string>();
            while (await reader.ReadAsync())
            {
                values.Add(reader.GetString(0));
            }

            return values;
        }

        var kinds = await DistinctAsync("SELECT DISTINCT kind FROM window_case_events");
        Assert.NotEmpty(kinds);
        Assert.All(kinds, kind => TimelineKinds.Parse(kind));
        Assert.All(await DistinctAsync("SELECT DISTINCT kind FROM window_notification_dispatch"), kind => NotificationKinds.Parse(kind));
        Assert.All(await DistinctAsync("SELECT DISTINCT kind FROM window_inbox"), kind => NotificationKinds.Parse(kind));
        Assert.All(await DistinctAsync("SELECT DISTINCT status FROM window_cases"), status => CaseStatusKinds.Parse(status));
        Assert.All(await DistinctAsync("SELECT DISTINCT case_status FROM window_steps"), status => CaseStatusKinds.Parse(status));
        Assert.All(await DistinctAsync("SELECT DISTINCT status FROM window_case_items"), status => ItemStatusKinds.Parse(status));
        Assert.All(await DistinctAsync("SELECT DISTINCT status FROM window_steps"), status => StepStatusKinds.Parse(status));
        Assert.All(await DistinctAsync("SELECT DISTINCT status FROM window_case_materials"), status => MaterialStatusKinds.Parse(status));
        Assert.All(await DistinctAsync("SELECT DISTINCT light FROM window_cases UNION SELECT light FROM window_steps"), light => LightKinds.Parse(light));
        Assert.All(await DistinctAsync("SELECT DISTINCT outcome FROM window_steps WHERE outcome IS NOT NULL"), outcome => OutcomeKinds.Parse(outcome));
        Assert.All(await DistinctAsync("SELECT DISTINCT detail FROM window_case_events WHERE kind = 'light-changed'"), light => LightKinds.Parse(light));
    }

    /// <summary>Every vocabulary of Window.Contracts: the static classes with a <c>Names</c> table.</summary>
    internal static IEnumerable<(Type Type, IReadOnlyList<string> Strings)> Vocabularies() =>
        typeof(StoredNames<>).Assembly.GetTypes()
            .Select(type => type.GetProperty("Names", BindingFlags.Public | BindingFlags.Static))
            .Where(property => property?.PropertyType is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(StoredNames<>))
            .Select(property => (property!.PropertyType.GetGenericArguments()[0],
                (IReadOnlyList<string>)property.PropertyType.GetProperty(nameof(StoredNames<LightKind>.Strings))!.GetValue(property.GetValue(null))!));

    private static void AssertPinned<T>(StoredNames<T> names, params (T Member, string Stored)[] pinned)
        where T : struct, Enum
    {
        Assert.Equal(pinned.ToDictionary(p => p.Member, p => p.Stored), names.Members.ToDictionary(m => m, names.Of));
        Assert.All(pinned, p => Assert.Equal(p.Member, names.Parse(p.Stored)));
    }

    [GeneratedRegex(@"\b(?:\w+\.)?(?<column>kind|case_status|status|light|detail)\s*(?:(?:=|<>|!=)\s*'(?<value>[^']*)'|(?:NOT\s+)?IN\s*\((?<in>[^)]*)\))", RegexOptions.IgnoreCase)]
    private static partial Regex Comparison();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();
}
