using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Pulse;

public sealed partial class ReportTests : IAsyncLifetime
{
    // Friday 6 March 2026, 20:00 UTC.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 6, 20, 0, 0, TimeSpan.Zero));
    private PeerBotApp _app = null!;
    private Guid _workspace;

    public async Task InitializeAsync()
    {
        _app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = "UADMIN", ["PeerBot:PublicBaseUrl"] = PublicBase }, services => services.AddSingleton<TimeProvider>(_clock));
        Assert.Contains("now a coach", await _app.SayTextAsync("admin coach add <@UCOACH|cora>", "UADMIN", Now), StringComparison.Ordinal);
        _workspace = await _app.ScalarAsync<Guid>("select id from workspaces");
        // Two weeks ago: everyone in one big cohort. This week: a cohort of 2 beside cohorts of 6 and 7.
        await _app.SeedPulseAsync(_workspace, new DateOnly(2026, 2, 20), new Dictionary<string, int> { ["new-2026"] = 9 }, [3, 3, 3],
            [.. Enumerable.Range(1, 4).Select(i => $"old comment {i}")]);
        await _app.SeedPulseAsync(_workspace, new DateOnly(2026, 3, 6), new Dictionary<string, int> { ["new-2026"] = 6, ["district-b"] = 7, ["solo"] = 2 }, [4, 3, 3],
            "We need more planning time.", "=HYPERLINK(\"http://x\")");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string PublicBase = "https://peerbot.example.org/";

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public async Task Report_FromSomeoneWhoIsNotACoach_IsPolitelyRefused()
    {
        var reply = await _app.SayTextAsync("report", "UTEACHER", Now);
        Assert.Contains("Reports are for coaches", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("answered", reply, StringComparison.Ordinal);
        Assert.Empty(_app.Slack.CallsTo("files.getUploadURLExternal"));
    }

    [Fact]
    public async Task Report_ForACoach_HeadlinesHideSmallCellsAndTheirComplement_AndChartAndCsvAreUploaded()
    {
        var reply = await _app.SayTextAsync("report", "UCOACH", Now);
        Assert.Contains("Latest pulse (6 Mar): 15 answered", reply, StringComparison.Ordinal);
        Assert.Contains("stress: 4.0 / 5 (+1.0 since 20 Feb)", reply, StringComparison.Ordinal);
        // solo (2) is hidden, and so is new-2026 (6): otherwise 15 − 6 − 7 would reveal solo.
        Assert.Contains("Cohorts: district-b: 7, new-2026: hidden, solo: hidden", reply, StringComparison.Ordinal);

        await _app.Slack.WaitForAsync("files.completeUploadExternal");
        var complete = _app.Slack.CallsTo("files.completeUploadExternal").Single().Json!;
        Assert.Equal("DUCOACH", complete["channel_id"]!.GetValue<string>());
        Assert.Equal(2, complete["files"]!.AsArray().Count);
        var png = _app.Slack.Uploads.Values.Single(u => u.Name.EndsWith(".png", StringComparison.Ordinal)).Bytes;
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 5_000, $"chart is only {png.Length} bytes");
        var csv = Encoding.UTF8.GetString(_app.Slack.Uploads.Values.Single(u => u.Name.EndsWith(".csv", StringComparison.Ordinal)).Bytes);
        Assert.Contains("2026-03-06,solo,suppressed", csv, StringComparison.Ordinal);
        Assert.Contains("2026-03-06,new-2026,suppressed", csv, StringComparison.Ordinal);
        Assert.Contains("2026-03-06,district-b,7,,stress,4.00,0,0,0,7,0", csv, StringComparison.Ordinal);
        Assert.Contains("2026-03-06,all,15,,stress,4.00,0,0,0,15,0", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_CannotBeNarrowedToOnePerson_ByAnyCohortOrWeeksFilter()
    {
        foreach (var filter in new[] { "solo", "solo 1", "solo 52", "new-2026", "new-2026 1" })
        {
            var reply = await _app.SayTextAsync($"report {filter}", "UCOACH", Now);
            Assert.DoesNotContain("Latest pulse (6 Mar)", reply, StringComparison.Ordinal);
        }

        // The whole-workspace report of the same week shows 15 and 7, never a number that leaves solo's 2 by subtraction.
        var all = await _app.SayTextAsync("report 1", "UCOACH", Now);
        Assert.Contains("15 answered", all, StringComparison.Ordinal);
        Assert.DoesNotContain(": 6", all, StringComparison.Ordinal);
        Assert.DoesNotContain(": 2", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportLink_Valid_Tampered_Expired()
    {
        var reply = await _app.SayTextAsync("report", "UADMIN", Now);
        var published = LinkPattern().Match(reply).Value;
        Assert.StartsWith(PublicBase + "reports/", published, StringComparison.Ordinal);
        var link = _app.BaseUrl + published[PublicBase.Length..];
        using var http = new HttpClient();

        var page = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Pulse report — all cohorts", html, StringComparison.Ordinal);
        Assert.Contains("We need more planning time.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("old comment", html, StringComparison.Ordinal);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        var chart = await http.GetAsync(link + "/chart.png");
        Assert.Equal("image/png", chart.Content.Headers.ContentType?.MediaType);
        Assert.Contains("suppressed", await http.GetStringAsync(link + "/report.csv"), StringComparison.Ordinal);

        var token = link[(link.LastIndexOf('/') + 1)..];
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var otherScope = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_workspace:N}|52|{Now.AddDays(30).ToUnixTimeSeconds()}|solo")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        foreach (var forged in new[] { token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1], otherScope + token[dot..], token[..dot], "x.y" })
        {
            var denied = await http.GetAsync(new Uri(_app.BaseUrl, "reports/" + forged));
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal("This link isn't valid.", await denied.Content.ReadAsStringAsync());
        }

        _clock.Advance(TimeSpan.FromHours(25));
        var expired = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.DoesNotContain("15", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoachRemoved_CanNoLongerPullReports()
    {
        Assert.Contains("no longer a coach", await _app.SayTextAsync("admin coach remove <@UCOACH>", "UADMIN", Now), StringComparison.Ordinal);
        Assert.Contains("Reports are for coaches", await _app.SayTextAsync("report", "UCOACH", Now), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https://peerbot\.example\.org/reports/[A-Za-z0-9_\-\.]+")]
    private static partial Regex LinkPattern();
}
