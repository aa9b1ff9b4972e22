using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Window.Host.Api;
using Window.Host.Notifications;
using Window.Contracts;
using Window.Host.Tests.Sla;
using TestApi = Window.Host.Tests.Cases.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Notifications;

public sealed class when_a_talent_is_notified(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private const string Secret = "gateway-secret";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_accepted_case_sends_exactly_one_sms_with_its_number_and_no_id_number(DatabaseProvider provider)
    {
        await using var gateway = new FakeSmsGateway();
        await using var app = await StartAsync(provider, gateway);
        var idNumber = TestApi.NewIdNumber();
        var opened = await app.Desk().OpenAsync("housing-subsidy", idNumber);

        await RunAsync(app);
        await RunAsync(app);

        var sms = Assert.Single(gateway.Of("window-accepted"));
        Assert.Equal("13812345678", sms.To);
        Assert.Equal(opened.Number, sms.Param("caseNumber"));
        Assert.Contains("购房补贴", sms.Param("items"), StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, sms.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("张三丰", sms.Body, StringComparison.Ordinal);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(sms.Body))), sms.Signature);
        Assert.Equal(32, sms.Token?.Length);
        Assert.Single(gateway.Requests, r => r.Template == "window-accepted");

        var log = await app.Officer().GetJsonAsync<List<MessageDeliveryDto>>($"/api/cases/{opened.Id}/notifications");
        var accepted = Assert.Single(log, d => d.Template == "window-accepted");
        Assert.Equal(("sms", "sent", 1, "138****5678"), (accepted.Channel, accepted.Status, accepted.Attempts, accepted.MaskedTo));
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("13812345678", StringComparison.Ordinal) || line.Contains(idNumber, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_gateway_that_fails_twice_gets_the_message_once_it_answers(DatabaseProvider provider)
    {
        await using var gateway = new FakeSmsGateway(500, 500, 200);
        await using var app = await StartAsync(provider, gateway);
        var opened = await app.Desk().OpenAsync("housing-subsidy");

        await RunAsync(app);
        var first = Accepted(await LogAsync(app, opened.Id));
        Assert.Equal(("pending", 1, "http_500"), (first.Status, first.Attempts, first.LastError));
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromSeconds(30), first.NextAttemptAt);

        await RunAsync(app);
        Assert.Single(gateway.Of("window-accepted"));
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await RunAsync(app);
        var second = Accepted(await LogAsync(app, opened.Id));
        Assert.Equal(("pending", 2), (second.Status, second.Attempts));
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromSeconds(60), second.NextAttemptAt);

        app.Clock.Advance(TimeSpan.FromSeconds(60));
        await RunAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await RunAsync(app);

        var attempts = gateway.Of("window-accepted");
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(a => a.Token).Distinct());
        var sent = Accepted(await LogAsync(app, opened.Id));
        Assert.Equal(("sent", 3), (sent.Status, sent.Attempts));
    }

    [Fact]
    public async Task a_gateway_that_does_not_answer_within_the_attempt_timeout_is_a_failed_attempt()
    {
        await using var gateway = new FakeSmsGateway { Delay = TimeSpan.FromSeconds(3) };
        await using var app = await StartAsync(DatabaseProvider.Sqlite, gateway, new() { ["Window:Notifications:Timeout"] = "00:00:00.500" });
        var opened = await app.Desk().OpenAsync("housing-subsidy");

        // The resilience pipeline's timer runs on the host's clock: the gateway sits on the request while the clock moves on.
        gateway.OnRequest = _ =>
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            return Task.CompletedTask;
        };

        await RunAsync(app);

        var failed = Accepted(await LogAsync(app, opened.Id));
        Assert.Equal(("pending", 1, "timeout"), (failed.Status, failed.Attempts, failed.LastError));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_message_that_never_gets_through_goes_to_the_dead_letters_and_an_administrator_retries_it(DatabaseProvider provider)
    {
        await using var gateway = new FakeSmsGateway(Enumerable.Repeat(503, 3).ToArray());
        await using var app = await StartAsync(provider, gateway, new() { ["Window:Notifications:MaxAttempts"] = "3" });
        var opened = await app.Desk().OpenAsync("housing-subsidy");
        for (var pass = 0; pass < 4; pass++)
        {
            await RunAsync(app);
            app.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        using var admin = app.As("admin", Roles.Administrator);
        var dead = await admin.GetJsonAsync<DeadLetterPageDto>("/api/admin/notifications/dead");
        var letter = Assert.Single(dead.Items, d => d.CaseId == opened.Id);
        Assert.Equal(("window-accepted", 3, "http_503", "138****5678"), (letter.Template, letter.Attempts, letter.LastError, letter.MaskedTo));
        Assert.Equal(3, gateway.Of("window-accepted").Count);

        await (await admin.PostAsync(new Uri($"/api/admin/notifications/{letter.Id}/retry", UriKind.Relative), null)).ProblemAsync(400);
        var key = Guid.NewGuid().ToString();
        Assert.Equal(204, (int)(await admin.CommandAsync($"/api/admin/notifications/{letter.Id}/retry", null, key)).StatusCode);
        Assert.Equal(204, (int)(await admin.CommandAsync($"/api/admin/notifications/{letter.Id}/retry", null, key)).StatusCode);
        await (await admin.CommandAsync("/api/admin/notifications/999999/retry", null)).ProblemAsync(404);
        await (await admin.GetAsync(new Uri("/api/admin/notifications/dead?pageSize=0", UriKind.Relative))).ProblemAsync(400);
        Assert.Equal(403, (int)(await app.Officer().GetAsync(new Uri("/api/admin/notifications/dead", UriKind.Relative))).StatusCode);

        await RunAsync(app);
        Assert.Equal(4, gateway.Of("window-accepted").Count);
        Assert.Equal(("sent", 1), (Accepted(await LogAsync(app, opened.Id)).Status, Accepted(await LogAsync(app, opened.Id)).Attempts));
        Assert.Empty((await admin.GetJsonAsync<DeadLetterPageDto>("/api/admin/notifications/dead")).Items);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_return_for_supplement_texts_the_talent_and_reaches_the_officers_inbox(DatabaseProvider provider)
    {
        await using var gateway = new FakeSmsGateway();
        await using var app = await StartAsync(provider, gateway);
        var (opened, material) = await OpenAndReturnAsync(app);

        await RunAsync(app);

        var sms = Assert.Single(gateway.Of("window-supplement"));
        Assert.Equal(opened.Number, sms.Param("caseNumber"));
        Assert.Contains(material.Name.Zh, sms.Param("materials"), StringComparison.Ordinal);
        var inbox = await app.Officer().GetJsonAsync<InboxPageDto>("/api/notifications/inbox");
        var returned = Assert.Single(inbox.Items, i => i.Kind == "step-returned");
        Assert.Equal((opened.Id, opened.Number, "talent-office-review", false), (returned.CaseId, returned.CaseNumber, returned.StepId, returned.Read));
        Assert.Equal(inbox.Items.Count(i => !i.Read), inbox.Unread);
        Assert.Contains(await LogAsync(app, opened.Id), d => d is { Template: "staff-step-returned", Channel: "inbox", Status: "sent", Recipient: "officer" });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_return_with_a_last_day_says_it_and_reminds_the_talent_the_working_day_before(DatabaseProvider provider)
    {
        await using var gateway = new FakeSmsGateway();
        await using var app = await StartAsync(provider, gateway);
        var today = Window.Workflows.Calendar.OfficeTime.DateOf(app.Clock.GetUtcNow());
        var due = today.AddDays(14);
        while (due.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday or DayOfWeek.Monday)
        {
            due = due.AddDays(1);
        }

        var (opened, _) = await OpenAndReturnAsync(app, due);
        await RunAsync(app);

        var sms = Assert.Single(gateway.Of("window-supplement"));
        Assert.Contains(MessageCatalogue.Date(due), sms.Param("due"), StringComparison.Ordinal);
        var reminder = Assert.Single(await LogAsync(app, opened.Id), d => d.Template == "window-supplement-reminder");
        Assert.Equal(Window.Workflows.Calendar.OfficeTime.StartOf(due.AddDays(-1)).AddHours(9), reminder.NextAttemptAt);
        Assert.Empty(gateway.Of("window-supplement-reminder"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task completion_tells_the_talent_how_to_collect_and_invites_a_rating(DatabaseProvider provider)
    {
        await using var gateway = new FakeSmsGateway();
        await using var app = await StartAsync(provider, gateway);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        var done = await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(7));
        Assert.NotEqual("open", done.Status);

        await RunAsync(app);

        Assert.Contains("领取", MessageCatalogue.Render("window-completed", new Dictionary<string, string>()), StringComparison.Ordinal);
        Assert.Equal(opened.Number, Assert.Single(gateway.Of("window-completed")).Param("caseNumber"));
        var rating = Assert.Single(gateway.Of("window-rating"));
        Assert.EndsWith("/progress", rating.Param("link"), StringComparison.Ordinal);
        Assert.Single(gateway.Of("window-accepted"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task quiet_hours_hold_an_sms_until_eight_in_the_morning(DatabaseProvider provider)
    {
        await using var gateway = new FakeSmsGateway();
        await using var app = await StartAsync(provider, gateway, new() { ["Window:Notifications:QuietHours"] = "21:00-08:00" });
        var evening = new DateTimeOffset(2026, 11, 23, 21, 30, 0, SlaRequests.Beijing);
        app.Clock.SetUtcNow(evening);
        var opened = await app.Desk().OpenAsync("housing-subsidy");

        await RunAsync(app);
        Assert.Empty(gateway.Requests);
        var held = Accepted(await LogAsync(app, opened.Id));
        var eight = new DateTimeOffset(2026, 11, 24, 8, 0, 0, SlaRequests.Beijing);
        Assert.Equal(("pending", 0, eight), (held.Status, held.Attempts, held.NextAttemptAt));

        app.Clock.SetUtcNow(eight - TimeSpan.FromMinutes(1));
        await RunAsync(app);
        Assert.Empty(gateway.Requests);

        app.Clock.SetUtcNow(eight);
        await RunAsync(app);
        Assert.Single(gateway.Of("window-accepted"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_talent_who_opted_out_at_the_desk_gets_no_sms(DatabaseProvider provider)
    {
        await using var gateway = new FakeSmsGateway();
        await using var app = await StartAsync(provider, gateway);
        using var desk = app.Desk();
        var materials = (await desk.ChecklistAsync("housing-subsidy")).Where(m => m.Required).Select(m => m.Id).ToList();
        var talent = new { name = "李四", idNumber = TestApi.NewIdNumber(), phone = "13900001111", tier = "C", smsOptOut = true };
        var opened = await (await desk.CommandAsync("/api/cases", new { talent, items = new[] { "housing-subsidy" }, materials, deferred = Array.Empty<object>() }))
            .ReadAsync<CaseDto>();

        await RunAsync(app);

        Assert.Empty(gateway.Requests);
        var skipped = Accepted(await LogAsync(app, opened.Id));
        Assert.Equal(("skipped", "opted_out", "139****1111"), (skipped.Status, skipped.LastError, skipped.MaskedTo));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task staff_get_their_e_mail_through_a_real_smtp_conversation(DatabaseProvider provider)
    {
        await using var smtp = new FakeSmtpServer();
        await using var app = await StartAsync(provider, null, new()
        {
            ["Window:Notifications:Smtp:Host"] = "127.0.0.1",
            ["Window:Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Window:Notifications:Smtp:From"] = "window@talent.example.gov.cn",
            ["Window:Notifications:Smtp:Domain"] = "talent.example.gov.cn",
        });
        var (opened, material) = await OpenAndReturnAsync(app);

        await RunAsync(app);

        var (from, to, data) = Assert.Single(smtp.Messages);
        Assert.Equal(("window@talent.example.gov.cn", "officer@talent.example.gov.cn"), (from, Assert.Single(to)));
        var mail = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(data)));
        Assert.Contains(opened.Number, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("退回补正", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(material.Name.Zh, mail.TextBody, StringComparison.Ordinal);
        var log = await LogAsync(app, opened.Id);
        Assert.Contains(log, d => d is { Channel: "email", Status: "sent", Recipient: "officer" });
        // No gateway configured: the talent's SMS is logged in one line without personal data, and marked so.
        Assert.Contains(log, d => d is { Template: "window-accepted", Status: "logged" });
        Assert.Contains(app.Logs.Lines, line => line.Contains("window-accepted", StringComparison.Ordinal) && line.Contains("no channel configured", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_deferred_material_is_reminded_the_working_morning_before_it_is_due_unless_it_came_in(DatabaseProvider provider)
    {
        await using var gateway = new FakeSmsGateway();
        await using var app = await StartAsync(provider, gateway);
        var reminded = await OpenDeferringAsync(app);
        var supplied = await OpenDeferringAsync(app);

        await RunAsync(app);
        Assert.Empty(gateway.Of("window-deferred-reminder"));
        await (await app.Officer().CommandAsync($"/api/cases/{supplied.Id}/supplements", new { materials = new[] { "deed-tax-receipt" } })).ReadAsync<CaseDto>();
        var friday = new DateTimeOffset(2026, 11, 27, 9, 0, 0, SlaRequests.Beijing);
        Assert.Equal(friday, Assert.Single(await LogAsync(app, reminded.Id), d => d.Template == "window-deferred-reminder").NextAttemptAt);

        app.Clock.SetUtcNow(friday);
        await RunAsync(app);

        var reminder = Assert.Single(gateway.Of("window-deferred-reminder"));
        Assert.Equal((reminded.Number, "2026年11月30日"), (reminder.Param("caseNumber"), reminder.Param("dueDate")));
        Assert.Contains("契税", reminder.Param("materials"), StringComparison.Ordinal);
        var skipped = Assert.Single(await LogAsync(app, supplied.Id), d => d.Template == "window-deferred-reminder");
        Assert.Equal(("skipped", "not_needed"), (skipped.Status, skipped.LastError));
    }

    private static async Task<CaseDto> OpenDeferringAsync(WindowApp app)
    {
        using var desk = app.Desk();
        var materials = (await desk.ChecklistAsync("housing-subsidy")).Where(m => m.Required && m.Id != "deed-tax-receipt").Select(m => m.Id).ToList();
        return await (await desk.CommandAsync("/api/cases", new
        {
            talent = TestApi.Talent(),
            items = new[] { "housing-subsidy" },
            materials,
            deferred = new[] { new { material = "deed-tax-receipt", due = "2026-11-30" } },
        })).ReadAsync<CaseDto>();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_reassignment_reaches_the_new_officers_inbox_and_the_assignment_at_acceptance_does_not(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider, null);
        using (var admin = app.As("admin", Roles.Administrator))
        {
            await (await admin.CommandAsync("/api/admin/users", new { username = "officer-wu", displayName = "人才专员 吴敏", role = "officer", password = "a-long-password" }))
                .ReadAsync<System.Text.Json.JsonElement>();
        }

        var opened = await app.Desk().OpenAsync("housing-subsidy");
        await RunAsync(app);
        Assert.DoesNotContain((await app.Officer().GetJsonAsync<InboxPageDto>("/api/notifications/inbox")).Items, i => i.CaseId == opened.Id);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await (await app.As("supervisor", Roles.Supervisor).CommandAsync($"/api/cases/{opened.Id}/officer", new { officer = "officer-wu" })).ReadAsync<CaseDto>();
        await RunAsync(app);

        var inbox = await app.As("officer-wu", Roles.Officer).GetJsonAsync<InboxPageDto>("/api/notifications/inbox");
        var assigned = Assert.Single(inbox.Items);
        Assert.Equal((opened.Id, "officer-assigned", false, 1), (assigned.CaseId, assigned.Kind, assigned.Read, inbox.Unread));
        using var wu = app.As("officer-wu", Roles.Officer);
        Assert.Equal(204, (int)(await wu.CommandAsync($"/api/inbox/{assigned.Id}/read", null)).StatusCode);
        Assert.Equal(0, (await wu.GetJsonAsync<InboxPageDto>("/api/notifications/inbox")).Unread);
    }

    private static MessageDeliveryDto Accepted(IReadOnlyList<MessageDeliveryDto> log) => Assert.Single(log, d => d.Template == "window-accepted");

    /// <summary>Opens a housing subsidy and has the talent office return it for its first required material (with a last day when given).</summary>
    private static async Task<(CaseDto Opened, CatalogMaterialDto Material)> OpenAndReturnAsync(WindowApp app, DateOnly? due = null)
    {
        var opened = await app.Desk().OpenAsync("housing-subsidy");
        var material = (await app.Desk().ChecklistAsync("housing-subsidy")).First(m => m.Required);
        using var office = app.Department("talent-office");
        await (await office.CommandAsync($"/api/cases/{opened.Id}/steps/housing-subsidy.talent-office-review/complete",
            new { outcome = "return", reason = "材料不清晰", missing = new[] { material.Id }, due = due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })).ReadAsync<CaseDto>();
        return (opened, material);
    }

    private static async Task<List<MessageDeliveryDto>> LogAsync(WindowApp app, string caseId) =>
        await app.Officer().GetJsonAsync<List<MessageDeliveryDto>>($"/api/cases/{caseId}/notifications");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_extension_request_reaches_the_supervisors_and_its_approval_texts_the_talent(DatabaseProvider provider)
    {
        await using var gateway = new FakeSmsGateway();
        await using var app = await StartAsync(provider, gateway);
        var opened = await app.Desk().OpenAsync("medical-checkup");
        using var officer = app.As(opened.Officer, Roles.Officer);
        using var supervisor = app.As("supervisor", Roles.Supervisor);

        (await officer.CommandAsync($"/api/cases/{opened.Id}/extension", new { days = 5, reason = "需组织专家论证" })).EnsureSuccessStatusCode();
        await RunAsync(app);
        var asked = await supervisor.GetJsonAsync<InboxPageDto>("/api/notifications/inbox");
        Assert.Single(asked.Items, i => i.CaseId == opened.Id && i.Kind == "extension-requested");
        Assert.Empty(gateway.Of("window-extended"));

        (await supervisor.CommandAsync($"/api/cases/{opened.Id}/extension/decision", new { approve = true, comment = "同意延期" })).EnsureSuccessStatusCode();
        await RunAsync(app);
        await RunAsync(app);

        var sms = Assert.Single(gateway.Of("window-extended"));
        Assert.Equal(opened.Number, sms.Param("caseNumber"));
        Assert.Contains(await LogAsync(app, opened.Id), d => d is { Template: "staff-decision-needed", Channel: "inbox", Status: "sent" });
    }

    private static Task<int> RunAsync(WindowApp app) => app.Services.GetRequiredService<NotificationDispatcher>().RunOnceAsync();

    private Task<WindowApp> StartAsync(DatabaseProvider provider, FakeSmsGateway? gateway, Dictionary<string, string>? settings = null)
    {
        var configuration = new Dictionary<string, string>
        {
            ["Window:Notifications:QuietHours"] = "none",
            ["Window:Notifications:Sms:Secret"] = Secret,
        };
        if (gateway is not null)
        {
            configuration["Window:Notifications:Sms:Url"] = gateway.Url;
        }

        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        return WindowApp.StartAsync(provider, postgres, folder, configuration: configuration);
    }
}
