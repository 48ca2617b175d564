using PeerBot.Bot.Commands;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Pulse;

/// <summary>Stores a member's finished pulse and writes the thank-you (with support resources, to them alone, when stress is very high).</summary>
public sealed partial class PulseRecorder(UnitOfWorkSource units, PulseStore pulses, PulseSettingsStore pulseSettings, AnonymityRules rules, MemberDirectory members, TimeProvider clock, ILogger<PulseRecorder> log)
{
    public async Task<ChatMessage> RecordAsync(Scheduler.Workspaces.Workspace workspace, ChatCaller caller, Guid pulseId, string answers, string? comment, string prefix, CancellationToken ct)
    {
        var member = await members.FindAsync(workspace.Id, caller.UserId, ct);
        var pulse = await pulses.FindAsync(pulseId, ct);
        if (member is null || pulse is null || pulse.WorkspaceId != workspace.Id || answers.Length != pulse.Questions.Count)
        {
            return ChatMessage.Plain($"That pulse isn't one I can take answers for. `{prefix}pulse` shows the current one.");
        }

        var values = answers.Select(c => c - '0').ToArray();
        PulseSubmission outcome;
        await using (var work = await units.BeginAsync(ct))
        {
            outcome = await PulseStore.RecordAsync(work, pulse.Id, member.Id, member.Profile.Cohort, values, comment, clock.GetUtcNow(), ct);
            if (outcome == PulseSubmission.Recorded)
            {
                await work.CommitAsync(ct);
            }
        }

        LogOutcome(workspace.Id, outcome);
        var settings = await pulseSettings.GetAsync(workspace.Id, ct);
        return outcome switch
        {
            PulseSubmission.AlreadyAnswered => ChatMessage.Plain("You've already answered this pulse — thank you! Each person answers once."),
            PulseSubmission.Closed => ChatMessage.Plain($"This pulse has closed, so I couldn't add your answers. The next one comes {PulsePromise.For(rules, settings).NextPulse}."),
            _ => Thanks(PulsePromise.For(rules, settings), settings.Resources, pulse, values, comment is { Length: > 0 }),
        };
    }

    private static ChatMessage Thanks(PulsePromise promise, string resources, OpenPulse pulse, int[] values, bool commented)
    {
        var thanks = "Thank you — your answers are in. " + promise.WhatCoachesSee(commented);
        var blocks = new List<MessageBlock> { new TextBlock(thanks) };
        var text = thanks;
        if (SupportSignal.IsVeryHighStress(pulse.Questions, values))
        {
            var support = "It sounds like this week has been really hard. You're not alone, and nobody else has been told. " +
                (resources.Length > 0 ? $"Support you can reach any time:\n{resources}" : "Please reach out to someone you trust, or your school's employee assistance programme.");
            blocks.Add(new TextBlock(support));
            text += "\n" + support;
        }

        return new ChatMessage(text, blocks);
    }

    // The outcome only (recorded / already / closed): never the answers or the comment.
    [LoggerMessage(Level = LogLevel.Information, Message = "Pulse submission in workspace {WorkspaceId}: {Outcome}")]
    private partial void LogOutcome(Guid workspaceId, PulseSubmission outcome);
}
