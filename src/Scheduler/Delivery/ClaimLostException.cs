namespace PeerBot.Scheduler.Delivery;

/// <summary>Thrown from a send's turn when the claim fence refuses it: another instance holds the row now, so nothing is sent.</summary>
internal sealed class ClaimLostException() : Exception("This instance's claim on the delivery was taken over");
