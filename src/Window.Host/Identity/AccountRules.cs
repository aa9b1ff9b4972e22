using Window.Contracts;
using Window.Storage.Identity;

namespace Window.Host.Identity;

/// <summary>
/// The rules for staff accounts and departments, answered as the field that is wrong: one place for the admin API
/// (<see cref="AdminApi"/>) and the admin pages.
/// </summary>
public static class AccountRules
{
    public const int MinimumPasswordLength = 10;

    public static readonly string[] StaffRoles = [Roles.FrontDesk, Roles.Officer, Roles.Department, Roles.Supervisor, Roles.Administrator];

    /// <summary>The field of the first problem, or null when the user may be stored.</summary>
    public static string? UserProblem(
        string? username, string? displayName, string? role, string? department, string? password, bool passwordRequired,
        IReadOnlyList<DepartmentRecord> departments) =>
        UserProblems(username, displayName, role, department, password, passwordRequired, departments).FirstOrDefault();

    /// <summary>Every field with a problem, in the form's order (a page marks them all at once); empty when the user may be stored.</summary>
    public static IEnumerable<string> UserProblems(
        string? username, string? displayName, string? role, string? department, string? password, bool passwordRequired,
        IReadOnlyList<DepartmentRecord> departments)
    {
        ArgumentNullException.ThrowIfNull(departments);
        if (username is not null && (string.IsNullOrWhiteSpace(username) || username.Length > 64 ||
            !username.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            yield return "username";
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 100)
        {
            yield return "displayName";
        }

        if (role is null || !StaffRoles.Contains(role))
        {
            yield return "role";
        }
        else if ((role == Roles.Department) != (department is not null) ||
            (department is not null && !departments.Any(d => d.Id == department && d.Active)))
        {
            yield return "department";
        }

        if ((passwordRequired || password is not null) && (password is null || password.Length < MinimumPasswordLength))
        {
            yield return "password";
        }
    }

    /// <summary>The field of the first problem of a department, or null.</summary>
    public static string? DepartmentProblem(string id, string? nameZh, string? nameEn)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return "id";
        }

        return string.IsNullOrWhiteSpace(nameZh) || string.IsNullOrWhiteSpace(nameEn) ? "nameZh" : null;
    }
}
