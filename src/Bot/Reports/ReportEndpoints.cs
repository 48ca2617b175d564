using PeerBot.Matching.Pulse;

namespace PeerBot.Bot.Reports;

/// <summary>
/// <c>GET /reports/{token}</c> (page), <c>/chart.png</c>, <c>/report.csv</c>: the report behind a signed, expiring link.
/// A bad or altered link, or one whose coach may no longer read reports, gets 403 and an expired one 410, with the same few words and nothing else.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{token}", (string token, HttpContext c, ReportLinks links, ReportAccess access, CoachReportBuilder builder) =>
            ServeAsync(token, c, links, access, builder, r => Results.Content(ReportPage.Render(r, Uri.EscapeDataString(token)), "text/html; charset=utf-8")));
        app.MapGet("/reports/{token}/chart.png", (string token, HttpContext c, ReportLinks links, ReportAccess access, CoachReportBuilder builder) =>
            ServeAsync(token, c, links, access, builder, r => Results.File(ReportChart.Render(r), "image/png")));
        app.MapGet("/reports/{token}/report.csv", (string token, HttpContext c, ReportLinks links, ReportAccess access, CoachReportBuilder builder) =>
            ServeAsync(token, c, links, access, builder, r => Results.File(ReportCsv.Write(r), "text/csv; charset=utf-8", $"pulse-{r.Pulse.Scope.Cohort ?? "all"}-{r.Today:yyyy-MM-dd}.csv")));
        return app;
    }

    private static async Task<IResult> ServeAsync(string token, HttpContext context, ReportLinks links, ReportAccess access, CoachReportBuilder builder, Func<CoachReport, IResult> render)
    {
        // Reports must not linger in caches or leak through the Referer header.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers["X-Robots-Tag"] = "noindex";
        var (check, workspaceId, reader, scope) = await links.VerifyAsync(token, context.RequestAborted);
        if (check == ReportLinkCheck.Valid && !await access.MayStillReadAsync(workspaceId, reader, context.RequestAborted))
        {
            // The coach was removed or left (or is no longer an admin): the link dies with their right to read.
            check = ReportLinkCheck.Revoked;
        }

        return check switch
        {
            ReportLinkCheck.Valid => render(await builder.BuildAsync(workspaceId, scope ?? new ReportScope(null, ReportScope.DefaultWeeks), context.RequestAborted)),
            ReportLinkCheck.Expired => Results.Text("This report link has expired. Ask PeerBot for a fresh one with /peer report.", "text/plain", statusCode: StatusCodes.Status410Gone),
            _ => Results.Text("This link isn't valid.", "text/plain", statusCode: StatusCodes.Status403Forbidden),
        };
    }
}
