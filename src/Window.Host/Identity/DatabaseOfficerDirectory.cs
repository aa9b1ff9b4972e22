using Window.Contracts;
using Window.Grains;
using Window.Storage.Identity;

namespace Window.Host.Identity;

/// <summary>The case officers are the active users with the officer role.</summary>
internal sealed class DatabaseOfficerDirectory(UserStore users) : IOfficerDirectory
{
    public Task<IReadOnlyList<string>> OfficersAsync(CancellationToken cancellationToken = default) => users.UsernamesAsync(Roles.Officer, null, cancellationToken);
}
