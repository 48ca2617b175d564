namespace PeerBot.Matching.Pulse;

/// <summary>What a coach asked for: one cohort or all (null), over the last <paramref name="Weeks"/> weeks.</summary>
public sealed record ReportScope(string? Cohort, int Weeks)
{
    public const int DefaultWeeks = 8, MostWeeks = 52;

    public bool IsCohort => Cohort is not null;

    public DateOnly Since(DateOnly today) => today.AddDays(-7 * Weeks);
}
