using Window.Contracts;
using Window.Grains.Cases;
using Window.Grains.Cases.Commands;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Cases;

/// <summary>Issue 20's deciders as functions: step reassignment, rectification follow-up, closure and appeal, delivery at the window.</summary>
public sealed class when_handing_over_and_rectifying
{
    private static readonly Actor Officer1 = Officer;

    [Fact]
    public void a_supervisor_gives_a_claimed_step_to_a_clerk_of_its_department_and_the_entry_is_the_departments()
    {
        var (state, instance) = Opened();
        (state, instance) = After(ClaimStepDecider.Decide(state, instance, new ClaimStepCommand(Meta(Health, "c"), Step), Context()), instance);

        var decision = AssignStepDecider.Decide(state, instance, new AssignStepCommand(Meta(Supervisor, "a"), Step, "doctor2", "health"), Context());

        var (assigned, next) = After(decision, instance);
        Assert.Equal("doctor2", next.Items[0].Steps.Single(s => s.Id == "checkup-arrangement").ClaimedBy);
        var entry = Assert.Single(decision.EntriesAfter(state));
        Assert.Equal((TimelineKind.StepAssigned.Stored, "boss1", "health", "doctor2"), (entry.Kind, entry.Actor, entry.Department, entry.Detail));
        Assert.NotNull(assigned);
    }

    [Fact]
    public void a_clerk_of_another_department_or_nobody_is_refused()
    {
        var (state, instance) = Opened();

        var other = AssignStepDecider.Decide(state, instance, new AssignStepCommand(Meta(Supervisor, "a"), Step, "builder1", "housing"), Context());

        Assert.Equal(("not_in_department", "user"), (other.Refusal!.Code, other.Refusal.Field));
        Assert.Equal("user", AssignStepDecider.Validate(new AssignStepCommand(Meta(Supervisor, "b"), Step, " ", "health"))!.Field);
        Assert.Equal(OutcomeStatus.Forbidden, AccessRules.Authorize(state, new AssignStepCommand(Meta(Health, "c"), Step, "doctor2", "health"))!.Status);
    }

    [Fact]
    public void a_poor_rating_opens_a_rectification_owned_by_the_officer_with_the_items_days()
    {
        var (state, instance) = Completed();

        var rated = EvaluateDecider.Decide(state, instance, new EvaluateCommand(Meta(Desk, "e"), 1, "太慢"), Context()).State!;

        Assert.Equal(new RectificationView(Officer1.User, rated.Evaluation!.RectificationDue!.Value, RectificationStates.Open, []), rated.Rectification);
        Assert.Equal(Engine.Catalog.Calendar.AddWorkingDays(new DateOnly(2026, 3, 10), 10), rated.Rectification!.Due);
        Assert.Null(EvaluateDecider.Decide(state, instance, new EvaluateCommand(Meta(Desk, "f"), 4, null), Context()).State!.Rectification);
    }

    [Fact]
    public void the_officer_follows_up_then_closes_and_nothing_follows_a_closure()
    {
        var (state, instance) = Rated();

        var tooEarly = CloseRectificationDecider.Decide(state, instance, new CloseRectificationCommand(Meta(Officer1, "x"), "已整改"), Context());
        (state, instance) = After(FollowUpRectificationDecider.Decide(state, instance, new FollowUpRectificationCommand(Meta(Officer1, "f"), " 已回访 "), Context()), instance);
        (state, instance) = After(CloseRectificationDecider.Decide(state, instance, new CloseRectificationCommand(Meta(Officer1, "c"), "已整改"), Context()), instance);
        var afterClosure = FollowUpRectificationDecider.Decide(state, instance, new FollowUpRectificationCommand(Meta(Officer1, "g"), "再回访"), Context());

        Assert.Equal("no_follow_up", tooEarly.Refusal!.Code);
        Assert.Equal(("closed", "已整改", Now), (state.Rectification!.State, state.Rectification.Result, state.Rectification.ClosedAt!.Value));
        Assert.Equal("已回访", Assert.Single(state.Rectification.FollowUps).Note);
        Assert.Equal("rectification_closed", afterClosure.Refusal!.Code);
        Assert.Equal(
            [TimelineKind.RectificationFollowedUp.Stored, TimelineKind.RectificationClosed.Stored],
            state.Timeline.Select(e => e.Kind).Where(k => k.StartsWith("rectification-f", StringComparison.Ordinal) || k == TimelineKind.RectificationClosed.Stored));
    }

