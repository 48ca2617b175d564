namespace PeerBot.Bot.Tests.Faults;

/// <summary>
/// The fault suite starts real bot processes and times what they do: it runs alone, after the parallel collections,
/// one test at a time, so a busy two-core box does not starve the processes it measures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}
