using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Window.Host.Hosting;

namespace Window.Host.Components.Ui;

/// <summary>
/// Catches an error inside an open page: instead of a dead page the person sees the calm error card with a reference the
/// log holds next to the exception (<see cref="StatusPages.Logged"/>'s line), and the next navigation starts afresh.
/// </summary>
public sealed partial class CalmErrorBoundary : ErrorBoundary, IDisposable
{
    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<CalmErrorBoundary> Logger { get; set; } = default!;

    private string? reference;

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    protected override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    protected override async Task OnErrorAsync(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        reference = StatusPages.NewReference();
        ShownError(Logger, reference, exception.GetType().FullName ?? exception.GetType().Name, "/" + Navigation.ToBaseRelativePath(Navigation.Uri).Split('?', '#')[0]);
        await base.OnErrorAsync(exception);
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        builder.OpenElement(1, "div");
        builder.AddAttribute(2, "class", "plain");
        builder.OpenComponent<StatusCard>(3);
        builder.AddComponentParameter(4, nameof(StatusCard.Title), Text.L("系统出了点问题", "Something went wrong"));
        builder.AddComponentParameter(5, nameof(StatusCard.Message), Text.L(
            "此页面出现错误，您的操作可能没有完成。请返回首页后重试；如问题持续，请联系系统管理员并告知下面的问题编号。",
            "This page failed and what you did may not have been done. Start again from the start page; if it goes on, tell the administrator the reference below."));
        builder.AddComponentParameter(6, nameof(StatusCard.Reference), reference);
        builder.CloseComponent();
        builder.CloseElement();
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(Recover);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "Error card shown in an open page with reference {Reference}: {ExceptionType} at {Path}")]
    private static partial void ShownError(ILogger logger, string reference, string exceptionType, string path);
}
