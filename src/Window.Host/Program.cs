using Window.Host;
using Window.Host.Hosting;

if (await WindowCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddWindowHost();

var app = builder.Build();
app.MapWindowHost();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the functional tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
