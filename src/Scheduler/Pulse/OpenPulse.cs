using PeerBot.Matching.Pulse;

namespace PeerBot.Scheduler.Pulse;

/// <summary>A pulse people can answer until <paramref name="ClosesAt"/>.</summary>
public sealed record OpenPulse(Guid Id, Guid WorkspaceId, DateOnly Week, IReadOnlyList<PulseQuestion> Questions, DateTimeOffset ClosesAt);
