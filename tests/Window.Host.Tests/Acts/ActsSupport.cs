using Microsoft.Extensions.DependencyInjection;
using Window.Host.Tests.Cases;
using Window.Storage.Identity;

namespace Window.Host.Tests.Acts;

/// <summary>What the tests of issue 20's acts share: staff accounts beyond the demo ones.</summary>
public static class ActsSupport
{
    /// <summary>Creates an active account (the demo seed has one officer and one clerk per department).</summary>
    public static Task AddUserAsync(this WindowApp app, string user, string role, string? department = null) =>
        app.Services.GetRequiredService<UserStore>().CreateAsync(new UserRecord(user, $"{user} 测试", role, department, "x", 0, null, true), WindowApp.Start);
}
