namespace PeerBot.Matching.Scoring;

/// <summary>What a score is for: it differs only in how experience counts.</summary>
public enum PairingKind
{
    /// <summary>Mentee and mentor: a useful experience gap counts (the first person is the mentee).</summary>
    Mentoring,
    /// <summary>Peers in a pod or a "find" result: a similar career stage counts.</summary>
    Peer,
}
