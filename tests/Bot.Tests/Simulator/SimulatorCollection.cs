namespace PeerBot.Bot.Tests.Simulator;

/// <summary>The simulator tests each start a whole bot (and one a browser): one at a time, to stay light on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class SimulatorCollection
{
    public const string Name = "Simulator";
}
