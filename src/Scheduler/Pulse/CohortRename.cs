namespace PeerBot.Scheduler.Pulse;

/// <summary>What became of <c>admin cohort rename</c>.</summary>
public enum CohortRename
{
    Renamed,

    /// <summary>No member and no pulse has the old name.</summary>
    NotFound,

    /// <summary>The new name is already in use: merging would recount sealed cells and could unmask a hidden one.</summary>
    WouldMerge,
}
