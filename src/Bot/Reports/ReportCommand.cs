using System.Globalization;
using PeerBot.Bot.Commands;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Reports;

/// <summary><c>report [cohort] [weeks]</c>: the coach's pulse and mentoring report — summary here, chart and CSV in their DM, a signed web link.</summary>
public sealed partial class ReportCommand(ReportAccess access, CoachReportBuilder builder, ReportLinks links, ChatGateways gateways, ILogger<ReportCommand> log) : ICommandHandler
{
    public CommandInfo Info { get; } = new("report", "report [cohort] [weeks]", "coaches: how your teachers are doing (anonymous pulse trends, mentoring health)", "report new-2026 8", CommandAudience.Coaches);

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        if (!await access.MayReadAsync(command.Workspace, command.Caller.UserId, ct))
        {
            return new MessageReply(ChatMessage.Plain(
                "Reports are for coaches. If you support teachers here and need them, ask a PeerBot admin to add you with `admin coach add @you`. Your own pulse answers are always anonymous."));
        }

        if (Parse(command.Arguments) is not { } scope)
        {
            return new MessageReply(ChatMessage.Plain($"Give a cohort and/or a number of weeks (1–{ReportScope.MostWeeks}), e.g. `{command.Prefix}report`, `{command.Prefix}report 12` or `{command.Prefix}report new-2026 8`."));
        }

        var report = await builder.BuildAsync(command.Workspace.Id, scope, ct);
        var (link, expires) = await links.CreateAsync(command.Workspace.Id, command.Caller.UserId, scope, ct);
        var sent = false;
        if (report.Pulse.Weeks.Count > 0)
        {
            try
            {
                var name = $"pulse-{scope.Cohort ?? "all"}-{report.Today:yyyy-MM-dd}";
                await gateways.For(command.Workspace).SendFilesAsync(command.Workspace, command.Caller.UserId,
                    ChatMessage.Plain($"Pulse report — {scope.Cohort ?? "all cohorts"}, last {scope.Weeks} weeks"),
                    [
                        new ChatFile($"{name}.png", "Pulse trends", "image/png", ReportChart.Render(report), link is null ? null : new Uri($"{link.AbsoluteUri}/chart.png")),
                        new ChatFile($"{name}.csv", "Pulse table (suppressed)", "text/csv", ReportCsv.Write(report), link is null ? null : new Uri($"{link.AbsoluteUri}/report.csv")),
                    ], ct);
                sent = true;
            }
            catch (Exception e) when (e is HttpRequestException or ChatDeliveryException or ChatRateLimitedException)
            {
                LogFilesFailed(command.Workspace.Id, e.Message);
            }
        }

        return new MessageReply(ReportText.Summary(report, link, expires, sent));
    }

    public static ReportScope? Parse(string arguments)
    {
        string? cohort = null;
        var weeks = ReportScope.DefaultWeeks;
        foreach (var word in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                if (n is < 1 or > ReportScope.MostWeeks)
                {
                    return null;
                }

                weeks = n;
            }
            else if (cohort is null && word.Length <= 60)
            {
                cohort = word.ToLowerInvariant() is "all" ? null : word.ToLowerInvariant();
            }
            else
            {
                return null;
            }
        }

        return new ReportScope(cohort, weeks);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not attach the report files in workspace {WorkspaceId}: {Error}")]
    private partial void LogFilesFailed(Guid workspaceId, string error);
}
