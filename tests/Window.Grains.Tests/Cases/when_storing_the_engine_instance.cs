using System.Collections.Immutable;
using Window.Grains.Cases;
using Window.Workflows.Conditions;
using Window.Workflows.Definitions;
using Window.Workflows.Engine;
using Window.Workflows.Sla;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Cases;

/// <summary>
/// The engine instance is stored in <see cref="InstanceCodec"/>'s binary form (issue 26) and reads back exactly: every
/// workflow of the catalogue at every point of its run, and an instance with every optional field set.
/// </summary>
public sealed class when_storing_the_engine_instance
{
    public static TheoryData<string> Definitions() =>
        [.. Engine.Catalog.Items.Select(d => d.Id).Concat(Engine.Catalog.Bundles.Select(b => b.Id)).Distinct()];

    [Theory]
    [MemberData(nameof(Definitions))]
    public void every_workflow_of_the_catalogue_reads_back_exactly_at_every_step_of_its_run(string definition)
    {
        var data = new Dictionary<string, CaseValue>
        {
            ["tier"] = CaseValue.Of("C"),
            ["hasChildren"] = CaseValue.True,
            ["income"] = CaseValue.Of(12.50m),
            ["note"] = CaseValue.Null,
        };
        var items = Engine.Catalog.LatestBundle(definition)?.Items ?? [definition];
        var materials = items.SelectMany(i => Engine.Catalog.LatestItem(i)!.Materials).Select(m => m.Id).Distinct().ToList();
        var now = Now;
        var started = Engine.Start(new StartCase("case-1", "desk1", [definition], data, materials), now);
        Assert.True(started.IsSuccess, started.Error?.Message);
        var instance = started.Instance!;
        var returned = new HashSet<string>();
        var moves = 0;

        for (; moves < 200 && Next(instance) is var (item, step); moves++)
        {
            AssertReadsBack(instance);
            now = now.AddHours(1);
            var key = $"{item.ItemId}.{step.Id}";
            WorkflowCommand command = step.Status switch
            {
                StepStatus.Ready => new ClaimStep("clerk", item.ItemId, step.Id),
                StepStatus.Claimed when returned.Add(key) => new CompleteStep("clerk", item.ItemId, step.Id, Outcome.Return, "请补充", [materials[0]]),
                StepStatus.Claimed => new CompleteStep("clerk", item.ItemId, step.Id, Outcome.Approve),
                StepStatus.Returned => new SupplyMaterials("officer1", step.ReturnedFor),
                _ => new ElapseWait("system", item.ItemId, step.Id),
            };
            if (step.WaitUntil is { } until && until > now)
            {
                now = until;
            }

            var result = Engine.Apply(instance, command, now);
            if (!result.IsSuccess && command is CompleteStep { Outcome: Outcome.Return } refused)
            {
                result = Engine.Apply(instance, refused with { Outcome = Outcome.Approve, Reason = null, MissingMaterials = null }, now);
            }

            Assert.True(result.IsSuccess, $"{definition}: {command} refused: {result.Error?.Message}");
            instance = result.Instance!;
        }

        AssertReadsBack(instance);
        AssertReadsBack(Journal.WithoutEngineJournal(instance));
        Assert.Equal(CaseStatus.Completed, instance.Status);
        Assert.True(returned.Count > 0 && moves > 2, "the run went through returns and approvals");
    }

