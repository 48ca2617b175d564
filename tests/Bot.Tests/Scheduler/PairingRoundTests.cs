using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Tests.Scheduler;

public sealed class PairingRoundTests : IAsyncLifetime
{
    private const string Admin = "UADMIN";
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(new()
    {
        ["PeerBot:Admins"] = Admin,
        ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task JoinAsync(string user, string fields) =>
        Assert.DoesNotContain("isn't", await _app.ReplyAsync($"join {fields} tz:America/Chicago", user), StringComparison.Ordinal);

    [Fact]
    public async Task RoundNow_ProposesToTheMentorFirst_AndIntroducesThePairOnlyAfterYes()
    {
        await JoinAsync("U1", "role:mentee subjects:math grades:6-8 years:1 focus:classroom-management,ell");
        await JoinAsync("U2", "role:mentor subjects:math grades:6-8 years:14 capacity:2 focus:classroom-management,ell");

        var preview = await _app.ReplyAsync("admin preview", Admin);
        Assert.Contains("1 mentor proposals", preview, StringComparison.Ordinal);
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from pairings"));

        Assert.Contains("1 mentor proposal", await _app.ReplyAsync("admin round now", Admin), StringComparison.Ordinal);
        await _app.DrainedAsync();

        var proposal = Assert.Single(_app.Slack.MessagesIn("DU2"));
        Assert.Contains("Would you mentor", proposal.Text, StringComparison.Ordinal);
        Assert.Empty(_app.Slack.MessagesIn("DU1"));
        Assert.Equal("proposed", await _app.ScalarAsync<string>("select status from pairings"));
        Assert.True(await _app.ScalarAsync<double>("select score from pairings") >= RoundPlanner.GoodFit);

        // Someone else cannot accept for the mentor; the mentor can, once.
        var value = ChatHarness.ButtonValue(proposal, Introductions.AcceptAction);
        Assert.Contains("isn't for you", await _app.ClickAsync("U1", Introductions.AcceptAction, value), StringComparison.Ordinal);
        Assert.Contains("introduced you", await _app.ClickAsync("U2", Introductions.AcceptAction, value), StringComparison.Ordinal);
        Assert.Contains("already answered", await _app.ClickAsync("U2", Introductions.AcceptAction, value), StringComparison.Ordinal);
        await _app.DrainedAsync();

        var intro = Assert.Single(_app.Slack.MessagesIn(FakeSlack.ChannelFor(["U1", "U2"])));
        Assert.Contains("Why you:", intro.Text, StringComparison.Ordinal);
        Assert.Equal(3, intro.Text.Split('\n').Count(l => l.StartsWith("• ", StringComparison.Ordinal)));
        Assert.Contains("routine that made your classroom calmer", intro.Text, StringComparison.Ordinal);
        Assert.Equal("active", await _app.ScalarAsync<string>("select status from pairings"));
    }

    [Fact]
    public async Task MentorsProposal_SpeaksToTheMentorAsYou_WhileTheIntroductionNamesThem()
    {
        _app.Slack.Names["U61"] = ("Kwame", "Kwame Khan");
        _app.Slack.Names["U62"] = ("Aisha", "Aisha Bello");
        await JoinAsync("U61", "role:mentee subjects:math grades:3-5 years:2 focus:sel");
        await JoinAsync("U62", "role:mentor subjects:math grades:3-5 years:8 capacity:1 focus:sel");

        Assert.Contains("1 mentor proposal", await _app.ReplyAsync("admin round now", Admin), StringComparison.Ordinal);
        await _app.DrainedAsync();

        // Aisha reads her proposal alone: her experience is hers ("you have"), not a stranger's ("Aisha has").
        var proposal = Assert.Single(_app.Slack.MessagesIn("DU62"));
        Assert.Contains("Would you mentor Kwame", proposal.Text, StringComparison.Ordinal);
        Assert.Contains("you have 6 more years in the classroom", proposal.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Aisha", proposal.Text, StringComparison.Ordinal);

        // Once she says yes, the pair's introduction (read by both) names whose experience it is.
        await _app.ClickAsync("U62", Introductions.AcceptAction, ChatHarness.ButtonValue(proposal, Introductions.AcceptAction));
        await _app.DrainedAsync();
        var intro = Assert.Single(_app.Slack.MessagesIn(FakeSlack.ChannelFor(["U61", "U62"])));
        Assert.Contains("Aisha has 6 more years in the classroom", intro.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PodIntroduction_NamesTheFreeTimesThePodShares_InTheirZone()
    {
        await JoinAsync("U41", "role:peer subjects:art grades:k-2 years:3 focus:sel avail:\"tue 15:30-16:30,thu 07:00-07:45\"");
        await JoinAsync("U42", "role:peer subjects:art grades:k-2 years:5 focus:sel avail:\"tue 15:00-16:15\"");
        await _app.ReplyAsync("admin pods 2", Admin);

        Assert.Contains("1 pod introduced", await _app.ReplyAsync("admin round now", Admin), StringComparison.Ordinal);
        await _app.DrainedAsync();

        var intro = Assert.Single(_app.Slack.MessagesIn(FakeSlack.ChannelFor(["U41", "U42"])));
        Assert.Contains("You're both free Tue 3:30–4:15 pm", intro.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Thu", intro.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PodIntroduction_WithNoSharedTime_SaysSoKindly_AndNamesTheClosestTime()
    {
        await JoinAsync("U45", "role:peer subjects:art grades:k-2 years:3 focus:sel avail:\"tue 15:00-15:30\"");
        await JoinAsync("U46", "role:peer subjects:art grades:k-2 years:5 focus:sel avail:\"tue 15:30-16:30\"");
        await _app.ReplyAsync("admin pods 2", Admin);

        Assert.Contains("1 pod introduced", await _app.ReplyAsync("admin round now", Admin), StringComparison.Ordinal);
        await _app.DrainedAsync();

        var intro = Assert.Single(_app.Slack.MessagesIn(FakeSlack.ChannelFor(["U45", "U46"])));
        Assert.Contains("No time you're both free — closest: Tue 3:10 pm (Teacher U46 is free from 3:30 pm)", intro.Text, StringComparison.Ordinal);
        Assert.Contains("one of you shifting a little may do it", intro.BlocksJson, StringComparison.Ordinal);
        Assert.DoesNotContain(PeerBot.Scheduler.Meetings.ProposeButton.Action, intro.BlocksJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoundNow_TellsAMenteeWithNoFittingMentorKindly_AndSecondClickOfSameRunDoesNothing()
    {
        await JoinAsync("U3", "role:mentee subjects:art grades:k-2 years:1");

        Assert.Contains("1 left out", await _app.ReplyAsync("admin round now", Admin), StringComparison.Ordinal);
        await _app.DrainedAsync();

        var told = Assert.Single(_app.Slack.MessagesIn("DU3"));
        Assert.Contains("couldn't find one who fits well", told.Text, StringComparison.Ordinal);
        Assert.Contains("front of the line", told.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntroductionsChannel_PodsAreIntroducedThereWithMentions_AndPrivateBringsGroupDmsBack()
    {
        Assert.Contains("#teachers-lounge", await _app.ReplyAsync("admin intros here", Admin), StringComparison.Ordinal);
        await JoinAsync("U21", "role:peer subjects:art grades:k-2 years:3 focus:sel");
        await JoinAsync("U22", "role:peer subjects:art grades:k-2 years:5 focus:sel");

        await _app.ReplyAsync("admin round now", Admin);
        await _app.DrainedAsync();

        var intro = Assert.Single(_app.Slack.MessagesIn("C100"));
        Assert.StartsWith("<@U21> <@U22> ", intro.Text, StringComparison.Ordinal);
        Assert.Contains("Why you:", intro.Text, StringComparison.Ordinal);
        Assert.Empty(_app.Slack.MessagesIn(FakeSlack.ChannelFor(["U21", "U22"])));
        Assert.Contains("privately again", await _app.ReplyAsync("admin intros private", Admin), StringComparison.Ordinal);
        Assert.Null(await _app.ScalarAsync<string>("select intro_channel from workspaces"));
    }

    [Fact]
    public async Task DeclinedProposal_GoesToTheNextBestMentorInTheFollowUp_AndTheMenteeHearsNothingUntilYes()
    {
        await JoinAsync("U4", "role:mentee subjects:science grades:9-12 years:2 focus:assessment");
        await JoinAsync("U5", "role:mentor subjects:science grades:9-12 years:20 capacity:1 focus:assessment");
        await JoinAsync("U6", "role:mentor subjects:science grades:9-12 years:8 capacity:1 focus:assessment");
        await _app.ReplyAsync("admin round now", Admin);
        await _app.DrainedAsync();
        var first = _app.Slack.Posted.Single(p => p.Text.Contains("Would you mentor", StringComparison.Ordinal));
        var firstMentor = first.Channel[1..];

        Assert.Contains("No problem", await _app.ClickAsync(firstMentor, Introductions.DeclineAction, ChatHarness.ButtonValue(first, Introductions.DeclineAction)), StringComparison.Ordinal);
        var workspace = await _app.WorkspaceAsync();
        await _app.Services.GetRequiredService<PairingRound>().RunAsync(workspace.Id, "follow-up:test", PeerBot.Scheduler.Delivery.Urgency.Now, RoundScope.FollowUp, CancellationToken.None);
        await _app.DrainedAsync();

        var second = _app.Slack.Posted.Where(p => p.Text.Contains("Would you mentor", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, second.Count);
        Assert.NotEqual(firstMentor, second[1].Channel[1..]);
        Assert.Empty(_app.Slack.MessagesIn("DU4"));
    }

    [Fact]
    public async Task CheckInNudge_GoesToActivePairings_RecordsTheAnswer_AndSkipsPausedMembers()
    {
        await JoinAsync("U7", "role:mentee subjects:math grades:6-8 years:1 focus:sel");
        await JoinAsync("U8", "role:mentor subjects:math grades:6-8 years:9 capacity:1 focus:sel");
        await _app.ReplyAsync("admin round now", Admin);
        await _app.DrainedAsync();
        var proposal = Assert.Single(_app.Slack.MessagesIn("DU8"));
        await _app.ClickAsync("U8", Introductions.AcceptAction, ChatHarness.ButtonValue(proposal, Introductions.AcceptAction));
        await _app.DrainedAsync();

        var workspace = await _app.WorkspaceAsync();
        var job = ActivatorUtilities.CreateInstance<CheckInNudgeJob>(_app.Services);
        await job.RunScheduledAsync(workspace.Id, CancellationToken.None);
        await job.RunScheduledAsync(workspace.Id, CancellationToken.None);
        await _app.ScalarAsync<int>("update outbox set next_attempt_at = now() where state = 'pending'");
        await _app.DrainedAsync();

        var pair = FakeSlack.ChannelFor(["U7", "U8"]);
        var nudge = Assert.Single(_app.Slack.MessagesIn(pair), m => m.Text.Contains("meet this week", StringComparison.Ordinal));
        Assert.Contains("How useful", await _app.ClickAsync("U7", CheckInMessages.MetAction, ChatHarness.ButtonValue(nudge, CheckInMessages.MetAction)), StringComparison.Ordinal);
        Assert.Equal("met", await _app.ScalarAsync<string>("select answer from checkins"));

        // Paused: next week's nudge does not reach the pair.
        Assert.Contains("Paused", await _app.ReplyAsync("pause 2", "U7"), StringComparison.Ordinal);
        await _app.ScalarAsync<int>("delete from outbox where purpose = 'check-in'");
        await job.RunScheduledAsync(workspace.Id, CancellationToken.None);
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from outbox where purpose = 'check-in'"));
    }

    [Fact]
    public async Task MentorRequest_WithAnOpenMentorWhoFits_IsProposedAtOnce_OtherwiseWaitsForTheNextRound()
    {
        await JoinAsync("U9", "role:peer subjects:english grades:9-12 years:1 focus:literacy");
        Assert.Contains("next pairing round", await _app.ReplyAsync("mentor", "U9"), StringComparison.Ordinal);
        Assert.Equal("mentee", await _app.ScalarAsync<string>("select role from members where external_user_id = 'U9'"));

        await JoinAsync("U10", "role:mentor subjects:english grades:9-12 years:11 capacity:1 focus:literacy");
        Assert.Contains("I've asked them", await _app.ReplyAsync("mentor", "U9"), StringComparison.Ordinal);
        await _app.DrainedAsync();
        Assert.Contains("Would you mentor", Assert.Single(_app.Slack.MessagesIn("DU10")).Text, StringComparison.Ordinal);
        Assert.Contains("already asked", await _app.ReplyAsync("mentor", "U9"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_ErasesThePairingsAndTheirMessages()
    {
        await JoinAsync("U11", "role:mentee subjects:math grades:6-8 years:1");
        await JoinAsync("U12", "role:mentor subjects:math grades:6-8 years:9 capacity:1");
        await _app.ReplyAsync("admin round now", Admin);
        await _app.DrainedAsync();
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from pairings"));

        await _app.ReplyAsync("leave", "U11");
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from members where external_user_id = 'U11'"));
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from pairings"));
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from outbox where pairing_id is not null"));
    }

    [Fact]
    public async Task RoundNow_GroupsPeersIntoPodsOfTheWorkspaceSize_EachIntroducedInOneGroupMessage()
    {
        foreach (var user in new[] { "P1", "P2", "P3", "P4" })
        {
            await JoinAsync(user, "role:peer subjects:history grades:9-12 years:5 focus:project-based-learning");
        }

        await _app.ReplyAsync("admin pods 2", Admin);
        Assert.Contains("2 pods introduced", await _app.ReplyAsync("admin round now", Admin), StringComparison.Ordinal);
        await _app.DrainedAsync();

        var intros = _app.Slack.Posted.Where(p => p.Text.Contains("Meet your pack", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, intros.Count);
        Assert.All(intros, i => Assert.StartsWith("G", i.Channel, StringComparison.Ordinal));
        Assert.Equal(4L, await _app.ScalarAsync<long>("select count(distinct member_id) from pairing_members"));
        // Already in a pod: the next round leaves them be.
        Assert.Contains("0 pods", await _app.ReplyAsync("admin round now", Admin), StringComparison.Ordinal);
    }
}
