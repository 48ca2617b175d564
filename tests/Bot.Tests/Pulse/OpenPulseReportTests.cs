using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Tests.Pulse;

/// <summary>The open-pulse probe of issue 12: a coach who pulls reports around one more answer learns nothing about it.</summary>
public sealed partial class OpenPulseReportTests : IAsyncLifetime
{
    // Wednesday 4 March 2026, 22:00 UTC.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 22, 0, 0, TimeSpan.Zero));
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(
        new() { ["PeerBot:Admins"] = "UADMIN", ["PeerBot:PublicBaseUrl"] = PublicBase, ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = "0" },
        services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string PublicBase = "https://peerbot.example.org/";

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public async Task OpenPulse_ReportsShowTheSameAnswerFiguresBeforeAndAfterOneMoreAnswer_AndSealedFiguresOnceItCloses()
    {
        var teachers = Enumerable.Range(1, 12).Select(i => $"UT{i:D2}").ToArray();
        foreach (var t in teachers)
        {
            await _app.SayTextAsync($"join role:peer subjects:math grades:6-8 cohort:new-2026", t, Now);
        }

        await _app.SayTextAsync("admin coach add <@UCOACH|cora>", "UADMIN", Now);
        Assert.Contains("12 members asked", await _app.SayTextAsync("admin pulse now", "UADMIN", Now), StringComparison.Ordinal);
        // Eight answer low, as in the issue.
        foreach (var t in teachers[..8])
        {
            await _app.AnswerAsync(t, (await _app.InvitationAsync(t)).BlocksJson!, [2, 2, 2], Now);
        }

        var before = await ReadEverySurfaceAsync();
        Assert.Contains("8 of 12 asked have answered so far", before.Chat, StringComparison.Ordinal);

        // The ninth answers 5, 5, 5: a live mean would move from 2.0 to 2.3.
        await _app.AnswerAsync(teachers[8], (await _app.InvitationAsync(teachers[8])).BlocksJson!, [5, 5, 5], Now);
        var after = await ReadEverySurfaceAsync();
        Assert.Contains("9 of 12 asked have answered so far", after.Chat, StringComparison.Ordinal);

        foreach (var (b, a) in new[] { (before.Chat, after.Chat), (before.Page, after.Page), (before.Csv, after.Csv), (before.UploadedCsv, after.UploadedCsv) })
        {
            // Answer figures: a mean or a distribution. There are none, before or after, and the rest reads the same.
            Assert.DoesNotMatch(MeanPattern(), b);
            Assert.DoesNotMatch(MeanPattern(), a);
            Assert.Equal(WithoutParticipation(b), WithoutParticipation(a));
        }

        Assert.Contains(",all,open,", after.Csv, StringComparison.Ordinal);
        Assert.Contains("still open", after.Page, StringComparison.Ordinal);

        // It closes after five days (here: the sweeper, as the clock passes the closing time), and only then shows figures.
        _clock.Advance(PulseJob.OpenFor + TimeSpan.FromMinutes(1));
        await _app.Services.GetRequiredService<PulseJob>().SweepAsync(CancellationToken.None);
        var sealedChat = await _app.SayTextAsync("report", "UCOACH", Now);
        Assert.Contains("Latest pulse (4 Mar): 9 answered (75", sealedChat, StringComparison.Ordinal);
        Assert.Contains("stress: 2.3 / 5", sealedChat, StringComparison.Ordinal);
        var link = Link(sealedChat);
        using var http = new HttpClient();
        var first = await http.GetStringAsync(link);
        Assert.Contains("<td>9</td>", first, StringComparison.Ordinal);
        // A re-opened link shows the same sealed numbers.
        Assert.Equal(first, await http.GetStringAsync(link));
        Assert.Equal(await http.GetStringAsync(link + "/report.csv"), await http.GetStringAsync(link + "/report.csv"));
    }

    private async Task<(string Chat, string Page, string Csv, string UploadedCsv)> ReadEverySurfaceAsync()
    {
        var uploads = _app.Slack.CallsTo("files.completeUploadExternal").Count;
        var chat = await _app.SayTextAsync("report", "UCOACH", Now);
        var link = Link(chat);
        using var http = new HttpClient();
        var page = await http.GetStringAsync(link);
        var csv = await http.GetStringAsync(link + "/report.csv");
        Assert.Equal("image/png", (await http.GetAsync(link + "/chart.png")).Content.Headers.ContentType?.MediaType);
        await _app.Slack.WaitForAsync("files.completeUploadExternal", uploads + 1);
        var uploaded = _app.Slack.Uploads.Values.Where(u => u.Name.EndsWith(".csv", StringComparison.Ordinal)).Select(u => System.Text.Encoding.UTF8.GetString(u.Bytes)).Last();
        // The link itself differs from one report to the next; what it shows is compared.
        return (LinkPattern().Replace(chat, "LINK"), page, csv, uploaded);
    }

    private string Link(string chat) => _app.BaseUrl + LinkPattern().Match(chat).Value[PublicBase.Length..];

    private static string WithoutParticipation(string s) => ParticipationPattern().Replace(s, "N");

    // "2.0 / 5", "2.00,", "(0 8 0 0 0)": a mean or a distribution of answers.
    [GeneratedRegex(@"\d\.\d+ / 5|\d\.\d\d(,\d+){5}|\(\d+ \d+ \d+ \d+ \d+\)")]
    private static partial Regex MeanPattern();

    // Participation is shown live: "8 of 12", "67%", "0.67" and the link's expiry time are all that may change.
    [GeneratedRegex(@"\d+ of \d+|\d+ ?%|0\.\d\d|until [^:]+:\d\d UTC")]
    private static partial Regex ParticipationPattern();

    [GeneratedRegex(@"https://peerbot\.example\.org/reports/[A-Za-z0-9_\-\.]+")]
    private static partial Regex LinkPattern();
}
