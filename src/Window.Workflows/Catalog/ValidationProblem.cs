namespace Window.Workflows.Catalog;

/// <summary>One problem found in a catalogue file.</summary>
/// <param name="File">The file, as a path under the folder that was validated.</param>
/// <param name="Line">The 1-based line the problem is on (for a missing property, the line of the object that lacks it).</param>
/// <param name="Path">The JSON path, e.g. <c>$.steps[2].dependsOn[0]</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ValidationProblem(string File, int Line, string Path, string Message)
{
    /// <summary><c>file:line: path: message</c>, the format editors and CI understand.</summary>
    public override string ToString() => $"{File}:{Line}: {Path}: {Message}";
}

/// <summary>Thrown by <see cref="WorkflowCatalog.Load"/> when the catalogue has problems; the host refuses to start.</summary>
public sealed class CatalogValidationException(IReadOnlyList<ValidationProblem> problems)
    : InvalidOperationException(
        $"The workflow catalogue has {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
{
    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;
}
