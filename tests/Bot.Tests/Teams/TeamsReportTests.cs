using System.Text;
using System.Text.Json.Nodes;
using PeerBot.Bot.Tests.Pulse;

namespace PeerBot.Bot.Tests.Teams;

/// <summary>A Teams coach gets the same report as a Slack coach: the summary, the trend chart and the CSV, in their chat with PeerBot.</summary>
public sealed class TeamsReportTests
{
    private const string PublicBase = "https://peerbot.example.org/";
    private const string Coach = "29:coach";
    private const string CoachChat = "a:personal-29:coach";

    // The personal-message fixture's Entra object id: the admin entry names the coach by tenant and directory id.
    private const string CoachDirectoryId = "7faf8ab2-3d56-4244-b585-20c8a42ed2b8";

    [Fact]
    public async Task Report_ForATeamsCoach_ShowsTheChartInACard_AndLinksTheCsv_BothServedByTheBot()
    {
        var (bf, app) = await StartWithPulsesAsync(PublicBase);
        await using var __ = bf;
        await using var _ = app;

        var (summary, files) = await ReportAsync(bf, app);

        Assert.Contains("15 answered", summary, StringComparison.Ordinal);
        Assert.Contains("The trend chart and the CSV are in your direct chat with PeerBot.", summary, StringComparison.Ordinal);
        var card = files["attachments"]![0]!["content"]!;
        Assert.Equal("Pulse report — all cohorts, last 8 weeks", card["body"]![0]!["text"]!.GetValue<string>());
        var image = card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Image")!;
        var chartUrl = image["url"]!.GetValue<string>();
        Assert.StartsWith(PublicBase + "reports/", chartUrl, StringComparison.Ordinal);
        var download = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!;
        var csvUrl = download["url"]!.GetValue<string>();

        // The links are the bot's own signed report links: what Teams fetches is the chart and the suppressed table.
        using var http = app.Http();
        var png = await http.GetByteArrayAsync(chartUrl[PublicBase.Length..]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var csv = await http.GetStringAsync(csvUrl[PublicBase.Length..]);
        Assert.Contains(",solo,suppressed", csv, StringComparison.Ordinal);
        Assert.Contains(",district-b,7,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ForATeamsCoach_WithoutAPublicAddress_CarriesTheChartAndCsvInline()
    {
        var (bf, app) = await StartWithPulsesAsync(publicBase: null);
        await using var __ = bf;
        await using var _ = app;

        var (summary, files) = await ReportAsync(bf, app);

        Assert.Contains("The trend chart and the CSV are in your direct chat with PeerBot.", summary, StringComparison.Ordinal);
        var attachments = files["attachments"]!.AsArray();
        var image = attachments[0]!["content"]!["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Image")!;
        var png = DataUriBytes(image["url"]!.GetValue<string>(), "image/png");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var csvAttachment = attachments.Single(a => a!["contentType"]!.GetValue<string>() == "text/csv")!;
        Assert.EndsWith(".csv", csvAttachment["name"]!.GetValue<string>(), StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetString(DataUriBytes(csvAttachment["contentUrl"]!.GetValue<string>(), "text/csv"));
        Assert.Contains(",solo,suppressed", csv, StringComparison.Ordinal);
    }

    private static async Task<(FakeBotFramework, Infrastructure.PeerBotApp)> StartWithPulsesAsync(string? publicBase)
    {
        var (bf, app) = await TeamsApp.StartAsync(new()
        {
            ["PeerBot:Admins"] = $"{TeamsActivities.TenantId}:{CoachDirectoryId}",
            ["PeerBot:PublicBaseUrl"] = publicBase,
        });

        // The coach's first message makes the tenant's workspace and PeerBot's chat with them.
        await TeamsActivities.SendAsync(app, bf, TeamsActivities.Personal(bf, "help", Coach, "Cora Coach"));
        await bf.WaitForActivitiesAsync(1, CoachChat);
        var workspace = await app.ScalarAsync<Guid>("select id from workspaces where platform = 'teams'");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.SeedPulseAsync(workspace, today.AddDays(-14), new Dictionary<string, int> { ["new-2026"] = 9 }, [3, 3, 3]);
        await app.SeedPulseAsync(workspace, today, new Dictionary<string, int> { ["new-2026"] = 6, ["district-b"] = 7, ["solo"] = 2 }, [4, 3, 3]);
        return (bf, app);
    }

    /// <summary>Asks for the report in the coach's chat; returns the summary's text and the activity carrying the files.</summary>
    private static async Task<(string Summary, JsonNode Files)> ReportAsync(FakeBotFramework bf, Infrastructure.PeerBotApp app)
    {
        var before = bf.ActivitiesTo(CoachChat).Count(c => c.Json?["type"]?.GetValue<string>() == "message");
        await TeamsActivities.SendAsync(app, bf, TeamsActivities.Personal(bf, "report", Coach, "Cora Coach"));
        var messages = (await bf.WaitForActivitiesAsync(before + 2, CoachChat, where: c => c.Json?["type"]?.GetValue<string>() == "message"))
            .Skip(before).Select(c => c.Json!).ToList();
        var files = messages.Single(m => m.ToJsonString().Contains("\"Image\"", StringComparison.Ordinal));
        // Only text and notes: Teams gets it as Markdown text, not a card.
        var summary = messages.Single(m => m != files)["text"]!.GetValue<string>();
        return (summary, files);
    }

    private static byte[] DataUriBytes(string uri, string mediaType)
    {
        var prefix = $"data:{mediaType};base64,";
        Assert.StartsWith(prefix, uri, StringComparison.Ordinal);
        return Convert.FromBase64String(uri[prefix.Length..]);
    }
}