    [Fact]
    public void an_appeal_blocks_closure_until_a_supervisor_decides_and_a_void_closes_the_rectification()
    {
        var (state, instance) = Rated();
        (state, instance) = After(AppealRatingDecider.Decide(state, instance, new AppealRatingCommand(Meta(Officer1, "a"), "与服务无关"), Context()), instance);
        (state, instance) = After(FollowUpRectificationDecider.Decide(state, instance, new FollowUpRectificationCommand(Meta(Officer1, "f"), "已回访"), Context()), instance);

        var blocked = CloseRectificationDecider.Decide(state, instance, new CloseRectificationCommand(Meta(Officer1, "c"), "x"), Context());
        var twice = AppealRatingDecider.Decide(state, instance, new AppealRatingCommand(Meta(Officer1, "b"), "again"), Context());
        var (voided, _) = After(DecideAppealDecider.Decide(state, instance, new DecideAppealCommand(Meta(Supervisor, "d"), Uphold: false), Context()), instance);

        Assert.Equal("appeal_pending", blocked.Refusal!.Code);
        Assert.Equal("already_appealed", twice.Refusal!.Code);
        Assert.Equal((RectificationStates.AppealVoided, RectificationStates.Closed, "boss1"), (voided.Rectification!.Appeal!.State, voided.Rectification.State, voided.Rectification.Appeal.DecidedBy));
        Assert.Equal(2, voided.Evaluation!.Level);
        Assert.Equal(TimelineKind.RatingVoided.Stored, voided.Timeline[^1].Kind);
    }

    [Fact]
    public void an_upheld_rating_keeps_the_rectification_open()
    {
        var (state, instance) = Rated();
        (state, instance) = After(AppealRatingDecider.Decide(state, instance, new AppealRatingCommand(Meta(Officer1, "a"), "与服务无关"), Context()), instance);

        var (upheld, _) = After(DecideAppealDecider.Decide(state, instance, new DecideAppealCommand(Meta(Supervisor, "d"), Uphold: true), Context()), instance);

        Assert.Equal((RectificationStates.AppealUpheld, RectificationStates.Open), (upheld.Rectification!.Appeal!.State, upheld.Rectification.State));
    }

    [Fact]
    public void a_case_rated_before_rectifications_were_recorded_has_one_from_its_due_day()
    {
        var (state, instance) = Rated();
        var old = state with { Rectification = null };

        var (followed, _) = After(FollowUpRectificationDecider.Decide(old, instance, new FollowUpRectificationCommand(Meta(Officer1, "f"), "已回访"), Context()), instance);

        Assert.Equal((Officer1.User, old.Evaluation!.RectificationDue!.Value), (followed.Rectification!.Owner, followed.Rectification.Due));
    }

    [Fact]
    public void only_the_cases_officer_acts_on_its_rectification_and_only_a_supervisor_decides_an_appeal()
    {
        var (state, _) = Rated();
        var stranger = new Actor("officer2", Roles.Officer, null);

        Assert.Equal(OutcomeStatus.Forbidden, AccessRules.Authorize(state, new FollowUpRectificationCommand(Meta(stranger, "f"), "x"))!.Status);
        Assert.Equal(OutcomeStatus.Forbidden, AccessRules.Authorize(state, new DecideAppealCommand(Meta(Officer1, "d"), true))!.Status);
        Assert.Null(AccessRules.Authorize(state, new CloseRectificationCommand(Meta(Officer1, "c"), "x")));
        Assert.Null(AccessRules.Authorize(state, new DecideAppealCommand(Meta(Supervisor, "d"), true)));
    }

    [Fact]
    public void a_proxy_collects_at_the_window_sealed_and_post_records_no_collector()
    {
        var (state, instance) = Completed();
        byte[] sealedProxy = [1, 2, 3];

        var atWindow = DeliverResultDecider.Decide(state, instance, new DeliverResultCommand(Meta(Desk, "w"), "in-person", Collectors.Proxy, sealedProxy), Context()).State!;
        var byPost = DeliverResultDecider.Decide(state, instance, new DeliverResultCommand(Meta(Desk, "p"), "post"), Context()).State!;
        var noProxy = DeliverResultDecider.Decide(state, instance, new DeliverResultCommand(Meta(Desk, "n"), "in-person", Collectors.Proxy), Context());

        Assert.Equal(("in-person", Collectors.Proxy), (atWindow.Delivery!.Method, atWindow.Delivery.Collector));
        Assert.Equal(sealedProxy, atWindow.Delivery.SealedProxy);
        Assert.Equal("in-person:proxy", atWindow.Timeline[^1].Detail);
        Assert.Equal(state.Trips + 1, atWindow.Trips);
        Assert.Equal(new DeliveryView("post", null, null), byPost.Delivery);
        Assert.Equal("post", byPost.Timeline[^1].Detail);
        Assert.Equal("proxy", noProxy.Refusal!.Field);
    }

    private static (CaseState State, Window.Workflows.Engine.WorkflowInstance Instance) Rated()
    {
        var (state, instance) = Completed();
        return After(EvaluateDecider.Decide(state, instance, new EvaluateCommand(Meta(Desk, "e"), 2, "太慢"), Context()), instance);
    }
}