    [Fact]
    public void an_instance_with_every_optional_field_set_reads_back_exactly()
    {
        var east = new DateTimeOffset(2026, 3, 10, 9, 30, 15, 123, TimeSpan.FromHours(8)).AddTicks(7);
        var west = new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.FromMinutes(-150));
        var clock = new ClockState(east, 20, new WarningThreshold(null, 0.8), [new PausePeriod(east, west), new PausePeriod(west, east)], west, east);
        var instance = new WorkflowInstance(
            "case-ü-人才",
            "settle-in",
            -3,
            CaseStatus.Completed,
            west,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, CaseValue>
            {
                ["text"] = CaseValue.Of("新引进人才 \"quoted\""),
                ["empty"] = CaseValue.Of(""),
                ["number"] = CaseValue.Of(-79228162514264337593543950335m),
                ["scaled"] = CaseValue.Of(1.500m),
                ["yes"] = CaseValue.True,
                ["no"] = CaseValue.False,
                ["null"] = CaseValue.Null,
            }),
            [new MaterialState("a", MaterialStatus.Deferred), new MaterialState("b", MaterialStatus.Requested), new MaterialState("c", MaterialStatus.Provided)],
            new DateOnly(2026, 4, 1),
            [
                new ItemInstance("medical-checkup", 2, ItemStatus.Rejected, "不合格", [
                    new StepInstance("s1", StepStatus.Returned, east, "doctor1", west, ["a", "b"], Outcome.Return, clock, new DateOnly(2026, 3, 20)),
                    new StepInstance("s2", StepStatus.Pending, null, null, null, [], null, null),
                    new StepInstance("s3", StepStatus.Cancelled, west, null, null, [], Outcome.Reject, null),
                ], clock),
            ],
            clock with { Warning = new WarningThreshold(2, null), Pauses = [] },
            [
                new JournalEntry(1, east, "desk1", JournalAction.Accepted, null, null, null, null, []),
                new JournalEntry(int.MaxValue, west, "doctor1", JournalAction.StepReturned, "medical-checkup", "s1", Outcome.Return, "缺问卷", ["a", "b"]),
            ],
            east);

        AssertReadsBack(instance);
    }

    [Fact]
    public void a_default_array_reads_back_as_a_default_array_and_an_empty_one_as_empty()
    {
        var (_, opened) = Opened();
        var instance = opened with { Journal = default, Materials = [] };

        var read = InstanceCodec.Read(InstanceCodec.Write(instance));

        Assert.True(read.Journal.IsDefault);
        Assert.True(read.Materials is { IsDefault: false, IsEmpty: true });
    }

    [Fact]
    public void bytes_of_an_unknown_format_or_cut_short_are_refused()
    {
        var bytes = InstanceCodec.Write(Opened().Instance);

        Assert.Throws<InvalidDataException>(() => InstanceCodec.Read([(byte)(InstanceCodec.Format + 1), .. bytes[1..]]));
        Assert.Throws<InvalidDataException>(() => InstanceCodec.Read(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<InvalidDataException>(() => InstanceCodec.Read([.. bytes, 0]));
    }

    /// <summary>
    /// The codec writes these fields and no others; a field added to an engine record would be lost on the next write. When
    /// this fails, write the new field in a new <see cref="InstanceCodec.Format"/> (its reader still reading the old one),
    /// then add it here.
    /// </summary>
    [Theory]
    [InlineData(typeof(WorkflowInstance), "CaseId BundleId BundleVersion Status AcceptedAt Data Materials SupplementDueOn Items Clock Journal SuspendedSince")]
    [InlineData(typeof(ItemInstance), "ItemId Version Status Reason Steps Clock")]
    [InlineData(typeof(StepInstance), "Id Status ReadyAt ClaimedBy WaitUntil ReturnedFor Outcome Clock SupplementDue")]
    [InlineData(typeof(MaterialState), "Id Status")]
    [InlineData(typeof(JournalEntry), "Sequence At Actor Action ItemId StepId Outcome Reason Materials")]
    [InlineData(typeof(ClockState), "StartedAt LimitDays Warning Pauses PausedSince StoppedAt")]
    [InlineData(typeof(WarningThreshold), "DaysLeft FractionUsed")]
    [InlineData(typeof(PausePeriod), "From To")]
    [InlineData(typeof(CaseValue), "Kind Text Number Flag")]
    public void the_codec_knows_every_field_of_the_engine_records(Type record, string fields)
    {
        var constructor = Assert.Single(record.GetConstructors(), c => c.GetParameters().All(p => p.ParameterType != record));

        Assert.Equal(fields, string.Join(' ', constructor.GetParameters().Select(p => p.Name)));
    }

    /// <summary>Enums are stored as their numbers: a member renamed reads the same, one reordered or removed would not.</summary>
    [Theory]
    [InlineData(typeof(CaseStatus), "Open Completed")]
    [InlineData(typeof(ItemStatus), "Open Approved Rejected")]
    [InlineData(typeof(StepStatus), "Pending Ready Claimed Returned Waiting Done Skipped Cancelled")]
    [InlineData(typeof(MaterialStatus), "Provided Deferred Requested")]
    [InlineData(typeof(Outcome), "Approve Reject Return")]
    [InlineData(typeof(CaseValueKind), "Null Text Number Boolean")]
    [InlineData(
        typeof(JournalAction),
        "Accepted StepReady StepSkipped StepClaimed StepReleased StepCompleted StepReturned MaterialsSupplied StepResumed WaitElapsed StepCancelled ItemApproved ItemRejected CaseCompleted StepAssigned")]
    public void the_stored_numbers_of_the_engine_enums_do_not_move(Type enumeration, string membersInOrder)
    {
        var members = membersInOrder.Split(' ');

        Assert.Equal(Enumerable.Range(0, members.Length), members.Select(m => (int)Enum.Parse(enumeration, m)));
        Assert.Equal(members.Length, Enum.GetValues(enumeration).Length);
    }

    [Fact]
    public void an_unchanged_instance_is_not_written_again_and_a_state_stored_as_json_is_rewritten()
    {
        var (opened, decided) = Opened();
        var (stored, instance, _) = Settlement.Settle(opened, null, opened, decided, Context());

        var (kept, _, _) = Settlement.Settle(stored, instance, stored, instance, Context());
        var asJson = stored with { EngineInstance = [], Instance = WorkflowJson.SerializeToUtf8(instance) };
        var (rewritten, _, _) = Settlement.Settle(asJson, instance, asJson, instance, Context());

        Assert.Empty(stored.Instance);
        Assert.NotEmpty(stored.EngineInstance);
        Assert.Same(stored.EngineInstance, kept.EngineInstance);
        Assert.Empty(rewritten.Instance);
        Assert.Equal(WorkflowJson.Serialize(instance), WorkflowJson.Serialize(rewritten.ReadInstance()));
    }

    private static (ItemInstance Item, StepInstance Step)? Next(WorkflowInstance instance) =>
        instance.Items.SelectMany(i => i.Steps.Select(s => (i, s)))
            .Where(p => p.s.Status is StepStatus.Ready or StepStatus.Claimed or StepStatus.Returned or StepStatus.Waiting)
            .Select(p => ((ItemInstance, StepInstance)?)p)
            .FirstOrDefault();

    private static void AssertReadsBack(WorkflowInstance instance)
    {
        var bytes = InstanceCodec.Write(instance);
        var read = InstanceCodec.Read(bytes);

        Assert.Equal(WorkflowJson.Serialize(instance), WorkflowJson.Serialize(read));
        Assert.Equal(bytes, InstanceCodec.Write(read));
    }
}
