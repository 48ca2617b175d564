using System.ComponentModel.DataAnnotations;

namespace PeerBot.Bot.Pulse;

/// <summary>Settings under <c>PeerBot:Pulse</c>.</summary>
public sealed class PulseOptions
{
    /// <summary>Fewest respondents a report cell may show. Values below 3 are refused at start (and raised to 3 anywhere else).</summary>
    [Range(3, 1000, ErrorMessage = "PeerBot:Pulse:SuppressionThreshold must be at least 3 (default 5): smaller groups could expose a person.")]
    public int SuppressionThreshold { get; set; } = Matching.Pulse.SuppressionThreshold.Default;

    /// <summary>Respondents a pulse needs before its comments are shown (raised to the threshold when lower).</summary>
    [Range(3, 1000, ErrorMessage = "PeerBot:Pulse:CommentMinimum must be at least 3 (default 10).")]
    public int CommentMinimum { get; set; } = Matching.Pulse.AnonymityRules.DefaultCommentMinimum;

    /// <summary>The rules every report and every promise to members is built from.</summary>
    public Matching.Pulse.AnonymityRules Rules => new(Matching.Pulse.SuppressionThreshold.Of(SuppressionThreshold), CommentMinimum);
}
