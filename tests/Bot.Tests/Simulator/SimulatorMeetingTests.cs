using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Scheduler.Meetings;
using PeerBot.Scheduler.Meetings;

namespace PeerBot.Bot.Tests.Simulator;

/// <summary>In the simulator, the introduction a round shows carries <em>Propose</em>, and a click posts the invitation into the pod's group DM.</summary>
[Collection(SimulatorCollection.Name)]
public sealed partial class SimulatorMeetingTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CheckInModal_ClickingWeMet_AsksHowUsefulItWas_InTheSameModal()
    {
        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0ANA", text = "join role:peer subjects:math grades:6-8 years:3 tz:America/Chicago" });
        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0BEN", text = "join role:peer subjects:math grades:6-8 years:9 tz:America/Chicago" });
        await _app.PostJsonAsync("/simulator/time/round", new { });
        await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel.StartsWith('G'));

        await _app.PostJsonAsync("/simulator/act/shortcut", new { user = "U0ANA", callbackId = "check_in" });
        var checkIn = await _app.WaitForModalAsync("U0ANA");
        var met = (checkIn.View["blocks"] as JsonArray ?? []).SelectMany(b => b?["elements"] as JsonArray ?? [])
            .Single(e => e?["action_id"]?.GetValue<string>() == PeerBot.Scheduler.CheckIns.CheckInMessages.MetAction)!;
        await _app.PostJsonAsync("/simulator/act/click", new { user = "U0ANA", actionId = met["action_id"]!.GetValue<string>(), value = met["value"]!.GetValue<string>(), viewId = checkIn.ViewId });

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && !(_app.Workspace().Modal("U0ANA")?.View.ToJsonString().Contains("How useful was it", StringComparison.Ordinal) ?? false))
        {
            await Task.Delay(50);
        }

        var rate = _app.Workspace().Modal("U0ANA")!;
        Assert.Equal(checkIn.ViewId, rate.ViewId);
        Assert.Contains("How useful was it", rate.View.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(_app.Workspace().CallsTo("views.update"), c => c.Ok);
    }

    [Fact]
    public async Task TheIntroductionsProposeButton_PostsTheMeetingAndItsCalendarFileIntoTheGroupDm()
    {
        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0ANA", text = "join role:peer subjects:math grades:6-8 years:3 tz:America/Chicago avail:\"tue 15:30-16:30\"" });
        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0BEN", text = "join role:peer subjects:math grades:6-8 years:9 tz:America/Chicago avail:\"tue 15:00-16:00\"" });
        var response = await _app.PostJsonAsync("/simulator/time/round", new { });
        Assert.Contains("Round done", (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var intro = await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel.StartsWith('G') && i.Text.Contains("Meet your pack", StringComparison.Ordinal));
        Assert.Contains("You're both free Tue 3:30–4:00 pm", intro.Text, StringComparison.Ordinal);
        var (button, block) = (intro.Blocks as JsonArray ?? [])
            .SelectMany(b => (b?["elements"] as JsonArray ?? []).Select(e => (Element: e!, Block: b!["block_id"]?.GetValue<string>())))
            .Single(x => x.Element["action_id"]?.GetValue<string>() == ProposeButton.Action);
        Assert.Equal("Propose Tue 3:30 pm", button["text"]!["text"]!.GetValue<string>());

        await _app.PostJsonAsync("/simulator/act/click", new { user = "U0ANA", channel = intro.Channel, ts = intro.Ts, actionId = ProposeButton.Action, value = button["value"]!.GetValue<string>(), blockId = block });
        await _app.WaitForItemAsync(i => i.Kind == "ephemeral" && i.Text.Contains("now has your invitation", StringComparison.Ordinal));
        var proposal = await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel == intro.Channel && i.Text.Contains("proposes Tue", StringComparison.Ordinal));
        Assert.Matches(@"proposes Tue \d+ \w{3}, 3:30–3:50 pm\.", proposal.Text);
        var file = await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel == intro.Channel && (i.Blocks?.ToJsonString().Contains("/simulator/files/", StringComparison.Ordinal) ?? false));

        // A link to open (not a broken picture), serving a calendar file.
        Assert.DoesNotContain("\"image\"", file.Blocks!.ToJsonString(), StringComparison.Ordinal);
        var link = FileLink().Match(file.Blocks!.ToJsonString()).Groups[1].Value;
        using var download = await _app.Http().GetAsync(link);
        Assert.Equal("text/calendar", download.Content.Headers.ContentType?.MediaType);
        var ics = ICalendarFile.Parse(await download.Content.ReadAsByteArrayAsync());
        var start = TimeZoneInfo.ConvertTime(ics.Instant("DTSTART"), TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));
        Assert.Equal((DayOfWeek.Tuesday, 15, 30), (start.DayOfWeek, start.Hour, start.Minute));
        Assert.Equal(TimeSpan.FromMinutes(20), ics.Instant("DTEND") - ics.Instant("DTSTART"));
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from outbox where state = 'dead'"));
    }

    [GeneratedRegex("(/simulator/files/[A-Za-z0-9]+)")]
    private static partial Regex FileLink();
}
