using Window.Workflows.Engine;

namespace Window.Grains.Cases;

/// <summary>
/// What every decision may read besides the case itself: the case id, the (pure) workflow engine with its catalogue and
/// calendar, and the instant the command is decided at. Anything a decision needs from I/O is fetched before and passed in.
/// </summary>
public sealed record CaseContext(string CaseId, WorkflowEngine Engine, DateTimeOffset Now);
