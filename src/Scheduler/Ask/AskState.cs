namespace PeerBot.Scheduler.Ask;

/// <summary>A question is open while answers are relayed; closed, it no longer knows who asked.</summary>
public enum AskState
{
    Open,
    Closed,
}
