using PeerBot.Bot.Commands;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Pulse;

/// <summary>A click on 1–5: the next question, or (after the last) "send or add a comment". Nothing is stored yet.</summary>
public sealed class PulseAnswerAction(PulseStore pulses, PulseSettingsStore pulseSettings, AnonymityRules rules, TimeProvider clock) : IActionHandler
{
    public string ActionId => PulseMessages.AnswerAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        if (!PulseMessages.TryRead(action.Value, out var pulseId, out var answers)
            || await pulses.FindAsync(pulseId, ct) is not { } pulse || pulse.WorkspaceId != action.Workspace.Id || answers.Length > pulse.Questions.Count)
        {
            return new MessageReply(ChatMessage.Plain($"That button belongs to a pulse I can't find any more. `{action.Prefix}pulse` shows the current one."));
        }

        var promise = PulsePromise.For(rules, await pulseSettings.GetAsync(pulse.WorkspaceId, ct));
        if (pulse.ClosesAt <= clock.GetUtcNow())
        {
            return new MessageReply(ChatMessage.Plain($"This pulse has closed. The next one comes {promise.NextPulse} — thank you for wanting to answer."));
        }

        return new MessageReply(answers.Length < pulse.Questions.Count ? PulseMessages.Question(pulse, answers, promise) : PulseMessages.Finish(pulse.Id, answers));
    }
}
