using Window.Contracts;
using Window.Grains.Cases;
using Window.Grains.Cases.Commands;
using Window.Workflows.Engine;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Cases;

public sealed class when_extending_the_statutory_limit
{
    [Fact]
    public void the_request_waits_and_an_approval_moves_the_statutory_date()
    {
        var (state, instance) = Opened();
        var before = Engine.Statutory(instance, CaseActs.Of(state).ExtendedDays, Now).DueAt;

        (state, instance) = After(RequestExtensionDecider.Decide(state, instance, new RequestExtensionCommand(Meta(Officer), 5, "expert opinion needed"), Context()), instance);
        Assert.Equal(ExtensionStatuses.Pending, Assert.Single(CaseActs.Of(state).Extensions).Status);
        Assert.Equal(before, Engine.Statutory(instance, CaseActs.Of(state).ExtendedDays, Now).DueAt);

        var approved = DecideActDecider.Decide(state, instance, new DecideActCommand(Meta(Supervisor, "d"), "extension", true, "ok"), Context());
        (state, instance) = After(approved, instance);

        Assert.Equal(TimelineKind.ExtensionApproved.Stored, approved.State!.Timeline[^1].Kind);
        var after = Engine.Statutory(instance, CaseActs.Of(state).ExtendedDays, Now).DueAt;
        Assert.Equal(new DateOnly(2026, 4, 15), DateOnly.FromDateTime(after!.Value.AddTicks(-1).ToOffset(TimeSpan.FromHours(8)).DateTime));
        Assert.True(after > before);
    }

    [Fact]
    public void more_than_the_allowance_in_all_is_refused_naming_days()
    {
        var (state, instance) = Opened();
        (state, instance) = After(RequestExtensionDecider.Decide(state, instance, new RequestExtensionCommand(Meta(Officer), 6, "a"), Context()), instance);
        (state, instance) = After(DecideActDecider.Decide(state, instance, new DecideActCommand(Meta(Supervisor, "d"), "extension", true, null), Context()), instance);

        var decision = RequestExtensionDecider.Decide(state, instance, new RequestExtensionCommand(Meta(Officer, "k2"), 5, "b"), Context());

        Assert.Equal((OutcomeStatus.Unprocessable, "extension_exceeds_allowance", "days"), (decision.Refusal!.Status, decision.Refusal.Code, decision.Refusal.Field));
    }

    [Fact]
    public void a_second_request_while_one_waits_is_a_conflict()
    {
        var (state, instance) = Opened();
        (state, instance) = After(RequestExtensionDecider.Decide(state, instance, new RequestExtensionCommand(Meta(Officer), 2, "a"), Context()), instance);

        var decision = RequestExtensionDecider.Decide(state, instance, new RequestExtensionCommand(Meta(Officer, "k2"), 2, "b"), Context());

        Assert.Equal("extension_pending", decision.Refusal!.Code);
    }

    [Fact]
    public void a_refusal_leaves_the_statutory_date_and_frees_the_days()
    {
        var (state, instance) = Opened();
        (state, instance) = After(RequestExtensionDecider.Decide(state, instance, new RequestExtensionCommand(Meta(Officer), 10, "a"), Context()), instance);
        (state, instance) = After(DecideActDecider.Decide(state, instance, new DecideActCommand(Meta(Supervisor, "d"), "extension", false, "not needed"), Context()), instance);

        Assert.Equal(0, CaseActs.Of(state).ExtendedDays);
        Assert.Null(RequestExtensionDecider.Decide(state, instance, new RequestExtensionCommand(Meta(Officer, "k2"), 10, "again"), Context()).Refusal);
    }

    [Fact]
    public void a_decision_with_nothing_pending_is_a_conflict()
    {
        var (state, instance) = Opened();

        var decision = DecideActDecider.Decide(state, instance, new DecideActCommand(Meta(Supervisor), "extension", true, null), Context());

        Assert.Equal((OutcomeStatus.Conflict, "nothing_pending"), (decision.Refusal!.Status, decision.Refusal.Code));
    }

