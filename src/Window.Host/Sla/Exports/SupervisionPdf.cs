using System.Globalization;
using Window.Host.Components.Ui;
using Window.Host.Documents;

namespace Window.Host.Sla.Exports;

/// <summary>
/// The monthly 效能 report as an A4 PDF on the documents' page layer (<see cref="A4Composer"/>): the figures with their
/// definitions, the departments with their lights and on-time rate drawn as bars, the officer table, the 红黄牌 matrix
/// and the breach list now.
/// </summary>
public static class SupervisionPdf
{
    private const int BarWidth = 12;
    private const int MaxBreachRows = 200;

    /// <summary>The report's PDF.</summary>
    public static byte[] Write(SupervisionReport report, Names names, Letterhead letterhead)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(names);
        var s = report.Summary;
        using var pdf = new A4Composer(letterhead, "效能监察报告");
        pdf.Title("人才服务效能监察报告");
        pdf.Fields(
        [
            ("统计期", $"{Text.Date(report.From)} 至 {Text.Date(report.To)}"),
            ("部门", report.Department is null ? "全部" : names.Department(report.Department)),
            ("事项", report.Item is null ? "全部" : names.Item(report.Item)),
            ("生成时间", Text.Date(Window.Workflows.Calendar.OfficeTime.DateOf(report.At))),
        ]);

        pdf.Heading("一、主要指标");
        pdf.Table(["指标", "数值", "口径"],
            [.. SlaDefinitions.Figures.Select(f => (IReadOnlyList<string>)[f.Zh, Show(f.Value(s)), f.DefinitionZh])], [2, 1.2, 5]);

        pdf.Heading("二、各部门");
        var departments = s.Departments;
        var most = Math.Max(1, departments.Select(g => g.Figures.OpenSteps.Green + g.Figures.OpenSteps.Yellow + g.Figures.OpenSteps.Red).DefaultIfEmpty(0).Max());
        pdf.Table(["部门", "在办环节（绿/黄/红）", "按时办结率", "按时办结率图示", "期内超期"],
            [.. departments.Select(g => (IReadOnlyList<string>)[
                names.Department(g.Id),
                $"{g.Figures.OpenSteps.Green} / {g.Figures.OpenSteps.Yellow} / {g.Figures.OpenSteps.Red}",
                SlaDefinitions.Percent(g.Figures.OnTimeRate),
                Bar(g.Figures.OnTimeRate ?? 0, 1),
                g.Figures.Breaches.InPeriod.ToString(CultureInfo.InvariantCulture)])],
            [2, 2.2, 1.4, 3, 1.2]);
        if (departments.Count == 0)
        {
            pdf.Paragraph("统计期内没有部门办理记录。", muted: true);
        }

        pdf.Heading("三、红黄牌（部门 × 事项在办环节）");
        if (s.Matrix.Count == 0)
        {
            pdf.Paragraph("此刻没有在办环节。", muted: true);
        }
        else
        {
            pdf.Table(["部门", "事项", "绿灯", "黄灯", "红灯", "红灯图示"],
                [.. s.Matrix.Select(c => (IReadOnlyList<string>)[names.Department(c.Department), names.Item(c.Item),
                    c.Green.ToString(CultureInfo.InvariantCulture), c.Yellow.ToString(CultureInfo.InvariantCulture), c.Red.ToString(CultureInfo.InvariantCulture),
                    Bar(c.Red, most)])],
                [2, 2.4, 1, 1, 1, 2.6]);
        }

        pdf.Heading("四、专员");
        pdf.Table(["专员", "在办件数", "期内办结", "按时办结率", "平均办理工作日", "差评"],
            [.. s.ByOfficer.Select(o => (IReadOnlyList<string>)[names.Person(o.Officer), o.Open.ToString(CultureInfo.InvariantCulture),
                o.Completed.ToString(CultureInfo.InvariantCulture), SlaDefinitions.Percent(o.OnTimeRate),
                o.AvgWorkingDays is { } a ? a.ToString("0.0", CultureInfo.InvariantCulture) : "—", o.PoorRatings.ToString(CultureInfo.InvariantCulture)])],
            [2.4, 1, 1, 1.2, 1.4, 0.8]);

        pdf.Heading("五、预警与超期清单");
        if (report.Breaches.Count == 0)
        {
            pdf.Paragraph("此刻没有黄灯或红灯的环节和办件。", muted: true);
        }
        else
        {
            pdf.Table(["办件编号", "状态灯", "事项 · 环节", "部门", "专员", "期限"],
                [.. report.Breaches.Take(MaxBreachRows).Select(b => (IReadOnlyList<string>)[b.CaseNumber, Text.Light(b.Light), names.ItemStep(b.ItemId, b.StepId),
                    names.Department(b.Department), names.Person(b.Officer), b.DueAt is { } due ? Text.Date(Text.LastDay(due)) : "—"])],
                [2.4, 0.8, 2.6, 1.2, 1.4, 1.6]);
            if (report.BreachTotal > MaxBreachRows)
            {
                pdf.Paragraph($"共 {Text.Count(report.BreachTotal)} 条，此处列出最紧急的 {MaxBreachRows} 条；完整清单见 Excel 导出。", muted: true);
            }
        }

        return pdf.ToPdf();
    }

    private static string Show(object? value) => value switch
    {
        null => "—",
        Share share => SlaDefinitions.Percent(share.Value),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "—",
    };

    /// <summary>A bar of ■ for <paramref name="value"/> out of <paramref name="most"/>, <see cref="BarWidth"/> marks at most.</summary>
    private static string Bar(double value, double most)
    {
        var marks = (int)Math.Round(BarWidth * Math.Clamp(value / most, 0, 1));
        return marks == 0 ? "" : new string('■', marks);
    }
}
