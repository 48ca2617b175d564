using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Rounds;

/// <summary>The mentor's "Not now" button: no questions asked; the mentee goes to the next best mentor.</summary>
public sealed class MentorDeclineAction(MentorConsent consent) : IActionHandler
{
    public string ActionId => Introductions.DeclineAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        if (!Guid.TryParse(action.Value, out var id))
        {
            return null;
        }

        return new MessageReply(ChatMessage.Plain(await consent.DeclineAsync(action.Workspace.Id, id, action.Caller.UserId, ct) switch
        {
            MentorConsent.Answer.Declined => "No problem at all — thanks for letting me know. I'll find them another mentor.",
            MentorConsent.Answer.AlreadyAnswered => "You've already answered this one — thanks!",
            _ => "This proposal isn't for you, or it's no longer open.",
        }));
    }
}