    [Fact]
    public void zero_days_and_a_blank_reason_are_refused_before_the_case()
    {
        Assert.Equal("days", RequestExtensionDecider.Validate(new RequestExtensionCommand(Meta(Officer), 0, "a"))!.Field);
        Assert.Equal("reason", RequestExtensionDecider.Validate(new RequestExtensionCommand(Meta(Officer), 1, " "))!.Field);
    }
}

public sealed class when_suspending_and_resuming
{
    [Fact]
    public void the_clocks_stand_still_while_suspended_and_restart_on_resumption()
    {
        var (state, instance) = Opened();
        var promisedBefore = Engine.Sla(instance, Now).Case.DueAt!.Value;

        var suspended = SuspendDecider.Decide(state, instance, new SuspendCommand(Meta(Officer), "waiting for a court decision"), Context());
        (state, instance) = After(suspended, instance);
        Assert.NotNull(instance.SuspendedSince);
        Assert.Equal(TimelineKind.Suspended.Stored, Assert.Single(suspended.EntriesAfter(Opened().State)).Kind);
        Assert.Null(Engine.Sla(instance, Now.AddDays(7)).Case.DueAt);
        Assert.Equal("case_suspended", ClaimStepDecider.Decide(state, instance, new ClaimStepCommand(Meta(Health, "c"), Step), Context(Now.AddDays(1))).Refusal!.Code);

        // Suspended one whole working week (Tue..Tue): the promised due moves by exactly five working days.
        var resumedAt = Now.AddDays(7);
        (state, instance) = After(ResumeDecider.Decide(state, instance, new ResumeCommand(Meta(Officer, "r")), Context(resumedAt)), instance);

        Assert.Null(instance.SuspendedSince);
        var promisedAfter = Engine.Sla(instance, resumedAt).Case.DueAt!.Value;
        Assert.Equal(5, Engine.Catalog.Calendar.WorkingDaysBetween(DateOnly.FromDateTime(promisedBefore.AddTicks(-1).ToOffset(TimeSpan.FromHours(8)).DateTime), DateOnly.FromDateTime(promisedAfter.AddTicks(-1).ToOffset(TimeSpan.FromHours(8)).DateTime)));
        Assert.Equal(TimelineKind.Resumed.Stored, state.Timeline[^1].Kind);
    }

    [Fact]
    public void resuming_a_case_that_is_not_suspended_is_a_conflict()
    {
        var (state, instance) = Opened();

        var decision = ResumeDecider.Decide(state, instance, new ResumeCommand(Meta(Officer)), Context());

        Assert.Equal((OutcomeStatus.Conflict, WorkflowErrorCodes.NotSuspended), (decision.Refusal!.Status, decision.Refusal.Code));
    }

    [Fact]
    public void an_item_that_asks_for_approval_waits_for_a_supervisor()
    {
        var (state, instance) = OpenedFunding();

        var requested = SuspendDecider.Decide(state, instance, new SuspendCommand(Meta(Officer), "applicant asked"), Context());
        (state, instance) = After(requested, instance);
        Assert.Null(instance.SuspendedSince);
        Assert.Equal(CaseActKind.Suspension.Stored, CaseActs.Of(state).Pending!.Act);
        Assert.Equal(TimelineKind.SuspensionRequested.Stored, state.Timeline[^1].Kind);

        (state, instance) = After(DecideActDecider.Decide(state, instance, new DecideActCommand(Meta(Supervisor, "d"), "suspension", true, null), Context()), instance);

        Assert.NotNull(instance.SuspendedSince);
        Assert.Null(CaseActs.Of(state).Pending);
    }

