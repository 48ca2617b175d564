namespace PeerBot.Scheduler.Rounds;

/// <summary>A mentoring pair or a peer pod, as stored.</summary>
public sealed record Pairing(Guid Id, Guid WorkspaceId, string Kind, PairingStatus Status, double Score, string Explanation, DateTimeOffset CreatedAt, IReadOnlyList<PairingMember> Members)
{
    public PairingMember? Mentor => Members.FirstOrDefault(m => m.Role == "mentor");

    public PairingMember? Mentee => Members.FirstOrDefault(m => m.Role == "mentee");

    public IReadOnlyList<string> UserIds => [.. Members.Select(m => m.ExternalUserId)];
}
