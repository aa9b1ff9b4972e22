using Window.Contracts;
using Window.Host.Api;
using Window.Host.Cases;
using Window.Host.Components.Ui;
using Window.Storage.Sla;
using Window.Workflows.Calendar;

namespace Window.Host.Sla.Exports;

/// <summary>The figures of one period and scope as the exports print them: the summary and the breach list now.</summary>
public sealed record SupervisionReport(
    DateOnly From, DateOnly To, string? Department, string? Item, SlaSummaryDto Summary, IReadOnlyList<Breach> Breaches, long BreachTotal,
    DateTimeOffset At);

/// <summary>
/// Builds what supervisors hand to leadership: the summary, the officer table, the 红黄牌 matrix and the breach list as an
/// Excel workbook (Chinese headers, number, date and percentage cells) or a PDF report, and any filtered case list as Excel.
/// Every read goes through the same services as the dashboard (the summary) and the lists (the case query service).
/// </summary>
public sealed class SupervisionExports(
    SlaSummary summary, SqlSlaStore store, CalendarYears calendar, CaseQueryService queries, Names names, Documents.DocumentOptions documents, TimeProvider time)
{
    /// <summary>The most rows one export holds; a larger list is narrowed by its filters first.</summary>
    public const int MaxRows = 10_000;

    /// <summary>The period's report.</summary>
    public async Task<SupervisionReport> ReportAsync(DateOnly from, DateOnly to, string? department, string? item, CancellationToken cancellationToken = default)
    {
        await calendar.EnsureLoadedAsync(cancellationToken);
        await names.ReadyAsync(cancellationToken);
        var now = time.GetUtcNow();
        var figures = await summary.ComputeAsync(calendar.Calendar, now, from, to, department, item, cancellationToken);
        var (breaches, total) = await store.BreachesAsync(0, MaxRows, cancellationToken);
        return new SupervisionReport(from, to, department, item, figures, breaches, total, now);
    }

    /// <summary>The report as a workbook: 概况, 部门, 事项, 专员, 红黄牌 and 预警与超期.</summary>
    public byte[] Workbook(SupervisionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Summary;
        return Xlsx.Write(
        [
            new XlsxSheet("概况", ["指标", "数值", "口径"], [
                ["统计期", $"{Text.Date(report.From)} 至 {Text.Date(report.To)}", "按办结日（中国标准时间）计入统计期；状态灯为导出时的状态。"],
                ["部门", report.Department is null ? "全部" : names.Department(report.Department), null],
                ["事项", report.Item is null ? "全部" : names.Item(report.Item), null],
                .. SlaDefinitions.Figures.Select(f => (IReadOnlyList<object?>)[f.Zh, f.Value(s), f.DefinitionZh]),
            ]),
            GroupSheet("部门", "部门", s.Departments, names.Department),
            GroupSheet("事项", "事项", s.Items, id => names.Item(id)),
            new XlsxSheet("专员", ["专员", "在办件数", "期内办结", "按时办结", "按时办结率", "平均办理工作日", "差评"],
                s.ByOfficer.Select(o => (IReadOnlyList<object?>)[names.Person(o.Officer), o.Open, o.Completed, o.OnTime, Share(o.OnTimeRate), o.AvgWorkingDays, o.PoorRatings])),
            new XlsxSheet("红黄牌", ["部门", "事项", "绿灯环节", "黄灯环节", "红灯环节"],
                s.Matrix.Select(c => (IReadOnlyList<object?>)[names.Department(c.Department), names.Item(c.Item), c.Green, c.Yellow, c.Red])),
            BreachSheet(report.Breaches),
        ]);
    }

    /// <summary>The report as an A4 PDF on the documents' page layer, under the office's letterhead.</summary>
    public byte[] Pdf(SupervisionReport report) => SupervisionPdf.Write(report, names, documents.Letterhead);

    /// <summary>The breach list now (most overdue first) as one sheet.</summary>
    public async Task<XlsxSheet> BreachSheetAsync(CancellationToken cancellationToken = default)
    {
        await names.ReadyAsync(cancellationToken);
        var (breaches, _) = await store.BreachesAsync(0, MaxRows, cancellationToken);
        return BreachSheet(breaches);
    }

    /// <summary>
    /// Every case of a filtered list (the same filters and access rules as GET /api/cases), in the list's order, as one
    /// sheet; refused like the list, or when it holds more than <see cref="MaxRows"/> cases.
    /// </summary>
    public async Task<(XlsxSheet? Sheet, QueryRefusal? Refusal)> CaseSheetAsync(Actor actor, CaseListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await names.ReadyAsync(cancellationToken);
        var rows = new List<CaseSummaryDto>();
        var next = query with { Page = null, PageSize = Paging.MaxPageSize, Cursor = null };
        while (true)
        {
            var found = await queries.ListAsync(actor, next, cancellationToken);
            if (found.Refusal is { } refusal)
            {
                return (null, refusal);
            }

            var page = found.Value!;
            if (page.Total > MaxRows)
            {
                return (null, QueryRefusal.Invalid("status", $"The list holds {page.Total} cases; an export holds at most {MaxRows}: narrow the filters."));
            }

            rows.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                break;
            }

            next = next with { Cursor = page.NextCursor };
        }

        return (new XlsxSheet("办件", ["办件编号", "事项", "状态", "状态灯", "受理日期", "承诺办结日期", "专员", "到窗次数"],
            rows.Select(r => (IReadOnlyList<object?>)[
                r.Number, string.Join("、", r.Items.Select(i => names.Item(i.Id, i.Version))), Text.Status(r.Status), Text.Light(r.Light),
                OfficeTime.DateOf(r.OpenedAt), r.PromisedBy, names.Person(r.Officer), r.Trips])), null);
    }

    private XlsxSheet BreachSheet(IReadOnlyList<Breach> breaches) =>
        new("预警与超期", ["办件编号", "状态灯", "事项", "环节", "部门", "专员", "期限"],
            breaches.Select(b => (IReadOnlyList<object?>)[
                b.CaseNumber, Text.Light(b.Light), names.Item(b.ItemId), b.StepId is null ? "（办件）" : names.ItemStep(b.ItemId, b.StepId), names.Department(b.Department),
                names.Person(b.Officer), b.DueAt is { } due ? Text.LastDay(due) : null]));

    private static XlsxSheet GroupSheet(string name, string header, IReadOnlyList<SlaGroupDto> groups, Func<string, string> label) =>
        new(name, [header, "在办环节", "黄灯", "红灯", "期内超期", "期内办结", "按时办结", "按时办结率", "最多跑一次率", "用时中位数（工作日）", "用时 P90（工作日）", "差评"],
            groups.Select(g => (IReadOnlyList<object?>)[
                label(g.Id), g.Figures.OpenSteps.Green + g.Figures.OpenSteps.Yellow + g.Figures.OpenSteps.Red, g.Figures.OpenSteps.Yellow, g.Figures.OpenSteps.Red,
                g.Figures.Breaches.InPeriod, g.Figures.Completed, g.Figures.OnTime, Share(g.Figures.OnTimeRate), Share(g.Figures.AtMostOneTripShare),
                g.Figures.MedianWorkingDays, g.Figures.P90WorkingDays, g.Figures.Evaluations.GetValueOrDefault("1") + g.Figures.Evaluations.GetValueOrDefault("2")]));

    private static Share? Share(double? rate) => rate is { } r ? new Share(r) : null;
}
