using PeerBot.Bot.Ask;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Scheduler.Ask;

namespace PeerBot.Bot.Tests.Ask;

/// <summary>What admins, coaches, helpers and a database reader can see of a question — and what report and leave take away.</summary>
public sealed class AskPrivacyTests
{
    [Fact]
    public async Task Report_HidesAQuestionOrAnAnswerAtOnce_AndTellsAdminsWhatWasSaid_NeverWhoAsked()
    {
        await using var bot = await AskBot.StartAsync();
        var admin = bot.Teacher("slack", AskBot.Admin);
        var ana = await bot.JoinAsync("slack", "UP1", "Ana", "subjects:science grades:6-8 years:2");
        var ben = await bot.JoinAsync("slack", "UP2", "Ben", "subjects:science grades:6-8");
        var cleo = await bot.JoinAsync("slack", "UP3", "Cleo", "subjects:science grades:6-8");

        await ana.TypeAsync("ask Is it ok to skip the lab safety unit? #science");
        await bot.DeliveredAsync();
        var offerToBen = await ben.MessageAsync("lab safety");
        var offerToCleo = await cleo.MessageAsync("lab safety");
        var reported = await ben.ClickAsync("ask.report", offerToBen.ButtonValues("ask.report").Single());
        Assert.Contains("hidden now", reported.Text, StringComparison.Ordinal);
        var note = await admin.MessageAsync("A question was reported");
        Assert.Contains("skip the lab safety unit", note.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", note.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ana.UserId, note.Raw.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("has closed", (await cleo.ClickAsync(offerToCleo, AskMessages.ClaimAction)).Text, StringComparison.Ordinal);

        await ana.TypeAsync("ask Favourite density demo? #science");
        await bot.DeliveredAsync();
        var offer = await ben.MessageAsync("density demo");
        await ben.SubmitAsync(await ben.ClickAsync(offer, AskMessages.ClaimAction), new Dictionary<string, string[]> { [AnswerForm.Field] = ["Just google it."] });
        var answer = await ana.MessageAsync("Just google it");
        Assert.Contains("hidden now", (await ana.ClickAsync("ask.report", answer.ButtonValues("ask.report").Single())).Text, StringComparison.Ordinal);
        var answerNote = await admin.MessageAsync("An answer was reported");
        Assert.Contains("Just google it", answerNote.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", answerNote.Text, StringComparison.Ordinal);
        // A hidden answer is done: no thanks, reply or tip from it.
        Assert.Contains("Only the colleague who asked", (await ana.ClickAsync(answer, AskMessages.HelpedAction)).Text, StringComparison.Ordinal);
        Assert.Equal(1L, await bot.App.ScalarAsync<long>("select count(*) from ask_questions where hidden"));
        Assert.Equal(1L, await bot.App.ScalarAsync<long>("select count(*) from ask_answers where hidden"));
    }

    [Fact]
    public async Task TipsNameTheHelperNeverTheAsker_RipplesShowOnHome_CoachesSeeCountsOnly_AndLeaveErasesNamesAndLinks()
    {
        await using var bot = await AskBot.StartAsync();
        var admin = bot.Teacher("slack", AskBot.Admin);
        Assert.Contains("now a coach", (await admin.TypeAsync("admin coach add <@UCOACH|cora>")).Text, StringComparison.Ordinal);
        var ana = await bot.JoinAsync("slack", "UT1", "Ana", "subjects:math grades:6-8 years:2");
        var ben = (SlackTeacher)await bot.JoinAsync("slack", "UT2", "Ben", "subjects:math grades:6-8 years:9");

        await ana.TypeAsync("ask How do you run number talks with 7th graders? #math #6-8");
        await ana.TypeAsync("ask Best fraction manipulatives? #math");
        await bot.DeliveredAsync();
        var offer = await ben.MessageAsync("number talks");
        var form = await ben.ClickAsync(offer, AskMessages.ClaimAction);
        bot.Clock.Advance(TimeSpan.FromMinutes(30));
        await ben.SubmitAsync(form, new Dictionary<string, string[]> { [AnswerForm.Field] = ["Start with a dot card and let them argue about it."] });
        var answer = await ana.MessageAsync("dot card");
        var helped = await ana.ClickAsync(answer, AskMessages.HelpedAction);
        Assert.Contains("saved as a tip", (await ana.ClickAsync(helped, AskMessages.TipAction)).Text, StringComparison.OrdinalIgnoreCase);

        var tips = await bot.Teacher("slack", "UT2").TypeAsync("tips 7th grade math");
        Assert.Contains("From Ben", tips.Text, StringComparison.Ordinal);
        Assert.Contains("dot card", tips.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", tips.Text, StringComparison.Ordinal);
        Assert.Contains("No saved tips", (await ana.TypeAsync("tips art")).Text, StringComparison.Ordinal);

        var home = await ben.OpenHomeAsync();
        Assert.Contains("your answers helped 1 colleague", home.Text, StringComparison.Ordinal);

        var report = await bot.Teacher("slack", "UCOACH").TypeAsync("report");
        Assert.Contains("Ask a colleague: 2 questions asked, 1 answered, median 30 min to a first answer", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("number talks", report.Raw.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ana", report.Raw.ToJsonString(), StringComparison.Ordinal);

        // The helper leaves: the tip stays, from "a colleague". The asker leaves: no question links to her any more.
        Assert.Contains("You've left PeerBot", (await ben.TypeAsync("leave")).Text, StringComparison.Ordinal);
        Assert.Contains("From a colleague", (await ana.TypeAsync("tips math")).Text, StringComparison.Ordinal);
        var anaMember = await bot.App.ScalarAsync<Guid>("select id from members where external_user_id = 'UT1'");
        Assert.Equal(2L, await bot.App.ScalarAsync<long>("select count(*) from ask_questions where asker_member_id = $1", anaMember));
        Assert.Contains("You've left PeerBot", (await ana.TypeAsync("leave")).Text, StringComparison.Ordinal);
        Assert.Equal(0L, await bot.App.ScalarAsync<long>("select count(*) from ask_questions where asker_member_id is not null or asker_name is not null"));
        Assert.Empty(await bot.TablesMentioningAsync(anaMember.ToString(), anaMember.ToString("N"), "UT1"));
    }

    [Fact]
    public async Task AQuestionNoJobClosed_IsClosedByTheHourlySweep_AndForgetsWhoAsked_AndWhenToTheMinute()
    {
        // The close job runs on Hangfire's own (real) clock, a week out: on this bot's clock only the sweep can close it,
        // as when the job was lost with Hangfire's storage.
        await using var bot = await AskBot.StartAsync();
        var ana = await bot.JoinAsync("slack", "US1", "Ana", "subjects:math grades:6-8");
        await bot.JoinAsync("slack", "US2", "Ben", "subjects:math grades:6-8");
        await ana.TypeAsync("ask How do you grade homework fairly? #math");
        var question = await bot.OnlyQuestionAsync();
        Assert.Equal(1L, await bot.App.ScalarAsync<long>("select count(*) from ask_questions where asker_member_id is not null"));

        await bot.AdvanceToAsync(AskBot.TuesdayAfterClass + TimeSpan.FromDays(8));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await bot.App.ScalarAsync<long>("select count(*) from ask_questions where asker_member_id is not null") > 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }

        Assert.Equal("closed", await bot.App.ScalarAsync<string>("select state from ask_questions where id = $1", question));
        Assert.Equal(0L, await bot.App.ScalarAsync<long>("select count(*) from outbox where delivery_key like $1", AskStore.DeliveryKeyPrefix(question) + "%"));
        // Asked at 21:00: a database reader now sees only the day, nothing to match against another trace of the asker's.
        Assert.Equal(
            new DateTime(AskBot.TuesdayAfterClass.Year, AskBot.TuesdayAfterClass.Month, AskBot.TuesdayAfterClass.Day, 0, 0, 0, DateTimeKind.Utc),
            await bot.App.ScalarAsync<DateTime>("select asked_at from ask_questions where id = $1", question));
        Assert.True(await bot.App.ScalarAsync<bool>(
            "select closes_at = date_trunc('day', closes_at, 'UTC') and first_answer_at is null from ask_questions where id = $1", question));
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task AHelperSuggestsATip_OnlyTheAskersYesSavesIt_TheHelperNeverLearnsWhoAsked_AndSeesTheRippleInProfile(string platform)
    {
        await using var bot = await AskBot.StartAsync();
        var ana = await bot.JoinAsync(platform, "UH1", "Ana", "subjects:math grades:6-8 years:2");
        var ben = await bot.JoinAsync(platform, "UH2", "Ben", "subjects:math grades:6-8 years:9");
        var cleo = await bot.JoinAsync(platform, "UH3", "Cleo", "subjects:math grades:6-8");
        await ana.TypeAsync("ask How do you keep a warm-up to five minutes? #math");
        await bot.DeliveredAsync();
        var offer = await ben.MessageAsync("warm-up");
        await ben.SubmitAsync(await ben.ClickAsync(offer, AskMessages.ClaimAction), new Dictionary<string, string[]> { [AnswerForm.Field] = ["A visible timer and one problem only."] });
        await ana.ClickAsync(await ana.MessageAsync("visible timer"), AskMessages.HelpedAction);
        await bot.DeliveredAsync();
        var ripple = await ben.MessageAsync("Your answer helped");
        var answer = ripple.ButtonValues(AskMessages.SuggestTipAction).Single();

        // Only the helper may suggest it, and a suggestion is not a yes: the helper cannot save it themselves.
        Assert.Contains("Only the colleague who wrote", (await cleo.ClickAsync(AskMessages.SuggestTipAction, answer)).Text, StringComparison.Ordinal);
        Assert.Contains("Only the colleague who asked", (await ben.ClickAsync(AskMessages.TipAction, answer)).Text, StringComparison.Ordinal);

        var asked = await ben.ClickAsync(ripple, AskMessages.SuggestTipAction);
        Assert.Contains("without telling you who", asked.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", asked.Text, StringComparison.Ordinal);
        await ben.ClickAsync(ripple, AskMessages.SuggestTipAction);
        await bot.DeliveredAsync();
        var request = await ana.MessageAsync("would like to save their answer");
        Assert.Single(ana.Messages, m => m.Text.Contains("would like to save their answer", StringComparison.Ordinal));
        Assert.Contains("No saved tips", (await cleo.TypeAsync("tips warm-up")).Text, StringComparison.Ordinal);

        Assert.Contains("saved as a tip", (await ana.ClickAsync(request, AskMessages.TipAction)).Text, StringComparison.OrdinalIgnoreCase);
        var tips = await cleo.TypeAsync("tips math");
        Assert.Contains("From Ben", tips.Text, StringComparison.Ordinal);
        Assert.Contains("visible timer", tips.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", tips.Text, StringComparison.Ordinal);
        // Teams has no Home tab: the ripple shows in `profile`, on both platforms.
        Assert.Contains("your answers helped 1 colleague.", (await ben.TypeAsync("profile")).Text, StringComparison.Ordinal);
    }
}
