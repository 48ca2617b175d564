using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Teams;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Meetings;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Tests.Scheduler.Meetings;

/// <summary>
/// A pod across Chicago and London, introduced the week before the US clocks go forward (the UK's stay): the intro names
/// the time they share on each reader's clock, and one click on <em>Propose</em> posts the next occurrence with a valid
/// calendar invitation into their conversation — once, however often it is clicked, and never for an ended pairing.
/// </summary>
public sealed class MeetingProposalTests
{
    // Wednesday 4 March 2026, 2 pm in Chicago (CST, 6 h behind London). The US clocks go forward on Sunday 8 March; the
    // UK's only on 29 March, so on Tuesday 10 March Chicago is 5 h behind London.
    private static readonly DateTimeOffset Wednesday = new(2026, 3, 4, 20, 0, 0, TimeSpan.Zero);
    private const string Fields = "role:peer subjects:math grades:6-8 years:3 focus:assessment school:\"Lincoln MS\"";

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task ProposeOnAnIntroduction_PostsOneValidInvitationForTheNextOccurrence_OnEachReadersClock_WithTheAdminsVideoLink_AndAnEndedPairingIsAnsweredKindly(string platform)
    {
        var clock = new FakeTimeProvider(Wednesday);
        var (bf, app) = await TeamsApp.StartAsync(new()
        {
            ["PeerBot:Admins"] = $"UADMIN, {TeamsActivities.TenantId}:29:UADMIN",
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
        }, s => s.AddSingleton<TimeProvider>(clock));
        await using var _ = app;
        await using var __ = bf;
        Teacher Person(string id, string name)
        {
            app.Slack.Names[id] = (name, name);
            Teacher t = platform == "slack" ? app.SlackTeacher(id) : app.TeamsTeacher(bf, "29:" + id, name);
            t.Clock = clock.GetUtcNow;
            return t;
        }

        var ana = Person("UMP1", "Ana Ruiz");
        var ben = Person("UMP2", "Ben Ode");
        var zoe = Person("UMP3", "Zoë Ångström");
        await ana.TypeAsync($"join {Fields} tz:America/Chicago avail:\"tue 15:00-16:30\"");
        await ben.TypeAsync($"join {Fields} tz:Europe/London avail:\"tue 20:00-21:30\"");
        await zoe.TypeAsync($"join {Fields} tz:America/Chicago avail:\"tue 14:00-17:00\"");
        var workspace = await app.ScalarAsync<Guid>("select id from workspaces where platform = $1", platform);
        var settings = app.Services.GetRequiredService<WorkspaceSettingsStore>();
        await settings.SetTimeZoneAsync(workspace, "America/Chicago", CancellationToken.None);
        await settings.SetPodSizeAsync(workspace, 3, CancellationToken.None);

        // The admin sets a video link (https only, admins only); {pair} gives the pod its own room.
        var admin = Person("UADMIN", "Ada Admin");
        Assert.Contains("Only workspace admins", (await ana.TypeAsync("admin video https://meet.example.org/x")).Text, StringComparison.Ordinal);
        Assert.Contains("doesn't look like a secure web address", (await admin.TypeAsync("admin video http://meet.example.org/lounge")).Text, StringComparison.Ordinal);
        Assert.Contains("doesn't look like a secure web address", (await admin.TypeAsync("admin video meet.example.org")).Text, StringComparison.Ordinal);
        Assert.Contains("Each pair or pod gets a room of its own", (await admin.TypeAsync("admin video https://meet.example.org/{pair}")).Text, StringComparison.Ordinal);
        Assert.Contains("Video link: https://meet.example.org/{pair}", (await admin.TypeAsync("admin show")).Text, StringComparison.Ordinal);
        await app.Services.GetRequiredService<PairingRound>().RunAsync(workspace, "meet:test", Urgency.Now, RoundScope.Full, CancellationToken.None);

        var group = FakeSlack.ChannelFor([ana.UserId, ben.UserId, zoe.UserId]);
        async Task<Seen> Reads(Teacher t, string text) => platform == "slack"
            ? await app.Slack.WaitUntilAsync(() => app.Slack.MessagesIn(group).Where(m => m.Text.Contains(text, StringComparison.Ordinal)).Select(Slack).FirstOrDefault(), text)
            : await t.MessageAsync(text);

        // The intro: Slack's one group message has each zone's line, named; each Teams copy has the reader's own only.
        var anasIntro = await Reads(ana, "Meet your pack");
        var bensIntro = await Reads(ben, "Meet your pack");
        if (platform == "slack")
        {
            Assert.Contains("You're all free Tue 3:00–3:30 pm (America/Chicago)", anasIntro.Text, StringComparison.Ordinal);
            Assert.Contains("You're all free Tue 9:00–9:30 pm (Europe/London)", anasIntro.Text, StringComparison.Ordinal);
            Assert.Equal(["Propose Tue 3:00 pm (Chicago)"], anasIntro.Buttons.Where(b => b.ActionId == ProposeButton.Action).Select(b => b.Label));
        }
        else
        {
            Assert.Contains("You're all free Tue 3:00–3:30 pm", anasIntro.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("9:00", anasIntro.Text, StringComparison.Ordinal);
            Assert.Contains("You're all free Tue 9:00–9:30 pm", bensIntro.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("3:00", bensIntro.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("America/Chicago", bensIntro.Text, StringComparison.Ordinal);
            Assert.Equal(["Propose Tue 3:00 pm"], anasIntro.Buttons.Where(b => b.ActionId == ProposeButton.Action).Select(b => b.Label));
            Assert.Equal(["Propose Tue 9:00 pm"], bensIntro.Buttons.Where(b => b.ActionId == ProposeButton.Action).Select(b => b.Label));
        }

        var room = System.Text.RegularExpressions.Regex.Match(anasIntro.Text, @"🎥 Video call: (https://meet\.example\.org/peerbot-[0-9a-f]{10})").Groups[1].Value;
        Assert.NotEqual("", room);
        Assert.Contains($"🎥 Video call: {room}", bensIntro.Text, StringComparison.Ordinal);

        // Ana proposes. Today is Wednesday, so it is next Tuesday, 10 March: 3 pm in Chicago is daylight time there by then
        // (20:00 UTC), 8 pm in London.
        // (A few minutes later: the clock moves once nothing is in flight, and a conversation takes one message a second.)
        await app.DrainedAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        var sent = await ana.ClickAsync(anasIntro, ProposeButton.Action);
        Assert.Contains("your pod now has your invitation for Tue 10 Mar, 3:00–3:20 pm", sent.Text, StringComparison.Ordinal);
        var anasProposal = await Reads(ana, "proposes");
        var bensProposal = await Reads(ben, "proposes");
        Assert.Contains($"🎥 Video call: {room}", bensProposal.Text, StringComparison.Ordinal);
        if (platform == "slack")
        {
            Assert.Contains("Ana Ruiz proposes Tue 10 Mar, 3:00–3:20 pm Chicago time (your time in London: Tue 10 Mar, 8:00–8:20 pm)", anasProposal.Text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("Ana Ruiz proposes Tue 10 Mar, 3:00–3:20 pm.", anasProposal.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("your time", anasProposal.Text, StringComparison.Ordinal);
            Assert.Contains("Ana Ruiz proposes Tue 10 Mar, 3:00–3:20 pm Chicago time (your time: Tue 10 Mar, 8:00–8:20 pm)", bensProposal.Text, StringComparison.Ordinal);
        }

        // Zoë clicks the same button (in her copy on Teams): nothing is sent twice.
        var zoesIntro = await Reads(zoe, "Meet your pack");
        Assert.Contains("already in your conversation", (await zoe.ClickAsync(zoesIntro, ProposeButton.Action)).Text, StringComparison.Ordinal);
        Assert.Contains("already in your conversation", (await ana.ClickAsync(anasIntro, ProposeButton.Action)).Text, StringComparison.Ordinal);
        await app.DrainedAsync();

        IReadOnlyList<byte[]> invitations;
        if (platform == "slack")
        {
            Assert.Single(app.Slack.MessagesIn(group), m => m.Text.Contains("proposes", StringComparison.Ordinal));
            var share = Assert.Single(app.Slack.FileShares);
            Assert.Equal(group, share.Channel);
            Assert.EndsWith(".ics", Assert.Single(share.Files).Name, StringComparison.Ordinal);
            invitations = [share.Files[0].Bytes];
        }
        else
        {
            var copies = new[] { ana, ben, zoe }.Select(t => Assert.Single(t.Messages, m => m.Text.Contains("proposes", StringComparison.Ordinal))).ToList();
            invitations = [.. copies.Select(Attachment)];
        }

        foreach (var bytes in invitations)
        {
            var ics = ICalendarFile.Parse(bytes);
            Assert.Equal(new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.Zero), ics.Instant("DTSTART"));
            Assert.Equal(new DateTimeOffset(2026, 3, 10, 20, 20, 0, TimeSpan.Zero), ics.Instant("DTEND"));
            Assert.Equal("20260304T200500Z", ics.Event.Get("DTSTAMP").Value);
            foreach (var name in new[] { "Ana Ruiz", "Ben Ode", "Zoë Ångström" })
            {
                Assert.Contains(name, ics.Text("SUMMARY"), StringComparison.Ordinal);
            }

            Assert.Contains("proposed by Ana Ruiz", ics.Text("DESCRIPTION"), StringComparison.Ordinal);
            Assert.True(ics.Folds > 0, "the description is long enough to be folded");
            Assert.Equal(room, ics.Text("LOCATION"));
            Assert.Equal(room, ics.Event.Get("URL").Value);
            Assert.Null(ics.Event.Find("ORGANIZER"));
            Assert.Null(ics.Event.Find("ATTENDEE"));
        }

        Assert.Single(invitations.Select(b => ICalendarFile.Parse(b).Event.Get("UID").Value).Distinct());

        // Ben ends the pod; the old button then says so kindly and sends nothing.
        Assert.Contains("this pairing has ended", (await ben.ClickAsync(bensIntro, Introductions.EndAction)).Text, StringComparison.Ordinal);
        var stale = await ana.ClickAsync(anasIntro, ProposeButton.Action);
        Assert.Contains("This pairing has ended, so I didn't send an invitation", stale.Text, StringComparison.Ordinal);
        await app.DrainedAsync();
        Assert.Equal(1, await app.ScalarAsync<long>("select count(*) from outbox where purpose = 'meeting proposal'"));
        Assert.Contains("no longer include a video link", (await admin.TypeAsync("admin video off")).Text, StringComparison.Ordinal);
        Assert.Contains("Video link: none", (await admin.TypeAsync("admin show")).Text, StringComparison.Ordinal);
    }

    private static Seen Slack(PostedMessage m) =>
        Seen.FromSlack(new JsonObject { ["text"] = m.Text, ["blocks"] = m.BlocksJson is null ? new JsonArray() : JsonNode.Parse(m.BlocksJson) });

    /// <summary>The .ics a Teams card carries (an attachment; Teams shows it as a file to open).</summary>
    private static byte[] Attachment(Seen card)
    {
        var attachment = Assert.Single(card.Raw["attachments"]!.AsArray(), a => a!["contentType"]?.GetValue<string>() == CalendarInvitation.MediaType)!;
        Assert.EndsWith(".ics", attachment["name"]!.GetValue<string>(), StringComparison.Ordinal);
        var url = attachment["contentUrl"]!.GetValue<string>();
        return Convert.FromBase64String(url[(url.IndexOf(',', StringComparison.Ordinal) + 1)..]);
    }
}
