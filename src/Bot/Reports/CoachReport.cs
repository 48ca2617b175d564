using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Reports;

/// <summary>Everything a coach's report shows, already suppressed: the pulse table, comments allowed out, mentoring health.</summary>
/// <param name="Comments">Per pulse (by week), shuffled; only pulses that passed <see cref="CommentRule"/>.</param>
/// <param name="Mentoring">Null when the pairing tables do not exist in this database.</param>
public sealed record CoachReport(PulseReport Pulse, IReadOnlyList<(DateOnly Week, IReadOnlyList<string> Comments)> Comments, MentoringHealth? Mentoring, DateOnly Today)
{
    /// <summary>Respondents a pulse needs before its comments are shown (from the live settings).</summary>
    public int CommentsFrom { get; init; } = AnonymityRules.DefaultCommentMinimum;

    /// <summary>Ask a colleague in the period, as counts only.</summary>
    public PeerBot.Scheduler.Ask.AskHealth? Asks { get; init; }

    /// <summary>Thanks given and pairings that met this term, as counts withheld below the threshold; null in a term's first week.</summary>
    public PeerBot.Scheduler.Thanks.ThanksHealth? Thanks { get; init; }
}
