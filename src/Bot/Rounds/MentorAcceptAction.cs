using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Rounds;

/// <summary>The mentor's "Yes, I'll mentor" button.</summary>
public sealed class MentorAcceptAction(MentorConsent consent) : IActionHandler
{
    public string ActionId => Introductions.AcceptAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        if (!Guid.TryParse(action.Value, out var id))
        {
            return null;
        }

        return new MessageReply(ChatMessage.Plain(await consent.AcceptAsync(action.Workspace.Id, id, action.Caller.UserId, ct) switch
        {
            MentorConsent.Answer.Accepted => "Thank you! 🎉 I've introduced you both — say hi when you can.",
            MentorConsent.Answer.AlreadyAnswered => "You've already answered this one — thanks!",
            _ => "This proposal isn't for you, or it's no longer open.",
        }));
    }
}
