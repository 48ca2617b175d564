using PeerBot.Bot.Ask;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Scheduler.Ask;

namespace PeerBot.Bot.Tests.Ask;

/// <summary>
/// Ask a colleague, as teachers see it on Slack and Teams: a question reaches only fitting peers without a hint of who
/// asked, is claimed, answered, relayed naming the helper, replied to once and thanked; once it closes, nobody — not a
/// helper, not an admin, not someone reading the database — can tell who asked.
/// </summary>
public sealed class AskJourneyTests
{
    private const string Question = "How do you keep 7th graders focused after lunch?";

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task AnAnonymousQuestion_ReachesOnlyFittingPeers_IsAnsweredRelayedAndThanked_AndForgetsItsAskerWhenClosed(string platform)
    {
        await using var bot = await AskBot.StartAsync();
        var ana = await bot.JoinAsync(platform, "AK1", "Ana", "subjects:math grades:6-8 years:2 focus:assessment");
        var ben = await bot.JoinAsync(platform, "AK2", "Ben", "subjects:math grades:6-8 years:9 focus:assessment");
        var cleo = await bot.JoinAsync(platform, "AK3", "Cleo", "subjects:math grades:6-8 years:4");
        var eve = await bot.JoinAsync(platform, "AK4", "Eve", "subjects:art grades:k-2 years:12");
        Assert.Contains("Paused", (await cleo.TypeAsync("pause")).Text, StringComparison.Ordinal);

        var sent = await ana.TypeAsync($"ask {Question} #math #6-8");
        Assert.Contains("Sent anonymously to 1 colleague", sent.Text, StringComparison.Ordinal);
        Assert.Contains("not coaches or admins", sent.Text, StringComparison.Ordinal);
        await bot.DeliveredAsync();

        var offer = await ben.MessageAsync(Question);
        Assert.Contains("anonymously", offer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", offer.Text, StringComparison.Ordinal);
        Assert.Equal(["I can help", "Not me", "Report"], offer.Buttons.Select(b => b.Label));
        // Paused, unfitting, and the asker herself: never offered it.
        foreach (var other in new[] { ana, cleo, eve })
        {
            Assert.DoesNotContain(other.Messages, m => m.Contains(Question));
        }

        var form = await ben.ClickAsync(offer, AskMessages.ClaimAction);
        Assert.Equal(AnswerForm.Id, form.FormId);
        var thanks = await ben.SubmitAsync(form, new Dictionary<string, string[]> { [AnswerForm.Field] = ["A two-minute stretch, then a question on the board before they sit."] });
        Assert.Contains("passed your answer on", thanks.Text, StringComparison.Ordinal);

        var answer = await ana.MessageAsync("answered your question");
        Assert.Contains("Ben", answer.Text, StringComparison.Ordinal);
        Assert.Contains("two-minute stretch", answer.Text, StringComparison.Ordinal);
        Assert.Contains("still doesn't know who asked", answer.Text, StringComparison.Ordinal);

        var replyForm = await ana.ClickAsync(answer, AskMessages.ReplyAction);
        Assert.Equal(AskerActions.ReplyForm, replyForm.FormId);
        Assert.Contains("still anonymously", (await ana.SubmitAsync(replyForm, new Dictionary<string, string[]> { [AskerActions.ReplyField] = ["Trying it tomorrow, thank you!"] })).Text, StringComparison.Ordinal);
        var reply = await ben.MessageAsync("Trying it tomorrow");
        Assert.Contains("anonymously", reply.Text, StringComparison.Ordinal);
        Assert.Contains("already replied", (await ana.ClickAsync(answer, AskMessages.ReplyAction)).Text, StringComparison.Ordinal);

        var helped = await ana.ClickAsync(answer, AskMessages.HelpedAction);
        Assert.Contains("told Ben it helped (not who you are)", helped.Text, StringComparison.Ordinal);
        await bot.DeliveredAsync();
        await ben.MessageAsync("Your answer helped a 2nd-year math teacher");
        Assert.All(ben.Messages, m => Assert.DoesNotContain("Ana", m.Text, StringComparison.Ordinal));

        // Closed: the asker link, the offers and every message about the question are gone; the answer stays, with its helper.
        var question = await bot.OnlyQuestionAsync();
        var askerMember = await bot.App.ScalarAsync<Guid>("select id from members where display_name = 'Ana'");
        await bot.CloseAsync(question);
        Assert.Equal(0L, await bot.App.ScalarAsync<long>("select count(*) from ask_questions where asker_member_id is not null"));
        var readable = await bot.TablesMentioningAsync(askerMember.ToString(), askerMember.ToString("N"), ana.UserId);
        Assert.DoesNotContain(readable, t => t.Contains("ask_", StringComparison.Ordinal) || t is "public.outbox" or "public.teams_deliveries" or "public.job_intents" || t.StartsWith("hangfire.", StringComparison.Ordinal));
        Assert.Equal(1L, await bot.App.ScalarAsync<long>("select count(*) from ask_answers a join members m on m.id = a.helper_member_id where m.display_name = 'Ben' and a.helped"));
        // And PeerBot itself no longer knows: the asker's buttons answer as they would for anyone.
        Assert.Contains("Only the colleague who asked", (await ana.ClickAsync(answer, AskMessages.HelpedAction)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeverPairListsAndEvaluators_KeepAQuestionFromThosePeers_AndNamedQuestionsShowTheName()
    {
        await using var bot = await AskBot.StartAsync();
        var ana = await bot.JoinAsync("slack", "UA1", "Ana", "subjects:math grades:6-8 years:2 school:\"Lincoln MS\"");
        var ben = await bot.JoinAsync("slack", "UA2", "Ben", "subjects:math grades:6-8 years:9");
        var cleo = await bot.JoinAsync("slack", "UA3", "Cleo", "subjects:math grades:6-8 years:4");
        var priya = await bot.JoinAsync("slack", "UA4", "Priya", "subjects:math grades:6-8 years:20");
        await ana.TypeAsync("never <@UA3|cleo>");
        await bot.Teacher("slack", AskBot.Admin).TypeAsync("admin evaluates <@UA4|priya> school:\"Lincoln MS\"");

        Assert.Contains("Sent with your name to 1 colleague", (await ana.TypeAsync("ask named What's your best exit ticket? #math")).Text, StringComparison.Ordinal);
        await bot.DeliveredAsync();
        var offer = await ben.MessageAsync("exit ticket");
        Assert.Contains("Ana", offer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(cleo.Messages, m => m.Contains("exit ticket"));
        Assert.DoesNotContain(priya.Messages, m => m.Contains("exit ticket"));
        Assert.Equal(1L, await bot.App.ScalarAsync<long>("select count(*) from ask_offers"));
    }

    [Fact]
    public async Task AskAlone_OpensTheForm_AndTheDailyLimitAnswersKindly()
    {
        await using var bot = await AskBot.StartAsync(extra: new() { ["PeerBot:Ask:DailyLimit"] = "2" });
        var ana = await bot.JoinAsync("slack", "UL1", "Ana", "subjects:science grades:9-12 years:1");
        await bot.JoinAsync("slack", "UL2", "Ben", "subjects:science grades:9-12 years:7");

        var form = await ana.TypeAsync("ask");
        Assert.Equal(AskForm.Id, form.FormId);
        Assert.Equal(["anonymous"], form.Initial(AskForm.Signed));
        Assert.Equal("Type your question here.", (await ana.SubmitAsync(form, new Dictionary<string, string[]> { [AskForm.Question] = [" "] })).FieldErrors[AskForm.Question]);
        var sent = await ana.SubmitAsync(form, new Dictionary<string, string[]>
        {
            [AskForm.Question] = ["Any good labs on density?"], [AskForm.Tags] = ["#science #9-12"], [AskForm.Signed] = ["anonymous"],
        });
        Assert.Contains("Sent anonymously to 1 colleague", sent.Text, StringComparison.Ordinal);
        Assert.Contains("#science #9-12", sent.Text, StringComparison.Ordinal);

        Assert.Contains("Sent anonymously", (await ana.TypeAsync("ask Second question? #science")).Text, StringComparison.Ordinal);
        var limited = await ana.TypeAsync("ask Third question? #science");
        Assert.Contains("asked 2 questions in the last day", limited.Text, StringComparison.Ordinal);
        Assert.Equal(2L, await bot.App.ScalarAsync<long>("select count(*) from ask_questions"));

        // A day later the limit has room again.
        bot.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Assert.Contains("Sent anonymously", (await ana.TypeAsync("ask Third question? #science")).Text, StringComparison.Ordinal);
    }
}
