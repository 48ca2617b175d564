namespace PeerBot.Matching.Pulse;

/// <summary>A report cell. A hidden cell carries no numbers at all — not even how small it was.</summary>
/// <param name="Cohort">The cohort, or null for the whole scope ("all").</param>
/// <param name="Respondents">Null when hidden.</param>
public sealed record PulseCell(string? Cohort, int? Respondents, IReadOnlyList<QuestionSummary> Questions)
{
    public bool IsHidden => Respondents is null;

    public static PulseCell Hidden(string? cohort) => new(cohort, null, []);
}
