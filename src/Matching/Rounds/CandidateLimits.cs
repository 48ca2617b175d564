namespace PeerBot.Matching.Rounds;

/// <summary>
/// How wide the sparse candidate graph is. Keeping both each mentee's best mentors and each mentor's best
/// mentees matters: with one side only, popular mentors fill up and mentees whose list holds only them are
/// lost (up to 10% of the optimum); with both, the sparse optimum stays within 0.1% of the all-pairs one.
/// </summary>
public sealed record CandidateLimits
{
    /// <summary>Best mentors kept per mentee.</summary>
    public int MenteeTopK { get; init; } = 10;

    /// <summary>Best mentees kept per mentor (at least twice the mentor's capacity).</summary>
    public int MentorTopK { get; init; } = 10;

    /// <summary>Best peers kept per person for pods.</summary>
    public int PeerTopK { get; init; } = 20;

    /// <summary>
    /// Most profiles scored per person while looking for its best: the index is searched from the closest
    /// buckets (same subject, grade and focus) outwards until this many were scored. Bounds the work at state scale.
    /// </summary>
    public int ScanBudget { get; init; } = 1000;

    public void Validate()
    {
        if (MenteeTopK < 1 || MentorTopK < 1 || PeerTopK < 1)
        {
            throw new ArgumentException("CandidateLimits top-k values must be at least 1.");
        }

        if (ScanBudget < Math.Max(MenteeTopK, Math.Max(MentorTopK, PeerTopK)))
        {
            throw new ArgumentException("CandidateLimits.ScanBudget must be at least the largest top-k.", nameof(ScanBudget));
        }
    }
}
