namespace Window.Workflows;

internal static class Placeholder;
