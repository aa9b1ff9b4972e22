using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Hosting;

namespace Window.Host.Components.Ui;

/// <summary>
/// A page acting as its signed-in user: the actor comes from the sign-in cookie's principal exactly as the API's
/// (<see cref="Actors.Of"/>), and every read and command goes through the same case services as the API's, so the same checks apply.
/// </summary>
public abstract class WindowPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    protected ClaimsPrincipal User { get; private set; } = new();

    protected Actor Actor { get; private set; } = new("anonymous", "anonymous", null);

    /// <summary>The refusal shown at the top of the page, already a sentence.</summary>
    protected string? Error { get; set; }

    protected static string L(string zh, string en) => Text.L(zh, en);

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            User = (await AuthenticationState).User;
            Actor = Actors.Of(User);
        }

        // The first read retries a transient failure as commands do (Hosting/TransientFailures), then says 系统繁忙.
        var (_, failure) = await TransientFailures.RetryAsync(async () =>
        {
            await LoadAsync();
            return true;
        });
        if (failure is not null)
        {
            Error = Text.Problem(failure.Code);
        }
    }

    /// <summary>Loads what the page shows; called once the actor is known.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>
    /// The source of one intended change made on this page: <paramref name="key"/> is made once per form (so a double
    /// click replays the first answer); the front door hashes the request with the page's path as the API does with its own.
    /// </summary>
    protected CommandSource Change(string key) =>
        new(Actor, key, CommandSource.PageMethod, "/" + Navigation.ToBaseRelativePath(Navigation.Uri).Split('?', '#')[0]);

    /// <summary>A fresh idempotency key for one change made from the UI.</summary>
    protected static string NewKey() => "ui-" + Guid.NewGuid().ToString("N");

    /// <summary>Shows a refused outcome as a sentence; true when it succeeded.</summary>
    protected bool Show(CaseOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Error = outcome.Succeeded ? null : Text.Problem(outcome.Code, outcome.Field);
        return outcome.Succeeded;
    }

    protected static string LightClass(string? light) => (LightKinds.TryParse(light, out var known) ? known : LightKind.None) switch
    {
        LightKind.Green => "w-light w-light-green",
        LightKind.Yellow => "w-light w-light-yellow",
        LightKind.Red => "w-light w-light-red",
        _ => "w-light w-light-none",
    };
}
