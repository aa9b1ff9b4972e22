using Window.Host;
using Window.Host.Hosting;

if (await WindowCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddWindowHost();
}
catch (Exception exception) when (exception is InvalidOperationException or FileNotFoundException)
{
    // Configuration and catalogue errors are the operator's to fix: say what is wrong, not where in our code.
    await Console.Error.WriteLineAsync($"Window cannot start: {exception.Message}");
    return 1;
}

var app = builder.Build();
app.MapWindowHost();

// The host runs with an empty execution context: timers and loops it starts capture none of the caller's async-locals.
// In production that is the entry point's (nothing); under WebApplicationFactory it held the factory's listener, and
// through it every test host ever started (about 60 MB each).
Task running;
using (ExecutionContext.SuppressFlow())
{
    running = Task.Run(() => app.RunAsync());
}

await running;
return 0;

/// <summary>The entry point, visible to the functional tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
