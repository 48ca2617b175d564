namespace PeerBot.Scheduler.Ask;

/// <summary>A question as stored. <see cref="AskerMemberId"/> is null once it closed or its asker left.</summary>
public sealed record AskQuestion(
    Guid Id, Guid WorkspaceId, string Body, IReadOnlyList<string> Tags, Guid? AskerMemberId, string? AskerName,
    AskState State, bool Hidden, int Stage, DateTimeOffset AskedAt, DateTimeOffset ClosesAt)
{
    public bool IsOpen => State == AskState.Open && !Hidden;

    public bool Named => AskerName is not null;

    public string Topic => Tags.Count > 0 ? string.Join(' ', Tags) : Body;
}
