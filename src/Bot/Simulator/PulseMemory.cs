namespace PeerBot.Bot.Simulator;

/// <summary>The pulse the time panel opened last, so "pulse reminder" knows which one to remind about.</summary>
public sealed class PulseMemory
{
    public Guid? Last { get; set; }
}
