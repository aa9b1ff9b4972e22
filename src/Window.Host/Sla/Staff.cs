namespace Window.Host.Sla;

/// <summary>
/// Who is told about what: department staff and supervisors by user name. The configured default stands in until the
/// users table exists; register another implementation before <c>AddWindowSla</c> (it uses TryAdd) to replace it.
/// </summary>
public interface IStaffDirectory
{
    /// <summary>User names of a department's staff.</summary>
    Task<IReadOnlyList<string>> DepartmentStaffAsync(string department, CancellationToken cancellationToken = default);

    /// <summary>User names of every supervisor (督查).</summary>
    Task<IReadOnlyList<string>> SupervisorsAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Staff from configuration: <c>Window:Staff:Supervisors</c> (default <c>supervisor</c>) and
/// <c>Window:Staff:Departments:&lt;id&gt;</c> (default: one user named like the department id, e.g. <c>housing</c>).
/// </summary>
internal sealed class ConfiguredStaffDirectory(IConfiguration configuration) : IStaffDirectory
{
    public Task<IReadOnlyList<string>> DepartmentStaffAsync(string department, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(Names($"Window:Staff:Departments:{department}", department));

    public Task<IReadOnlyList<string>> SupervisorsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(Names("Window:Staff:Supervisors", "supervisor"));

    private string[] Names(string key, string fallback) =>
        configuration.GetSection(key).Get<string[]>() is { Length: > 0 } names ? names : [fallback];
}
