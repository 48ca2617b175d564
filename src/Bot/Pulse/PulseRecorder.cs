using PeerBot.Bot.Commands;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Pulse;

/// <summary>Stores a member's finished pulse and writes the thank-you (with support resources, to them alone, when stress is very high).</summary>
public sealed partial class PulseRecorder(PulseStore pulses, PulseSettingsStore pulseSettings, MemberDirectory members, WorkspaceSettingsStore settings, TimeProvider clock, ILogger<PulseRecorder> log)
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
        var now = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, (await settings.GetAsync(workspace.Id, ct)).Zone).DateTime);
        var outcome = await pulses.RecordAsync(pulse.Id, member.Id, member.Profile.Cohort, values, comment, day, now, ct);
        LogOutcome(workspace.Id, outcome);
        return outcome switch
        {
            PulseSubmission.AlreadyAnswered => ChatMessage.Plain("You've already answered this pulse — thank you! Each person answers once."),
            PulseSubmission.Closed => ChatMessage.Plain("This pulse has closed, so I couldn't add your answers. The next one comes in two weeks."),
            _ => await ThanksAsync(workspace.Id, pulse, values, comment is { Length: > 0 }, ct),
        };
    }

    private async Task<ChatMessage> ThanksAsync(Guid workspaceId, OpenPulse pulse, int[] values, bool commented, CancellationToken ct)
    {
        var thanks = "Thank you — your answers are in. " +
            "**What coaches will see:** averages and how answers spread, per fortnight, for groups of at least 5 people" +
            (commented ? ", and your comment word for word, shuffled among others and without your cohort, only if 10 or more people answered" : "") + ". " +
            "**What they will not see:** your name, your answers, or anything that points to you. Not even PeerBot can link them back to you.";
        var blocks = new List<MessageBlock> { new TextBlock(thanks) };
        var text = thanks;
        if (SupportSignal.IsVeryHighStress(pulse.Questions, values))
        {
            var resources = (await pulseSettings.GetAsync(workspaceId, ct)).Resources;
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
