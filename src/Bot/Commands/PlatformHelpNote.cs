namespace PeerBot.Bot.Commands;

/// <summary>A line an adapter adds under <c>help</c> on its own platform (e.g. Slack's shortcuts), so the router stays neutral.</summary>
/// <param name="Platform">The platform's name, as in <c>Workspace.Platform</c>.</param>
public sealed record PlatformHelpNote(string Platform, string Markdown);
