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
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the functional tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
