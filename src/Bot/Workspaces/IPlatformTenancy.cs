using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Workspaces;

/// <summary>
/// How many workspaces a platform's configuration serves: one (a fixed Slack bot token, a Teams tenant id) or
/// many (Slack OAuth install, a multi-tenant Teams app). Settings that name people without naming their workspace
/// are only safe in the first case. Each adapter says it for its own platform.
/// </summary>
public interface IPlatformTenancy
{
    /// <summary>The platform name, as in <see cref="Workspace.Platform"/>.</summary>
    string Platform { get; }

    /// <summary>The platform is configured at all.</summary>
    bool Enabled { get; }

    /// <summary>The configuration serves exactly one workspace of this platform.</summary>
    bool SingleWorkspace { get; }

    /// <summary>This workspace is the one the single-workspace configuration serves.</summary>
    bool IsTheSingleWorkspace(Workspace workspace);
}
