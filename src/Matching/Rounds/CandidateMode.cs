namespace PeerBot.Matching.Rounds;

/// <summary>Which pairs a round considers (the CLI's <c>--candidates</c>).</summary>
public enum CandidateMode
{
    /// <summary>Each person's best few from an index by subject, grade and focus: scales to a state.</summary>
    Sparse,
    /// <summary>Every allowed pair: for small groups and for checking the sparse graph against the full one.</summary>
    All,
}
