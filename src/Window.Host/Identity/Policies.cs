using Microsoft.AspNetCore.Authorization;
using Window.Contracts;

namespace Window.Host.Identity;

/// <summary>
/// The role policies of the API. They are the first check; the case grain checks again what depends on the case
/// itself (an officer's own cases, a department's own steps).
/// </summary>
public static class Policies
{
    public const string Staff = "staff";
    public const string FrontDesk = "front-desk";
    public const string CaseReaders = "case-readers";
    public const string DepartmentStaff = "department-staff";
    public const string Officers = "officers";
    public const string DeskOrOfficer = "desk-or-officer";
    public const string QueueReaders = "queue-readers";
    public const string Supervisors = "supervisors";
    public const string Administrators = "administrators";
    public const string Oversight = "oversight";
    public const string Rectifiers = "rectifiers";
    public const string RefusalReaders = "refusal-readers";

    public static AuthorizationBuilder AddWindowPolicies(this AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return authorization
            .AddPolicy(Staff, policy => policy.RequireRole(Roles.FrontDesk, Roles.Officer, Roles.Department, Roles.Supervisor, Roles.Administrator))
            .AddPolicy(FrontDesk, policy => policy.RequireRole(Roles.FrontDesk))
            .AddPolicy(CaseReaders, policy => policy.RequireRole(Roles.FrontDesk, Roles.Officer, Roles.Department, Roles.Supervisor))
            .AddPolicy(DepartmentStaff, policy => policy.RequireRole(Roles.Department))
            .AddPolicy(Officers, policy => policy.RequireRole(Roles.Officer))
            .AddPolicy(DeskOrOfficer, policy => policy.RequireRole(Roles.FrontDesk, Roles.Officer))
            .AddPolicy(QueueReaders, policy => policy.RequireRole(Roles.Department, Roles.Supervisor))
            .AddPolicy(Supervisors, policy => policy.RequireRole(Roles.Supervisor))
            .AddPolicy(Administrators, policy => policy.RequireRole(Roles.Administrator))
            .AddPolicy(Oversight, policy => policy.RequireRole(Roles.Supervisor, Roles.Administrator))
            .AddPolicy(Rectifiers, policy => policy.RequireRole(Roles.Officer, Roles.Supervisor))
            .AddPolicy(RefusalReaders, policy => policy.RequireRole(Roles.FrontDesk, Roles.Supervisor, Roles.Administrator));
    }
}
