using System.Text.RegularExpressions;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Boundaries;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Admin;

/// <summary>
/// <c>admin evaluates @evaluator @teacher…</c>, <c>admin evaluates @evaluator school:"…"</c>, <c>admin evaluates list</c>,
/// <c>admin evaluates remove @evaluator</c>: someone who evaluates a teacher is never their peer support — never paired
/// with them (mentor, mentee or pod), never suggested to them by find, never introduced by say-hi.
/// </summary>
public sealed partial class EvaluatesVerb(BoundaryStore boundaries, MemberDirectory members) : IAdminVerb
{
    public string Name => "evaluates";

    public string Usage => "evaluates @evaluator @teacher… | evaluates @evaluator school:\"…\" | evaluates list | evaluates remove @evaluator";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        var workspace = command.Workspace.Id;
        var (what, rest) = CommandRouter.Split(arguments);
        if (what == "list")
        {
            return await ListAsync(command, ct);
        }

        if (what == "remove")
        {
            if (UserMention.TryRead(rest) is not { } evaluator)
            {
                return Usage_(command);
            }

            var removed = await boundaries.RemoveEvaluatorAsync(workspace, evaluator, ct);
            return ChatMessage.Plain(removed == 0
                ? $"{UserMention.Of(evaluator)} had no evaluator rule."
                : $"Removed {removed} rule{(removed == 1 ? "" : "s")}: {UserMention.Of(evaluator)} can be paired with the people they evaluated again.");
        }

        var (ids, tail) = UserMention.ReadLeading(arguments);
        if (ids.Count == 0)
        {
            return Usage_(command);
        }

        var who = ids[0];
        var teachers = ids.Skip(1).Where(t => t != who).Distinct(StringComparer.Ordinal).ToList();
        var school = School().Match(tail) is { Success: true } m ? m.Groups["school"].Value.Trim() : null;
        if ((teachers.Count == 0) == (school is null) || (school is null && tail.Length > 0) || school is { Length: 0 })
        {
            return Usage_(command);
        }

        if (school is not null)
        {
            var added = await boundaries.AddEvaluatesAsync(workspace, new EvaluatorRule(who, null, school), ct);
            var atSchool = (await members.ListAsync(workspace, ct)).Count(p => p.ExternalUserId != who && BoundaryStore.SameSchool(p.Profile.School, school));
            return ChatMessage.Plain((added ? "Done. " : "That rule was already there. ") +
                $"{UserMention.Of(who)} evaluates everyone at {school} ({atSchool} member{(atSchool == 1 ? "" : "s")} today, and anyone who joins with that school): " +
                "PeerBot never pairs them, suggests them to each other, or introduces them.");
        }

        var count = 0;
        foreach (var teacher in teachers)
        {
            count += await boundaries.AddEvaluatesAsync(workspace, new EvaluatorRule(who, teacher, null), ct) ? 1 : 0;
        }

        return ChatMessage.Plain(
            $"Done. {UserMention.Of(who)} evaluates {string.Join(", ", teachers.Select(UserMention.Of))}" +
            (count < teachers.Count ? $" ({teachers.Count - count} already recorded)" : "") +
            ": PeerBot never pairs them, suggests them to each other, or introduces them. An existing pairing between them isn't changed.");
    }

    private async Task<ChatMessage> ListAsync(ChatCommand command, CancellationToken ct)
    {
        var rules = await boundaries.EvaluatorsAsync(command.Workspace.Id, ct);
        if (rules.Count == 0)
        {
            return ChatMessage.Plain($"No evaluators recorded. Add one with `{command.Prefix}admin evaluates @principal @teacher` or `{command.Prefix}admin evaluates @principal school:\"Lincoln MS\"`.");
        }

        var lines = rules.GroupBy(r => r.EvaluatorUserId, StringComparer.Ordinal).Select(g =>
            $"• {UserMention.Of(g.Key)} evaluates " + string.Join(", ",
                g.Select(r => r.TeacherUserId is { } t ? UserMention.Of(t) : $"everyone at {r.School}")));
        return ChatMessage.Plain("Evaluators (never paired with, suggested to, or introduced to the people they evaluate):\n" + string.Join("\n", lines));
    }

    private static ChatMessage Usage_(ChatCommand command) => ChatMessage.Plain(
        $"Name the evaluator first, then whom they evaluate: `{command.Prefix}admin evaluates @principal @teacher @teacher2`, or a whole school: " +
        $"`{command.Prefix}admin evaluates @principal school:\"Lincoln MS\"`. Also `{command.Prefix}admin evaluates list` and `{command.Prefix}admin evaluates remove @principal`.");

    [GeneratedRegex("""^school:(?:"(?<school>[^"]*)"|(?<school>\S+))$""", RegexOptions.IgnoreCase)]
    private static partial Regex School();
}
