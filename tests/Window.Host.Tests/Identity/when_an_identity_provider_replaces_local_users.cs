using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Window.Host.Identity;
using Window.Testing;

namespace Window.Host.Tests.Identity;

public sealed class when_an_identity_provider_replaces_local_users : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void the_providers_claims_become_window_claims_and_unknown_roles_are_refused()
    {
        var external = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("preferred_username", "zhang.wei"), new Claim("name", "张伟"), new Claim("role", "staff"), new Claim("role", "department"), new Claim("department", "housing")],
            "oidc"));
        var noRole = new ClaimsPrincipal(new ClaimsIdentity([new Claim("preferred_username", "li.na"), new Claim("role", "guest")], "oidc"));
        var noDepartment = new ClaimsPrincipal(new ClaimsIdentity([new Claim("preferred_username", "li.na"), new Claim("role", "department")], "oidc"));

        var mapped = OpenIdConnectSignIn.ToWindowPrincipal(external, "preferred_username", "role", "department", out var token);

        Assert.NotNull(mapped);
        Assert.Equal("zhang.wei", mapped.Identity!.Name);
        Assert.True(mapped.IsInRole("department"));
        Assert.Equal("housing", mapped.FindFirstValue(Api.Actors.DepartmentClaim));
        Assert.Equal(token, mapped.FindFirstValue(Antiforgery.Claim));
        Assert.Null(OpenIdConnectSignIn.ToWindowPrincipal(noRole, "preferred_username", "role", "department", out _));
        Assert.Null(OpenIdConnectSignIn.ToWindowPrincipal(noDepartment, "preferred_username", "role", "department", out _));
    }

    [Fact]
    public async Task configuring_an_authority_sends_sign_in_to_it_and_switches_local_sign_in_off()
    {
        var port = FreePorts.Next();
        var issuer = $"http://127.0.0.1:{port}";
        var provider = WebApplication.CreateBuilder();
        provider.WebHost.UseUrls(issuer);
        await using var identityProvider = provider.Build();
        identityProvider.MapGet("/.well-known/openid-configuration", () => Results.Json(new
        {
            issuer,
            authorization_endpoint = $"{issuer}/authorize",
            token_endpoint = $"{issuer}/token",
            jwks_uri = $"{issuer}/jwks",
            response_types_supported = new[] { "code" },
            subject_types_supported = new[] { "public" },
            id_token_signing_alg_values_supported = new[] { "RS256" },
        }));
        identityProvider.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await identityProvider.StartAsync();

        await using var host = new WindowFactory(new Dictionary<string, string>
        {
            ["Window:DataDir"] = folder.Path,
            ["Window:Oidc:Authority"] = issuer,
            ["Window:Oidc:ClientId"] = "window",
            ["Window:Oidc:ClientSecret"] = "secret",
            ["Window:Oidc:RequireHttpsMetadata"] = "false",
        });
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var challenge = await client.GetAsync(new Uri("/api/auth/oidc?returnUrl=/desk", UriKind.Relative));
        var local = await client.PostAsync(new Uri("/api/auth/login", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { username = "desk", password = "window-demo" }));

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.ToString();
        Assert.StartsWith($"{issuer}/authorize?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=window", location, StringComparison.Ordinal);
        Assert.Contains("code_challenge=", location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, local.StatusCode);
        await identityProvider.StopAsync();
    }
}