    [Fact]
    public void a_refused_suspension_leaves_the_case_running()
    {
        var (state, instance) = OpenedFunding();
        (state, instance) = After(SuspendDecider.Decide(state, instance, new SuspendCommand(Meta(Officer), "applicant asked"), Context()), instance);

        (state, instance) = After(DecideActDecider.Decide(state, instance, new DecideActCommand(Meta(Supervisor, "d"), "suspension", false, "no grounds"), Context()), instance);

        Assert.Null(instance.SuspendedSince);
        Assert.Equal((TimelineKind.ActRefused.Stored, "suspension|no grounds"), (state.Timeline[^1].Kind, state.Timeline[^1].Detail));
    }

    internal static (CaseState State, WorkflowInstance Instance) OpenedFunding()
    {
        var open = new OpenCase(Meta(Desk, "open"), "talent-1", [], "E", ["startup-funding"], ["identity-card", "talent-certificate", "business-plan", "business-license", "bank-account"], []);
        var (accepted, refusal) = OpenCaseDecider.Accept(open, Context());
        Assert.Null(refusal);
        var decision = OpenCaseDecider.Open(open, accepted!, "RC-2026-000002", Officer.User, "ABCDEFGH", Context());
        return (decision.State!, decision.Instance!);
    }
}

public sealed class when_terminating
{
    [Fact]
    public void every_open_step_is_cancelled_and_the_case_is_terminated()
    {
        var (state, instance) = Opened();

        var decision = TerminateDecider.Decide(state, instance, new TerminateCommand(Meta(Officer), "applicant died"), Context());
        (state, instance) = After(decision, instance);

        Assert.Equal(CaseStatusKind.Terminated.Stored, state.Lifecycle);
        Assert.All(instance.Items, i => Assert.Equal(ItemStatus.Rejected, i.Status));
        Assert.DoesNotContain(instance.Items.SelectMany(i => i.Steps), s => s.Status is StepStatus.Ready or StepStatus.Claimed or StepStatus.Returned);
        Assert.Contains(decision.EntriesAfter(Opened().State), e => e.Kind == TimelineKind.Terminated.Stored && e.Detail == "applicant died");
        Assert.True(instance.Clock.IsStopped);
    }

    [Fact]
    public void a_terminated_case_takes_no_more_acts()
    {
        var (state, instance) = Opened();
        (state, instance) = After(TerminateDecider.Decide(state, instance, new TerminateCommand(Meta(Officer), "x"), Context()), instance);

        Assert.Equal(WorkflowErrorCodes.CaseClosed, SuspendDecider.Decide(state, instance, new SuspendCommand(Meta(Officer, "k2"), "y"), Context()).Refusal!.Code);
    }

    [Fact]
    public void a_terminated_case_takes_no_visit_to_deliver_at_the_window()
    {
        var (state, instance) = Opened();
        (state, instance) = After(TerminateDecider.Decide(state, instance, new TerminateCommand(Meta(Officer), "x"), Context()), instance);

        Assert.Equal(WorkflowErrorCodes.CaseClosed, RecordVisitDecider.Decide(state, instance, new RecordVisitCommand(Meta(Officer, "k3"), "collect"), Context()).Refusal!.Code);
    }
}

public sealed class when_a_supplement_is_due
{
    [Fact]
    public void a_return_without_a_date_is_due_after_the_items_supplement_period()
    {
        var (state, instance) = Returned(null);

        var step = instance.Items.Single().Steps.Single();
        Assert.Equal(Engine.Catalog.Calendar.AddWorkingDays(new DateOnly(2026, 3, 10), 5), step.SupplementDue);
    }

    [Fact]
    public void a_past_day_is_refused_naming_due()
    {
        var (state, instance) = Opened();
        (state, instance) = After(ClaimStepDecider.Decide(state, instance, new ClaimStepCommand(Meta(Health, "c"), Step), Context()), instance);

        var decision = CompleteStepDecider.Decide(state, instance, new CompleteStepCommand(Meta(Health, "d"), Step, "return", null, ["health-questionnaire"], new DateOnly(2026, 3, 10)), Context());

        Assert.Equal(WorkflowErrorCodes.InvalidDue, decision.Refusal!.Code);
    }

