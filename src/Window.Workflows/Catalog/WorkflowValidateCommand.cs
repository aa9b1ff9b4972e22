namespace Window.Workflows.Catalog;

/// <summary>The <c>workflows validate &lt;folder&gt;</c> command of the host's CLI.</summary>
public static class WorkflowValidateCommand
{
    /// <summary>
    /// Validates the catalogue in <paramref name="folder"/>, writing each problem to
    /// <paramref name="stderr"/> as <c>file:line: path: message</c> and a summary to
    /// <paramref name="stdout"/>.
    /// </summary>
    /// <returns>0 when the catalogue is valid, 1 otherwise.</returns>
    public static int Run(string folder, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var problems = WorkflowCatalog.Validate(folder);
        foreach (var problem in problems)
        {
            stderr.WriteLine(problem);
        }

        if (problems.Count > 0)
        {
            stdout.WriteLine($"{folder}: {problems.Count} problem(s) found.");
            return 1;
        }

        var catalog = WorkflowCatalog.Load(folder);
        stdout.WriteLine($"{folder}: {catalog.Items.Count()} item version(s), {catalog.Bundles.Count()} bundle version(s), {catalog.Departments.Count} departments, calendar {string.Join(", ", catalog.Calendar.Years)}: valid.");
        return 0;
    }
}
