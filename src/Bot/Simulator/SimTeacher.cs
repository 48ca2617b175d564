namespace PeerBot.Bot.Simulator;

/// <summary>A person in the simulated workspace, as users.info describes them.</summary>
public sealed record SimTeacher(string Id, string Name, string TimeZone, bool IsAdmin = false);
