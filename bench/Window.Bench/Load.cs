using System.Diagnostics;

namespace Window.Bench;

/// <summary>One kind of journey (open a case, complete its steps, deliver) that a worker runs again and again.</summary>
internal interface IJourney
{
    /// <summary>Commands one journey sends (open, each step, delivery).</summary>
    int Commands { get; }

    /// <summary>
    /// Runs journey <paramref name="number"/>, reporting each command's start and end timestamps; the first command's
    /// latency counts from <paramref name="scheduled"/> (the open loop's intended start) when that is earlier.
    /// Returns false when a command failed (the journey stops there).
    /// </summary>
    Task<bool> RunAsync(long number, long scheduled, Recorder recorder, CancellationToken cancellationToken);
}

/// <summary>Latencies (in milliseconds) of commands that ended inside the measured window, per worker.</summary>
internal sealed class Recorder
{
    private readonly Lock gate = new();
    private readonly List<double> latencies = new(1 << 16);
    private long windowStart = long.MaxValue;
    private long windowEnd = long.MaxValue;
    private long errors;

    public void Open(long start, long end)
    {
        Volatile.Write(ref windowEnd, end);
        Volatile.Write(ref windowStart, start);
    }

    public void Command(long started, long ended)
    {
        if (ended < Volatile.Read(ref windowStart) || ended > Volatile.Read(ref windowEnd))
        {
            return;
        }

        var milliseconds = Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds;
        lock (gate)
        {
            latencies.Add(milliseconds);
        }
    }

    public void Error() => Interlocked.Increment(ref errors);

    public long Errors => Interlocked.Read(ref errors);

    public double[] Sorted()
    {
        lock (gate)
        {
            var sorted = latencies.ToArray();
            Array.Sort(sorted);
            return sorted;
        }
    }
}

/// <summary>What this process spent during a measured window: CPU time, bytes allocated, GC pauses and gen0 collections.</summary>
internal sealed record Spent(TimeSpan Cpu, long Allocated, TimeSpan GcPause, int Gen0Collections);

/// <summary>A measured load: commands per second, latency percentiles and this process's CPU time per command.</summary>
internal sealed record LoadResult(string Name, string Loop, int Workers, double TargetRate, double Seconds, int Commands, long Errors, double[] Latencies, Spent Spent)
{
    public TimeSpan Cpu => Spent.Cpu;

    /// <summary>Bytes this process allocated per command (the load generator's own allocations included).</summary>
    public double AllocatedKbPerCommand => Commands == 0 ? double.NaN : Spent.Allocated / 1024.0 / Commands;

    /// <summary>Time the process spent paused by the GC per command.</summary>
    public double GcPauseMsPerCommand => Commands == 0 ? double.NaN : Spent.GcPause.TotalMilliseconds / Commands;

    public double PerSecond => Commands / Seconds;

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double P99 => Percentile(0.99);

    public double CpuMsPerCommand => Commands == 0 ? double.NaN : Cpu.TotalMilliseconds / Commands;

    public double Percentile(double p) => Figures.Percentile(Latencies, p);
}

/// <summary>The closed loop (N workers, each starting its next journey when the last ends) and the open loop (journeys started at a fixed rate).</summary>
internal static class LoadGenerator
{
    private const long OpenLoopFirstNumber = 1_000_000_000;

    public static async Task<LoadResult> ClosedAsync(string name, IJourney journey, int workers, TimeSpan warmup, TimeSpan measure)
    {
        var recorder = new Recorder();
        using var stop = new CancellationTokenSource();
        long journeys = 0;
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var number = Interlocked.Increment(ref journeys);
                try
                {
                    await journey.RunAsync(number, Stopwatch.GetTimestamp(), recorder, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            }
        })).ToList();
        var (seconds, spent) = await MeasureAsync(recorder, warmup, measure);
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        var latencies = recorder.Sorted();
        return new LoadResult(name, "closed", workers, double.NaN, seconds, latencies.Length, recorder.Errors, latencies, spent);
    }

    public static async Task<LoadResult> OpenAsync(string name, IJourney journey, double commandsPerSecond, TimeSpan warmup, TimeSpan measure)
    {
        var recorder = new Recorder();
        using var stop = new CancellationTokenSource();
        var interval = Stopwatch.Frequency * journey.Commands / commandsPerSecond;
        var running = new List<Task>();
        var maxInFlight = 0;
        var scheduler = Task.Run(async () =>
        {
            var origin = Stopwatch.GetTimestamp();
            // Numbers of their own (cases and talents derive from them): the closed loop used the first ones.
            for (long number = OpenLoopFirstNumber; !stop.IsCancellationRequested; number++)
            {
                var scheduled = origin + (long)(interval * (number - OpenLoopFirstNumber));
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }

                running.RemoveAll(task => task.IsCompleted);
                maxInFlight = Math.Max(maxInFlight, running.Count + 1);
                var current = number;
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await journey.RunAsync(current, scheduled, recorder, stop.Token);
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                    }
                }));
            }
        });
        var (seconds, spent) = await MeasureAsync(recorder, warmup, measure);
        await stop.CancelAsync();
        await scheduler;
        await Task.WhenAll(running);
        var latencies = recorder.Sorted();
        return new LoadResult(name, "open", maxInFlight, commandsPerSecond, seconds, latencies.Length, recorder.Errors, latencies, spent);
    }

    private static async Task<(double Seconds, Spent Spent)> MeasureAsync(Recorder recorder, TimeSpan warmup, TimeSpan measure)
    {
        await Task.Delay(warmup);
        using var process = Process.GetCurrentProcess();
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(measure.TotalSeconds * Stopwatch.Frequency);
        recorder.Open(start, end);
        process.Refresh();
        var before = new Spent(process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        await Task.Delay(measure);
        process.Refresh();
        var spent = new Spent(process.TotalProcessorTime - before.Cpu, GC.GetTotalAllocatedBytes(precise: true) - before.Allocated,
            GC.GetTotalPauseDuration() - before.GcPause, GC.CollectionCount(0) - before.Gen0Collections);
        return (Stopwatch.GetElapsedTime(start, end).TotalSeconds, spent);
    }
}
