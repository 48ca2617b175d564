using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary><c>leave</c>: erases the member's personal data at once and says what remains (only anonymous totals).</summary>
public sealed partial class LeaveCommand(MemberErasure erasure, ILogger<LeaveCommand> log) : ICommandHandler
{
    public CommandInfo Info { get; } = new("leave", "leave", "leave PeerBot and erase your profile", "leave");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        if (!await erasure.EraseAsync(command.Workspace.Id, command.Caller.UserId, ct))
        {
            return new MessageReply(ChatMessage.Plain($"You're not a PeerBot member, so there's nothing of yours to erase. `{command.Prefix}join` if you'd like to join."));
        }

        LogErased(command.Workspace.Id);
        return new MessageReply(ChatMessage.Plain(
            "Done. You've left PeerBot and I've erased your profile, pairings and check-ins. " +
            "Pulse answers were never linked to you and stay only inside anonymous totals. " +
            $"You're welcome back any time with `{command.Prefix}join`."));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A member left workspace {WorkspaceId}; their personal data was erased")]
    private partial void LogErased(Guid workspaceId);
}
