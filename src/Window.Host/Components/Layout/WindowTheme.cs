using MudBlazor;

namespace Window.Host.Components.Layout;

/// <summary>
/// The government-service palette (deep blue and vermilion) and a font stack of common CJK system fonts. Every colour
/// MudBlazor may put text in, or white text on, meets WCAG 2.1 AA (4.5:1) against white: success and warning are the
/// darker shades of the lights' green and amber (the lights themselves keep the brighter ones, as non-text colour).
/// </summary>
public static class WindowTheme
{
    public static readonly string[] Fonts =
        ["\"Noto Sans CJK SC\"", "\"Source Han Sans SC\"", "\"Microsoft YaHei\"", "\"PingFang SC\"", "\"Hiragino Sans GB\"", "\"WenQuanYi Micro Hei\"", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e9c",
            Secondary = "#c8312b",
            AppbarBackground = "#163c7a",
            Background = "#f3f5f9",
            Success = "#257a4a",
            Warning = "#9a6500",
            Error = "#c8312b",
            TextPrimary = "#1d2433",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H4 = new H4Typography { FontFamily = Fonts },
            H5 = new H5Typography { FontFamily = Fonts },
            H6 = new H6Typography { FontFamily = Fonts },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
