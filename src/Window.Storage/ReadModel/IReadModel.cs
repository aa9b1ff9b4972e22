namespace Window.Storage.ReadModel;

/// <summary>
/// The queryable side of Window (Orleans grain state is not queryable): cases, items, steps, materials and journal events
/// in the same database as the grain state, with indexes for the queues, search and dashboards. The sum of the small
/// interfaces, kept for consumers that still take all of it; a new consumer takes the one it needs.
/// </summary>
public interface IReadModel : ICaseProjectionWriter, IDepartmentQueue, ICaseSearch, IWorkload, ITalentRegistry, IAttention;
