using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Window.Contracts;
using Window.Grains;
using Window.Workflows.Conditions;
using Window.Workflows.Engine;

namespace Window.Bench;

/// <summary>What one active case grain holding a freshly opened bench case costs in managed memory.</summary>
internal sealed record MemoryResult(int Grains, long Activations, long BytesBefore, long BytesAfter, double Seconds, IReadOnlyList<(string Part, double Bytes)> Parts)
{
    public double BytesPerGrain => (BytesAfter - BytesBefore) / (double)Grains;
}

internal static class MemoryProbe
{
    /// <summary>
    /// Opens <paramref name="count"/> cases (each stays active) on a host whose storage keeps nothing, and divides the
    /// growth of the managed heap, measured after full collections, by the number of grains.
    /// </summary>
    public static async Task<MemoryResult> RunAsync(BenchHost host, JourneyPlan plan, int count)
    {
        var journey = GrainJourney.For(host, plan, "warm");
        await journey.RunAsync(0, Stopwatch.GetTimestamp(), new Recorder(), CancellationToken.None);
        var sealedIdentity = host.Services.GetRequiredService<Window.Host.Privacy.PersonalDataProtector>()
            .Seal(new Window.Host.Privacy.TalentIdentity("张三丰", "330106198001011234", "13812345678"));
        var before = Settle();
        var started = Stopwatch.GetTimestamp();
        var next = 0;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (var index = Interlocked.Increment(ref next); index <= count; index = Interlocked.Increment(ref next))
            {
                var id = index.ToString(CultureInfo.InvariantCulture);
                var meta = new CommandMeta("open-" + id, "open-" + id, new Actor("desk", Roles.FrontDesk, null));
                var outcome = await host.Grains.GetGrain<ICaseGrain>("mem-" + id)
                    .OpenAsync(new OpenCase(meta, "t-mem-" + id, sealedIdentity, "C", [plan.Bundle], plan.Materials, []));
                if (!outcome.Succeeded)
                {
                    Interlocked.Increment(ref failures);
                    Errors.Note($"{outcome.Status} {outcome.Code}: {outcome.Message}");
                }
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = Settle();
        var statistics = await host.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var activations = statistics.Where(s => s.GrainType.Contains("CaseGrain", StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount);
        return failures > 0
            ? throw new InvalidOperationException($"{failures} of {count} openings failed: {string.Join("; ", Errors.Drain())}")
            : new MemoryResult(count, activations, before, after, seconds, await PartsAsync(host, plan, Math.Min(count, 5_000)));
    }

    /// <summary>
    /// The profile of one activation's memory: what the parts of a freshly opened case cost when held alone (the
    /// engine's instance, its stored bytes, one <see cref="CaseView"/> packed, as a replay record keeps it once time moves the case on).
    /// </summary>
    private static async Task<IReadOnlyList<(string, double)>> PartsAsync(BenchHost host, JourneyPlan plan, int samples)
    {
        var engine = host.Services.GetRequiredService<WorkflowEngine>();
        var serializer = host.Services.GetRequiredService<Serializer<CaseView>>();
        var views = new List<CaseView>(samples);
        for (var i = 1; i <= samples; i++)
        {
            views.Add((await host.Grains.GetGrain<ICaseGrain>("mem-" + i.ToString(CultureInfo.InvariantCulture)).GetAsync())!);
        }

        var now = DateTimeOffset.UtcNow;

        // As the case grain keeps it: the engine's journal is dropped (the timeline is the case's journal).
        WorkflowInstance Instance(int i) => engine.Start(new StartCase(
            "mem-" + i.ToString(CultureInfo.InvariantCulture), "desk", [plan.Bundle],
            new Dictionary<string, CaseValue>(StringComparer.Ordinal) { ["tier"] = CaseValue.Of("C") }, plan.Materials), now).Instance! with { Journal = [] };
        IReadOnlyList<(string, double)> parts =
        [
            ("WorkflowInstance (deserialized engine state, no journal)", PerObject(samples, i => Instance(i))),
            ("Instance (InstanceCodec bytes in CaseState)", PerObject(samples, i => Window.Grains.Cases.InstanceCodec.Write(Instance(i)))),
            ("CaseView packed (as a replay record keeps it once time moves the case on)", PerObject(samples, i => PackedView.Pack(serializer, views[i]))),
        ];
        return parts;
    }

    private static double PerObject(int count, Func<int, object> make)
    {
        var held = new object[count];
        var before = Settle();
        for (var i = 0; i < count; i++)
        {
            held[i] = make(i);
        }

        var after = Settle();
        GC.KeepAlive(held);
        return (after - before) / (double)count;
    }

    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
