using PeerBot.Bot.Admin;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Ask;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Ask;

/// <summary>
/// "Report" under a question or an answer: hidden at once (no more claims, answers, replies or tips; offers not yet
/// delivered are withdrawn), and the workspace's admins are told what was said — never who asked it.
/// </summary>
public sealed class ReportAction(AskStore questions, MemberDirectory members, AdminGate admins, UnitOfWorkSource units) : IActionHandler
{
    public string ActionId => AskMessages.ReportAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        var kind = action.Value.Length > 2 ? action.Value[..2] : "";
        if (kind is not ("q:" or "a:") || !AskMessages.TryRead(action.Value[2..], out var id) || await members.FindAsync(action.Workspace.Id, action.Caller.UserId, ct) is null)
        {
            return Say("That button isn't one I recognise.");
        }

        await using var work = await units.BeginAsync(ct);
        string what;
        AskQuestion? q;
        if (kind == "q:")
        {
            q = await AskStore.LockAsync(work, id, ct);
            if (q is null || q.WorkspaceId != action.Workspace.Id || !await AskStore.HideQuestionAsync(work, id, ct))
            {
                return Say(Thanks);
            }

            await work.ExecuteAsync("delete from outbox where delivery_key like @offers and state = 'pending'", new { offers = AskStore.DeliveryKeyPrefix(id) + "offer:%" }, ct);
            what = $"A question was reported and is now hidden:\n{AskMessages.Quote(q.Body)}";
        }
        else
        {
            var answer = await questions.FindAnswerAsync(id, ct);
            q = answer is null ? null : await AskStore.LockAsync(work, answer.QuestionId, ct);
            if (answer is null || q is null || q.WorkspaceId != action.Workspace.Id || !await AskStore.HideAnswerAsync(work, id, ct))
            {
                return Say(Thanks);
            }

            what = $"An answer was reported and is now hidden:\n{AskMessages.Quote(answer.Body)}\nIt answered: {AskMessages.Quote(q.Body)}";
        }

        var note = $"🚩 {what}\nPeerBot never says who asked a question. If it breaks your school's norms, follow up as you usually would.";
        await work.SendAsync(q.WorkspaceId,
        [
            .. admins.Configured(action.Workspace).Select(admin =>
                new OutboxEntry($"{AskStore.DeliveryKeyPrefix(q.Id)}report:{kind[0]}{id:N}:{admin}", [admin], "ask report", ChatMessage.Plain(note), Urgency.Now)),
        ], ct);
        await work.CommitAsync(ct);
        return Say(Thanks);
    }

    private const string Thanks = "Thanks for telling us. It's hidden now, and the admins have been told what it said — never who asked it.";

    private static MessageReply Say(string text) => new(ChatMessage.Plain(text));
}
