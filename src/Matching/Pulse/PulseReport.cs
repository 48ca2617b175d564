namespace PeerBot.Matching.Pulse;

/// <summary>The suppressed report: everything in it is safe to show a coach.</summary>
public sealed record PulseReport(ReportScope Scope, int Threshold, IReadOnlyList<PulseQuestion> Questions, IReadOnlyList<PulseWeek> Weeks)
{
    /// <summary>The label members without a cohort are grouped under.</summary>
    public const string NoCohort = "(no cohort)";
}
