using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Reports;

/// <summary>The port that puts report files in a person's DM, one implementation per platform that supports it.</summary>
public interface IReportFileSender
{
    string Platform { get; }

    Task SendAsync(Workspace workspace, string userId, IReadOnlyList<ReportFile> files, string comment, CancellationToken ct);
}
