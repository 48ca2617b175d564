namespace PeerBot.Scheduler.Workspaces;

/// <summary>A school's (or district's) chat workspace: a Slack team or a Teams tenant.</summary>
/// <param name="Platform">Which adapter serves it ("slack", "teams"): data for dispatch, never branched on above the adapters.</param>
/// <param name="ExternalId">The platform's id for it (Slack team id, Teams tenant id).</param>
public sealed record Workspace(Guid Id, string Platform, string ExternalId, string Name, string TimeZone);
