using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Scheduler.Ask;

namespace PeerBot.Bot.Tests.Ask;

/// <summary>After-class hours and re-routing of a question nobody claimed, on an injected clock.</summary>
public sealed class AskRoutingTests
{
    private static readonly TimeSpan Chicago = TimeSpan.FromHours(-6);

    [Fact]
    public async Task AQuestionAskedAt10pm_ReachesPeersNextAfternoon_ThenTheNext5_ThenTheChannel_ThenTheAskerIsToldKindly()
    {
        // Tuesday 3 March 2026, 22:00 in Chicago.
        await using var bot = await AskBot.StartAsync(new DateTimeOffset(2026, 3, 3, 22, 0, 0, Chicago));
        var admin = bot.Teacher("slack", AskBot.Admin);
        Assert.Contains("Time zone", (await admin.TypeAsync("admin timezone America/Chicago")).Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("posted here", (await admin.TypeAsync("admin support here")).Text, StringComparison.Ordinal);
        var ana = await bot.JoinAsync("slack", "UR0", "Ana", "subjects:ela grades:6-8 years:3");
        var peers = new List<Teacher>();
        for (var i = 1; i <= 7; i++)
        {
            // The first five fit best (subject and grade band); the last two teach the subject only.
            peers.Add(await bot.JoinAsync("slack", $"UR{i}", $"Peer{i}", i <= 5 ? "subjects:ela grades:6-8" : "subjects:ela grades:9-12"));
        }

        Assert.Contains("Sent anonymously to 5 colleagues", (await ana.TypeAsync("ask How do you run book clubs? #ela #6-8")).Text, StringComparison.Ordinal);
        var question = await bot.OnlyQuestionAsync();
        var offersDue = await bot.App.ScalarAsync<DateTime>("select min(next_attempt_at) from outbox where delivery_key like 'ask:%:offer:%'");
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 15, 0, 0, Chicago).UtcDateTime, offersDue);
        await bot.DeliveredAsync();
        Assert.All(peers, p => Assert.DoesNotContain(p.Messages, m => m.Contains("book clubs")));

        await bot.AdvanceToAsync(new DateTimeOffset(2026, 3, 4, 15, 0, 0, Chicago));
        foreach (var p in peers.Take(5))
        {
            await p.MessageAsync("book clubs");
        }

        // One school day after it reached them: the next best peers.
        var step1 = await bot.StepDueAsync(question, 1);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 15, 0, 0, Chicago), step1);
        await bot.AdvanceToAsync(step1);
        await bot.RunStepAsync(question, 1);
        await bot.DeliveredAsync();
        foreach (var p in peers.Skip(5))
        {
            await p.MessageAsync("book clubs");
        }

        Assert.All(peers.Take(5), p => Assert.Single(p.Messages, m => m.Contains("book clubs")));
        await bot.RunStepAsync(question, 1);
        Assert.Equal(7L, await bot.App.ScalarAsync<long>("select count(*) from ask_offers"));

        // Two school days: the peer-support channel, anonymously.
        var step2 = await bot.StepDueAsync(question, 2);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 15, 0, 0, Chicago), step2);
        await bot.AdvanceToAsync(step2);
        await bot.RunStepAsync(question, 2);
        await bot.DeliveredAsync();
        var posted = await bot.App.Slack.WaitUntilAsync(() => bot.App.Slack.MessagesIn("C100").FirstOrDefault(m => m.Text.Contains("book clubs", StringComparison.Ordinal)), "the question in the peer-support channel");
        Assert.DoesNotContain("Ana", posted.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("UR0", posted.BlocksJson ?? "", StringComparison.Ordinal);

        // Three school days (the weekend skipped): the asker is told kindly, and offered find.
        var step3 = await bot.StepDueAsync(question, 3);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.FromHours(-5)), step3);
        await bot.AdvanceToAsync(step3);
        await bot.RunStepAsync(question, 3);
        await bot.DeliveredAsync();
        var kind = await ana.MessageAsync("Nobody has picked up your question yet");
        Assert.Contains("find ela 6-8", kind.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClaimedQuestion_IsNotReRouted_AndAThirdHelperHearsItIsTaken()
    {
        await using var bot = await AskBot.StartAsync();
        var ana = await bot.JoinAsync("slack", "UC0", "Ana", "subjects:math grades:k-2 years:1");
        var helpers = new List<Teacher>();
        for (var i = 1; i <= 3; i++)
        {
            helpers.Add(await bot.JoinAsync("slack", $"UC{i}", $"Helper{i}", "subjects:math grades:k-2"));
        }

        await ana.TypeAsync("ask Number talks for first graders? #math #k-2");
        await bot.DeliveredAsync();
        var question = await bot.OnlyQuestionAsync();
        Assert.True((await helpers[0].ClickAsync(await helpers[0].MessageAsync("Number talks"), AskMessages.ClaimAction)).IsForm);
        Assert.True((await helpers[1].ClickAsync(await helpers[1].MessageAsync("Number talks"), AskMessages.ClaimAction)).IsForm);
        var third = await helpers[2].ClickAsync(await helpers[2].MessageAsync("Number talks"), AskMessages.ClaimAction);
        Assert.Contains("already has its helpers", third.Text, StringComparison.Ordinal);

        await bot.RunStepAsync(question, 1);
        Assert.Equal(1, await bot.App.ScalarAsync<int>("select stage from ask_questions where id = $1", question));
        Assert.Equal(0L, await bot.App.ScalarAsync<long>("select count(*) from job_intents where intent_key like '%:step:2'"));
    }
}
