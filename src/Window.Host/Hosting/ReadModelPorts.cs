using Window.Grains;
using Window.Storage.ReadModel;

namespace Window.Host.Hosting;

/// <summary>The read model seen through the ports the grains own: they project into it and read officers' workload from it.</summary>
internal sealed class ReadModelPorts(ICaseProjectionWriter writer, IWorkload workload, CaseJournal journal) : ICaseProjectionSink, IOfficerWorkload
{
    public Task<bool> ApplyAsync(CaseProjection projection, CancellationToken cancellationToken = default) =>
        writer.ApplyAsync(projection, cancellationToken);

    public Task<long?> VersionOfAsync(string caseId, CancellationToken cancellationToken = default) =>
        writer.VersionOfAsync(caseId, cancellationToken);

    public Task<IReadOnlyList<EventRow>> EventsAsync(string caseId, int beforeSeq, CancellationToken cancellationToken = default) =>
        journal.EventsAsync(caseId, beforeSeq, cancellationToken);

    public Task<IReadOnlyList<SpanRow>> SpansAsync(string caseId, int beforeNumber, CancellationToken cancellationToken = default) =>
        journal.SpansAsync(caseId, beforeNumber, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> OpenCasesPerOfficerAsync(CancellationToken cancellationToken = default) =>
        workload.OpenCasesPerOfficerAsync(cancellationToken);
}
