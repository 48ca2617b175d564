using PeerBot.Bot.Commands;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Pulse;

/// <summary><c>pulse</c>: take the current wellness pulse now.</summary>
public sealed class PulseCommand(PulseStore pulses, PulseSettingsStore pulseSettings, AnonymityRules rules, MemberDirectory members, TimeProvider clock) : ICommandHandler
{
    public CommandInfo Info { get; } = new("pulse", "pulse", "take the current wellness pulse (anonymous, about a minute)", "pulse");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        var promise = PulsePromise.For(rules, await pulseSettings.GetAsync(command.Workspace.Id, ct));
        if (await members.FindAsync(command.Workspace.Id, command.Caller.UserId, ct) is not { } member)
        {
            return new MessageReply(ChatMessage.Plain($"The pulse is for PeerBot members. `{command.Prefix}join` first, then you'll get it {promise.Cadence}."));
        }

        if (await pulses.FindOpenAsync(command.Workspace.Id, clock.GetUtcNow(), ct) is not { } pulse)
        {
            return new MessageReply(ChatMessage.Plain($"There's no pulse open right now. The next one arrives in your DMs ({promise.Cadence})."));
        }

        return await pulses.HasAnsweredAsync(pulse.Id, member.Id, ct)
            ? new MessageReply(ChatMessage.Plain($"You've already answered this pulse — thank you! The next one comes {promise.NextPulse}."))
            : new MessageReply(PulseMessages.Question(pulse, "", promise));
    }
}
