using Microsoft.Extensions.Options;
using PeerBot.Bot.Commands.Profiles;
using PeerBot.Matching.Ask;
using PeerBot.Scheduler.Ask;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Ask;

/// <summary>
/// Takes a question (typed or from the form): checks the daily limit, stores it with its asker link, offers it to the
/// best-fitting peers and schedules its next routing step and its close — all in one unit of work.
/// </summary>
public sealed class AskDesk(MemberDirectory members, AskStore questions, AskRouter router, UnitOfWorkSource units, IOptions<AskOptions> options, TimeProvider clock)
{
    public async Task<ChatMessage> AskAsync(Workspace workspace, string userId, AskedQuestion asked, string prefix, CancellationToken ct)
    {
        if (await members.FindAsync(workspace.Id, userId, ct) is not { } me)
        {
            return ProfileCommand.NotJoined(prefix);
        }

        if (Problem(asked, prefix) is { } problem)
        {
            return ChatMessage.Plain(problem);
        }

        var o = options.Value;
        var now = clock.GetUtcNow();
        await using var work = await units.BeginAsync(ct);
        // One member's questions are counted one at a time, so two quick asks cannot both slip under the limit.
        await work.LockAsync($"ask-limit:{me.Id:N}", wait: true, ct);
        if (await questions.AskedSinceAsync(me.Id, now.AddDays(-1), ct) >= o.DailyLimit)
        {
            return ChatMessage.Plain($"You've asked {o.DailyLimit} questions in the last day — that's the daily limit, so colleagues aren't flooded. " +
                "Answers to those come to you here; you can ask again tomorrow.");
        }

        var q = new AskQuestion(Guid.CreateVersion7(), workspace.Id, asked.Body, asked.Tags, me.Id, asked.Named ? me.Profile.Name : null,
            AskState.Open, Hidden: false, Stage: 1, now, now + o.OpenFor);
        await AskStore.AddAsync(work, q, ct);
        var reached = await router.RouteAsync(work, q, me, 1, ct);
        if (reached == 0)
        {
            // Rolled back: a question nobody can see is not kept.
            return ChatMessage.Plain($"Nobody else here can take a question right now (everyone else is on a break, or there's nobody yet). Try `{prefix}find <topic>` later, or ask again when more colleagues have joined.");
        }

        await router.ScheduleNextStepAsync(work, workspace.Id, q.Id, 1, ct);
        await work.ScheduleAsync<AskCloseJob>($"{AskStore.DeliveryKeyPrefix(q.Id)}close", j => j.RunAsync(q.Id, CancellationToken.None), q.ClosesAt, ct);
        await work.CommitAsync(ct);

        var how = asked.Named ? "with your name" : "anonymously";
        var tags = asked.Tags.Count > 0 ? $" ({string.Join(' ', asked.Tags.Select(t => "#" + t))})" : "";
        var privacy = asked.Named
            ? "They'll see your name."
            : "Nobody — not them, not coaches or admins — is told who asked; once the question closes, PeerBot forgets it was you.";
        return ChatMessage.Plain($"Sent {how} to {reached} colleague{(reached == 1 ? "" : "s")} whose profile fits{tags}. " +
            $"They see it after class, in their own time; answers come to you here as messages. {privacy}");
    }

    /// <summary>What is wrong with a question, said kindly; null when it can go.</summary>
    public static string? Problem(AskedQuestion asked, string prefix) =>
        asked.Body.Length == 0 ? $"What would you like to ask? e.g. `{prefix}ask How do you keep 7th graders focused after lunch? #math #6-8` — anonymous unless you start with `named`."
        : asked.Body.Length > AskedQuestion.MaxLength ? $"Please keep a question under {AskedQuestion.MaxLength} characters (this one has {asked.Body.Length})."
        : null;
}