    [Fact]
    public void past_its_day_the_case_journals_it_once_and_the_officer_extends_once_or_closes_the_item()
    {
        var (state, instance) = Returned(new DateOnly(2026, 3, 12));
        var later = Context(new DateTimeOffset(2026, 3, 13, 9, 0, 0, TimeSpan.FromHours(8)));

        var (observed, changed) = ActWatch.Observe(state, instance, later);
        Assert.True(changed);
        Assert.Equal(TimelineKind.SupplementOverdue.Stored, observed.Timeline[^1].Kind);
        Assert.False(ActWatch.Observe(observed, instance, later).Changed);

        var extended = ExtendSupplementDecider.Decide(observed, instance, new ExtendSupplementCommand(Meta(Officer), Step, new DateOnly(2026, 3, 20), "talent abroad"), later);
        var (afterExtension, extendedInstance) = After(extended, instance);
        Assert.Equal(new DateOnly(2026, 3, 20), extendedInstance.Items.Single().Steps.Single().SupplementDue);

        var evenLater = Context(new DateTimeOffset(2026, 3, 23, 9, 0, 0, TimeSpan.FromHours(8)));
        var again = ExtendSupplementDecider.Decide(afterExtension, extendedInstance, new ExtendSupplementCommand(Meta(Officer, "k2"), Step, new DateOnly(2026, 3, 30), "again"), evenLater);
        Assert.Equal("supplement_extended_once", again.Refusal!.Code);

        var closed = CloseItemDecider.Decide(afterExtension, extendedInstance, new CloseItemCommand(Meta(Officer, "k3"), "medical-checkup", "not supplied"), evenLater);
        var (_, closedInstance) = After(closed, extendedInstance);
        Assert.Equal(ItemStatus.Rejected, closedInstance.Items.Single().Status);
        Assert.Equal(CaseStatus.Completed, closedInstance.Status);
    }

    [Fact]
    public void an_item_not_held_up_cannot_be_closed()
    {
        var (state, instance) = Returned(new DateOnly(2026, 3, 12));

        var decision = CloseItemDecider.Decide(state, instance, new CloseItemCommand(Meta(Officer), "medical-checkup", "x"), Context());

        Assert.Equal(("item_not_overdue", "itemId"), (decision.Refusal!.Code, decision.Refusal.Field));
    }

    private static (CaseState State, WorkflowInstance Instance) Returned(DateOnly? due)
    {
        var (state, instance) = Opened();
        (state, instance) = After(ClaimStepDecider.Decide(state, instance, new ClaimStepCommand(Meta(Health, "c"), Step), Context()), instance);
        return After(CompleteStepDecider.Decide(state, instance, new CompleteStepCommand(Meta(Health, "d"), Step, "return", null, ["health-questionnaire"], due), Context()), instance);
    }
}

public sealed class when_the_statutory_limit_passes
{
    [Fact]
    public void the_breach_is_journaled_once_apart_from_the_promised_light()
    {
        var (state, instance) = Opened();
        var past = Context(Now.AddDays(60));

        var (observed, changed) = ActWatch.Observe(state, instance, past);

        Assert.True(changed);
        Assert.Single(observed.Timeline, e => e.Kind == TimelineKind.StatutoryBreached.Stored);
        Assert.True(CaseActs.Of(observed).StatutoryBreached);
        Assert.False(ActWatch.Observe(observed, instance, Context(Now.AddDays(61))).Changed);
    }

    [Fact]
    public void before_it_nothing_is_journaled()
    {
        var (state, instance) = Opened();

        Assert.False(ActWatch.Observe(state, instance, Context(Now.AddDays(20))).Changed);
    }
}
