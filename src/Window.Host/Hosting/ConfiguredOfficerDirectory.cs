using Window.Grains;

namespace Window.Host.Hosting;

/// <summary>The case officers named in configuration (<c>Window:Officers</c>; the demo default is <c>officer</c>).</summary>
internal sealed class ConfiguredOfficerDirectory(IConfiguration configuration) : IOfficerDirectory
{
    public Task<IReadOnlyList<string>> OfficersAsync(CancellationToken cancellationToken = default)
    {
        var configured = configuration.GetSection("Window:Officers").Get<string[]>();
        return Task.FromResult<IReadOnlyList<string>>(configured is { Length: > 0 } ? configured : ["officer"]);
    }
}
