namespace PeerBot.Matching.Pulse;

/// <summary>The live anonymity settings: every report decision and every sentence that promises anonymity reads these.</summary>
/// <param name="CommentMinimum">Respondents a pulse needs before its comments are shown (never fewer than the threshold).</param>
public sealed record AnonymityRules(SuppressionThreshold Threshold, int CommentMinimum)
{
    public const int DefaultCommentMinimum = 10;

    public static AnonymityRules Default { get; } = new(SuppressionThreshold.Of(null), DefaultCommentMinimum);

    /// <summary>The fewest respondents for comments to be shown: the comment minimum, raised to the threshold if lower.</summary>
    public int FewestForComments => Math.Max(CommentMinimum, Threshold.Value);
}
