using System.Globalization;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Admin;

/// <summary><c>admin preview</c>: the dry run of a round — who would be paired and why — without sending or saving anything.</summary>
public sealed class PreviewVerb(PairingRound round, TimeProvider clock) : IAdminVerb
{
    private const int Shown = 15;

    public string Name => "preview";

    public string Usage => "preview";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        var plan = await round.PlanAsync(command.Workspace.Id, RoundScope.Full, $"preview:{clock.GetUtcNow():yyyy-MM-dd}", ct);
        if (plan.Pairings.Count == 0 && plan.LeftOut.Count == 0)
        {
            return ChatMessage.Plain("Nobody is waiting to be paired right now (everyone is paired, paused, or nobody has joined).");
        }

        var lines = plan.Pairings.Take(Shown).Select(p => p.Kind == "mentor"
            ? $"• mentor {p.UserIds[1]} ← mentee {p.UserIds[0]} ({p.Score.ToString("0", CultureInfo.InvariantCulture)}): {p.Why}"
            : $"• pod {string.Join(", ", p.UserIds)} ({p.Score.ToString("0", CultureInfo.InvariantCulture)}): {p.Why}").ToList();
        if (plan.Pairings.Count > Shown)
        {
            lines.Add($"• … and {plan.Pairings.Count - Shown} more");
        }

        lines.AddRange(plan.LeftOut.Take(Shown).Select(l => $"• left out: {l.UserId} — {l.Reason}"));
        var summary = $"Preview (nothing sent): {plan.MentorPairs} mentor proposals, {plan.Pods} pods, {plan.LeftOut.Count} left out.";
        return new ChatMessage($"{summary}\n{string.Join("\n", lines)}",
            [new TextBlock($"**{summary}**"), new TextBlock(string.Join("\n", lines)), new NoteBlock($"Run it with `{command.Prefix}admin round now`.")]);
    }
}
