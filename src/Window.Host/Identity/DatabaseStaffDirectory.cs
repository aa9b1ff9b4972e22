using Window.Contracts;
using Window.Host.Sla;
using Window.Storage.Identity;

namespace Window.Host.Identity;

/// <summary>Escalation recipients from the users table: a department's active staff, every active supervisor.</summary>
internal sealed class DatabaseStaffDirectory(UserStore users) : IStaffDirectory
{
    public Task<IReadOnlyList<string>> DepartmentStaffAsync(string department, CancellationToken cancellationToken = default) =>
        users.UsernamesAsync(Roles.Department, department, cancellationToken);

    public Task<IReadOnlyList<string>> SupervisorsAsync(CancellationToken cancellationToken = default) =>
        users.UsernamesAsync(Roles.Supervisor, null, cancellationToken);
}
