using System.Text;
using Window.Storage;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Bench;

/// <summary>The plan PostgreSQL ran for one statement, with its actual rows, times and buffers.</summary>
internal sealed record QueryPlan(int Cases, string Name, string Plan);

/// <summary>
/// <c>EXPLAIN (ANALYZE, BUFFERS)</c> of the statements the search, the lists and the queue run (the product's own SQL and
/// parameters), on the seeded read model: the plans the closing note of issue 18 records.
/// </summary>
internal static class QueryPlans
{
    public static async Task<IReadOnlyList<QueryPlan>> ExplainAsync(
        WindowDatabase database, int cases, IReadOnlyList<(string Name, CaseFilter Filter)> searches, IReadOnlyList<(string Name, QueueQuery Query)> queues,
        IReadOnlyList<(string Name, CaseFilter Filter)> lastPages)
    {
        var plans = new List<QueryPlan>();
        var search = new CaseSearch(database);
        foreach (var (name, filter) in searches)
        {
            var statements = search.Statements(filter);
            plans.Add(new QueryPlan(cases, name + " (count)", await ExplainAsync(database, statements.Count, statements.CountParameters)));
            plans.Add(new QueryPlan(cases, name + " (page)", await ExplainAsync(database, statements.Page, statements.PageParameters)));
        }

        // A last page as the search reads it from the list's end (when it does), after the count that says where the end is;
        // the others read their page as the first plans show.
        var readModel = new SqlReadModel(database);
        foreach (var (name, filter) in lastPages)
        {
            var first = await readModel.SearchCasesAsync(filter);
            var offset = (long)(filter.Page - 1) * filter.PageSize;
            if (!first.TotalIsLowerBound && CaseSearch.ReadsFromEnd(filter, offset, first.Total, filter.PageSize))
            {
                var (sql, parameters) = search.FromEnd(filter, first.Total - offset, filter.PageSize);
                plans.Add(new QueryPlan(cases, name + " (last page, from the end)", await ExplainAsync(database, sql, parameters)));
            }
        }

        var queue = new DepartmentQueue(database);
        foreach (var (name, query) in queues)
        {
            var statements = queue.Statements(query);
            plans.Add(new QueryPlan(cases, name + " (count)", await ExplainAsync(database, statements.Count.Sql, statements.Count.Parameters)));
            plans.Add(new QueryPlan(cases, name + " (page)", await ExplainAsync(database, statements.Page.Sql, statements.Page.Parameters)));
        }

        return plans;
    }

    private static async Task<string> ExplainAsync(WindowDatabase database, string sql, IReadOnlyList<(string Name, SqlValue Value)> parameters)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = Command(connection, null, "EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters);
        var plan = new StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.AppendLine(reader.GetString(0));
        }

        return plan.ToString().TrimEnd();
    }
}
