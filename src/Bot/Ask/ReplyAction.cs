using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Ask;

namespace PeerBot.Bot.Ask;

/// <summary>"Reply" under a relayed answer, and the reply form it opens.</summary>
public sealed class ReplyAction(AskerActions asker) : IActionHandler, IFormHandler
{
    public string ActionId => AskMessages.ReplyAction;

    public string FormId => AskerActions.ReplyForm;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct) => await asker.ReplyAsync(action, ct);

    public Task<FormOutcome> HandleAsync(FormSubmission submission, CancellationToken ct) => asker.SendReplyAsync(submission, ct);
}
