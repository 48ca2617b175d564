namespace PeerBot.Scheduler.Workspaces;

/// <summary>The platforms a <see cref="Workspace"/> can live on; here so the CLI and the adapters name them alike without knowing each other.</summary>
public static class ChatPlatforms
{
    public const string Slack = "slack";

    public const string Teams = "teams";

    public static IReadOnlyList<string> All { get; } = [Slack, Teams];
}
