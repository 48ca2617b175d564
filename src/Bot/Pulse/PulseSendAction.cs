using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Pulse;

/// <summary>"Send my answers": stores them, unlinked, and thanks the member.</summary>
public sealed class PulseSendAction(PulseRecorder recorder) : IActionHandler
{
    public string ActionId => PulseMessages.SendAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct) =>
        PulseMessages.TryRead(action.Value, out var pulseId, out var answers)
            ? new MessageReply(await recorder.RecordAsync(action.Workspace, action.Caller, pulseId, answers, null, action.Prefix, ct))
            : new MessageReply(ChatMessage.Plain($"That button isn't one I recognise. `{action.Prefix}pulse` shows the current pulse."));
}
