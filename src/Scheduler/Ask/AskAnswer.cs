namespace PeerBot.Scheduler.Ask;

/// <summary>An answer as stored; <see cref="HelperName"/> is "a colleague" once the helper left.</summary>
public sealed record AskAnswer(Guid Id, Guid QuestionId, Guid? HelperMemberId, string? HelperUserId, string HelperName, string Body, string? Reply, bool Helped, bool Hidden);
