namespace PeerBot.Matching.Pulse;

/// <summary>One pulse in a report: the scope's cell, the cohort breakdown, and the share of people asked who answered.</summary>
/// <param name="ParticipationRate">Answered ÷ asked (0–1); null for a cohort scope or when too few were asked.</param>
/// <param name="Breakdown">Each cohort's cell (only in the all-cohorts scope).</param>
public sealed record PulseWeek(Guid PulseId, DateOnly Week, double? ParticipationRate, PulseCell Scope, IReadOnlyList<PulseCell> Breakdown)
{
    /// <summary>Still open: the cells are empty and hidden; only participation is shown until it closes.</summary>
    public bool IsOpen { get; init; }

    /// <summary>Asked and answered so far (all-cohorts scope, when enough were asked); null otherwise.</summary>
    public (int Invited, int Answered)? Participation { get; init; }
}
