using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Commands.Find;
using PeerBot.Bot.Slack;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Schedules;
using PeerBot.Scheduler.Thanks;

namespace PeerBot.Bot.Tests.Slack;

/// <summary>
/// Slack's global shortcuts "Find a peer" and "Check in": a <c>shortcut</c> payload with a trigger and no response_url,
/// answered in a modal opened with that trigger (single use, 3 s), or as a DM when Slack will not open it.
/// </summary>
public sealed class SlackShortcutTests : IAsyncLifetime
{
    private const string Math = "role:peer subjects:math grades:6-8 years:3 focus:assessment tz:America/Chicago";
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(new()
    {
        ["PeerBot:Admins"] = "UADMIN",
        ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task FindAPeer_OpensAFindForm_WhoseAnswerIsTheSameAsTypingFind()
    {
        var (ana, ben, cleo) = (_app.SlackTeacher("USC1"), _app.SlackTeacher("USC2"), _app.SlackTeacher("USC3"));

        var notYet = await ana.ShortcutAsync(SlackShortcuts.FindAPeer);
        Assert.Equal(BlockKit.MessageModalId, notYet.FormId);
        Assert.Contains("You haven't joined PeerBot yet", notYet.Text, StringComparison.Ordinal);

        foreach (var t in new[] { ana, ben, cleo })
        {
            Assert.Contains("Welcome to PeerBot", (await t.TypeAsync($"join {Math}")).Text, StringComparison.Ordinal);
        }

        var form = await ana.ShortcutAsync(SlackShortcuts.FindAPeer);
        Assert.Equal(FindForm.Id, form.FormId);
        Assert.Equal([FindForm.TopicField], form.Fields);
        Assert.Contains("Find a peer", form.Text, StringComparison.Ordinal);

        var empty = await ana.SubmitAsync(form, new Dictionary<string, string[]> { [FindForm.TopicField] = ["  "] });
        Assert.Contains("Type a topic", empty.FieldErrors[FindForm.TopicField], StringComparison.Ordinal);

        // The answer comes as a DM (a shortcut has no response_url), and it is exactly what /peer find math answers.
        var found = await ana.SubmitAsync(form, new Dictionary<string, string[]> { [FindForm.TopicField] = ["math"] });
        var typed = await ana.TypeAsync("find math");
        Assert.Contains("Peers for \"math\"", found.Text, StringComparison.Ordinal);
        Assert.Equal(typed.Text, found.Text);
        Assert.Equal(typed.Buttons, found.Buttons);
        Assert.Equal(2, found.ButtonValues(SayHiAction.Id).Count);

        // Typed with no topic, find still says how to ask.
        Assert.Contains("/peer find 7th grade math", (await ana.TypeAsync("find")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIn_ShowsTheCheckInForMyPairing_OrKindlySaysThereIsNoneOrToJoinFirst()
    {
        var (ana, ben) = (_app.SlackTeacher("USC4"), _app.SlackTeacher("USC5"));

        Assert.Contains("You haven't joined PeerBot yet", (await ana.ShortcutAsync(SlackShortcuts.CheckIn)).Text, StringComparison.Ordinal);
        await ana.TypeAsync($"join {Math}");
        await ben.TypeAsync($"join {Math}");
        var none = await ana.ShortcutAsync(SlackShortcuts.CheckIn);
        Assert.Equal(BlockKit.MessageModalId, none.FormId);
        Assert.Contains("You're not in an active pairing yet", none.Text, StringComparison.Ordinal);

        await RoundOfPairsAsync();

        var checkIn = await ana.ShortcutAsync(SlackShortcuts.CheckIn);
        Assert.Contains("Did you meet this week?", checkIn.Text, StringComparison.Ordinal);
        Assert.Contains("With Teacher USC5", checkIn.Text, StringComparison.Ordinal);
        Assert.Equal([CheckInMessages.MetAction, CheckInMessages.NotYetAction, CheckInMessages.SkipAction], checkIn.Buttons.Select(b => b.ActionId));
        Assert.Contains("How useful was it", (await ana.ClickAsync(checkIn, CheckInMessages.MetAction)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClicksInsideTheCheckInModal_AreAnsweredInThatModal_AndSayThanksOpensOnTopOfIt()
    {
        var ana = await PairedAsync("USC6", "USC7");
        var dms = ana.Messages.Count;

        var checkIn = await ana.ShortcutAsync(SlackShortcuts.CheckIn);
        var rate = await ana.ClickAsync(checkIn, CheckInMessages.MetAction);

        // The same modal now asks how useful it was, every choice in words.
        Assert.Equal(checkIn.ViewId, rate.ViewId);
        Assert.Contains("How useful was it", rate.Text, StringComparison.Ordinal);
        var useful = rate.Buttons.Single(b => b.Label == "4 – Useful");
        var noted = await ana.ClickAsync(rate, useful.ActionId, useful.Value);
        Assert.Equal(checkIn.ViewId, noted.ViewId);
        Assert.Contains("4/5", noted.Text, StringComparison.Ordinal);
        Assert.Equal(4, await _app.ScalarAsync<int>("select rating from checkins where rating is not null"));

        // Say thanks stacks its form on the modal; sending it thanks Ben.
        var form = await ana.ClickAsync(rate, ThanksMessages.SayThanksAction);
        Assert.True(form.IsForm);
        Assert.NotEqual(checkIn.ViewId, form.ViewId);
        Assert.Single(_app.Slack.CallsTo("views.push"));
        Assert.Contains("Thanks sent to", (await ana.SubmitAsync(form, new Dictionary<string, string[]> { ["note"] = ["Great chat"] })).Text, StringComparison.Ordinal);
        // (Ben's DM waits for his after-class hours; the thanks is his already.)
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from thanks where note = 'Great chat' and not withheld"));

        // Only the form's confirmation came as a DM (the form has no message to go back to): the rest happened in the modal.
        Assert.Equal(dms + 1, ana.Messages.Count);
    }

    [Fact]
    public async Task WhenTheModalChangedMeanwhile_TheClicksAnswerComesAsADm()
    {
        var ana = await PairedAsync("USC8", "USC9");

        var checkIn = await ana.ShortcutAsync(SlackShortcuts.CheckIn);
        _app.Slack.ChangeModalElsewhere(checkIn.ViewId!);
        var answer = await ana.ClickAsync(checkIn, CheckInMessages.MetAction);

        Assert.Null(answer.ViewId);
        Assert.Contains("How useful was it", answer.Text, StringComparison.Ordinal);
        Assert.Contains(_app.Slack.CallsTo("views.update"), c => c.Json?["view_id"]?.GetValue<string>() == checkIn.ViewId);
    }

    [Fact]
    public async Task WhenTheTriggerHasExpired_TheAnswerComesAsADm_WithTheTypedWayForAForm()
    {
        var ana = _app.SlackTeacher("USC6");
        await ana.TypeAsync($"join {Math}");
        // Slack refuses every trigger from now on, as it does one used after its 3 seconds.
        _app.Slack.TriggerLifetime = TimeSpan.Zero;

        var form = await ana.ShortcutAsync(SlackShortcuts.FindAPeer);
        Assert.False(form.IsForm);
        Assert.Contains("I couldn't open the form just now. You can type it instead, e.g. `/peer find 7th grade math`", form.Text, StringComparison.Ordinal);
        var checkIn = await ana.ShortcutAsync(SlackShortcuts.CheckIn);
        Assert.False(checkIn.IsForm);
        Assert.Contains("You're not in an active pairing yet", checkIn.Text, StringComparison.Ordinal);
        Assert.Empty(_app.Slack.OpenedViews);
        Assert.Equal(2, _app.Slack.CallsTo("views.open").Count);
    }

    [Fact]
    public async Task Help_NamesTheShortcuts_InSlackOnly()
    {
        var slackHelp = await _app.SlackTeacher("USC7").TypeAsync("help");
        Assert.Contains("*Find a peer* and *Check in* are also in Slack's shortcuts menu", slackHelp.Text, StringComparison.Ordinal);

        var (bf, teams) = await PeerBot.Bot.Tests.Teams.TeamsApp.StartAsync();
        await using var _ = teams;
        await using var __ = bf;
        var teamsHelp = await teams.TeamsTeacher(bf, "29:USC7").TypeAsync("help");
        Assert.Contains("find <topic>", teamsHelp.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("shortcut", teamsHelp.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FakeSlack_RefusesATriggerUsedTwiceOrAfterThreeSeconds_LikeSlack()
    {
        var fresh = _app.Slack.IssueTrigger("1.2.fresh");
        var old = _app.Slack.IssueTrigger("1.2.old", DateTimeOffset.UtcNow.AddSeconds(-4));
        using var http = new HttpClient();
        async Task<string?> OpenAsync(string trigger)
        {
            var response = await http.PostAsJsonAsync(new Uri(_app.Slack.ApiBaseUrl, "views.open"), new { trigger_id = trigger, view = new { type = "modal" } });
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return json["ok"]!.GetValue<bool>() ? null : json["error"]!.GetValue<string>();
        }

        Assert.Null(await OpenAsync(fresh));
        Assert.Equal("exchanged_trigger_id", await OpenAsync(fresh));
        Assert.Equal("expired_trigger_id", await OpenAsync(old));
    }

    /// <summary>Two teachers who joined with the same profile, introduced to each other by a round of pairs; the first.</summary>
    private async Task<SlackTeacher> PairedAsync(string first, string second)
    {
        var teacher = _app.SlackTeacher(first);
        await teacher.TypeAsync($"join {Math}");
        await _app.SlackTeacher(second).TypeAsync($"join {Math}");
        await RoundOfPairsAsync();
        return teacher;
    }

    /// <summary>An admin's round now, in pairs (pods of two), with every introduction delivered.</summary>
    private async Task RoundOfPairsAsync()
    {
        var workspace = await _app.ScalarAsync<Guid>("select id from workspaces where platform = 'slack'");
        await _app.Services.GetRequiredService<WorkspaceSettingsStore>().SetPodSizeAsync(workspace, 2, CancellationToken.None);
        await _app.SlackTeacher("UADMIN").TypeAsync("admin round now");
        await _app.DrainedAsync();
    }
}
