namespace PeerBot.Scheduler.Rounds;

/// <summary>What a round would do (the preview) or did: proposals, pods, and who was left out and why.</summary>
public sealed record RoundPlan(IReadOnlyList<PlannedPairing> Pairings, IReadOnlyList<LeftOutMember> LeftOut)
{
    public int MentorPairs => Pairings.Count(p => p.Kind == "mentor");

    public int Pods => Pairings.Count(p => p.Kind == "pod");
}

/// <summary>A pairing the engine chose: for "mentor", the first id is the mentee and the second the mentor.</summary>
public sealed record PlannedPairing(string Kind, IReadOnlyList<string> UserIds, double Score, string Why)
{
    /// <summary>For "mentor": <see cref="Why"/> as the mentor reads it in their proposal, alone ("you have 6 more years…").</summary>
    public string? WhyToMentor { get; init; }
}

/// <summary>Someone the round could not place, with the engine's reason.</summary>
public sealed record LeftOutMember(string UserId, string Kind, string Reason);
