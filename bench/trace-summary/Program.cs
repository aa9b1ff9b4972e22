// Summarises a dotnet-trace .nettrace of the bench (issue 26): the top inclusive and exclusive frames of the sampled
// managed stacks that were running (threads waiting in the thread pool or a GC poll left out), or of the GC's
// allocation ticks weighted by bytes, with the allocating types and each sample's nearest Window frame.
//
//   dotnet run -c Release --project bench/trace-summary -- <trace.nettrace> cpu|alloc [top N] [focus]
//
// focus: a frame name part (prints the chains calling it), or type:<CLR type name> (who allocates that type).
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

if (args.Length < 2 || args[1] is not ("cpu" or "alloc"))
{
    Console.Error.WriteLine("usage: trace-summary <trace.nettrace> cpu|alloc [top N] [focus]");
    return 2;
}

var cpu = args[1] == "cpu";
var top = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 40;
var focus = args.Length > 3 ? args[3] : null;
string[] waits = ["PollGCWorker", "LowLevelLifoSemaphore.Wait", "WaitHandle.WaitOneNoCheck", "Monitor.Wait(", "LowLevelSpinWaiter", "WaitNative", "Thread.Sleep"];
var inclusive = new Dictionary<string, double>();
var exclusive = new Dictionary<string, double>();
var types = new Dictionary<string, double>();
var nearest = new Dictionary<string, double>();
var callers = new Dictionary<string, double>();
double total = 0;
long samples = 0;

using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0], null, new TraceLogOptions { ContinueOnError = true }));
foreach (var ev in log.Events)
{
    double weight;
    string? type = null;
    if (cpu)
    {
        // The sample profiler's type 2: the thread was in managed code (1 is native code, mostly waiting).
        if (!ev.ProviderName.Contains("SampleProfiler", StringComparison.Ordinal) || ev.PayloadByName("Type") is not { } kind || Convert.ToInt32(kind, System.Globalization.CultureInfo.InvariantCulture) != 2)
        {
            continue;
        }

        weight = 1;
    }
    else
    {
        if (ev is not GCAllocationTickTraceData tick)
        {
            continue;
        }

        weight = tick.AllocationAmount64;
        type = tick.TypeName ?? "?";
    }

    if (ev.CallStack() is not { } stack || (cpu && waits.Any(w => (stack.CodeAddress.FullMethodName ?? "").Contains(w, StringComparison.Ordinal))))
    {
        continue;
    }

    total += weight;
    samples++;
    if (type is not null)
    {
        Add(types, type, weight);
    }

    var seen = new HashSet<string>();
    var chain = new List<string>();
    string? window = null;
    var hit = focus is null || (focus.StartsWith("type:", StringComparison.Ordinal) && type == focus[5..]);
    for (var frame = stack; frame is not null; frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName is { Length: > 0 } full ? full : frame.CodeAddress.ModuleName + "!?";
        if (frame == stack)
        {
            Add(exclusive, name, weight);
        }

        window ??= name.StartsWith("Window.", StringComparison.Ordinal) ? name : null;
        if (seen.Add(name))
        {
            Add(inclusive, name, weight);
        }

        if (focus is not null && !hit && !focus.StartsWith("type:", StringComparison.Ordinal) && name.Contains(focus, StringComparison.Ordinal))
        {
            hit = true;
            continue;
        }

        if (focus is not null && hit && chain.Count < 6 && !name.Contains("d__", StringComparison.Ordinal))
        {
            chain.Add(name.Length > 90 ? name[..90] : name);
        }
    }

    Add(nearest, window ?? "(no Window frame)", weight);
    if (focus is not null && hit)
    {
        Add(callers, string.Join("  <-  ", chain), weight);
    }
}

Console.WriteLine($"{samples:N0} samples, {(cpu ? "running managed stacks" : $"{total / 1024:N0} KB sampled")}");
Print("inclusive", inclusive);
Print("exclusive", exclusive);
if (!cpu)
{
    Print("allocated types", types);
}

Print("nearest Window frame", nearest);
if (focus is not null)
{
    Print($"chains of {focus}", callers);
}

return 0;

void Add(Dictionary<string, double> into, string key, double weight) => into[key] = into.GetValueOrDefault(key) + weight;

void Print(string title, Dictionary<string, double> figures)
{
    Console.WriteLine($"\n## {title}");
    foreach (var (name, value) in figures.OrderByDescending(pair => pair.Value).Take(top))
    {
        var amount = cpu ? value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : $"{value / 1024:N0} KB";
        Console.WriteLine($"{value / total * 100,6:F1}%  {amount,14}  {(name.Length > 170 ? name[..170] : name)}");
    }
}
