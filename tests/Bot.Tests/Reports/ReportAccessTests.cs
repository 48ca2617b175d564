using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Teams;

namespace PeerBot.Bot.Tests.Reports;

/// <summary>Who sees reports: links die with their coach's right to read; <c>PeerBot__Admins</c> entries count in their own workspace only.</summary>
public sealed partial class ReportAccessTests
{
    private const string PublicBase = "https://peerbot.example.org/";
    private const string Refused = "Only workspace admins";

    [Fact]
    public async Task ReportLink_StopsOpening_WhenItsCoachIsRemoved_WhileAnotherCoachsLinkStillOpens()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = "UADMIN", ["PeerBot:PublicBaseUrl"] = PublicBase });
        Assert.Contains("now a coach", await SayAsync(app, "admin coach add <@UCORA|cora>", "UADMIN"), StringComparison.Ordinal);
        Assert.Contains("now a coach", await SayAsync(app, "admin coach add <@UBEA|bea>", "UADMIN"), StringComparison.Ordinal);
        var cora = await LinkAsync(app, "UCORA");
        var bea = await LinkAsync(app, "UBEA");
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(cora)).StatusCode);

        Assert.Contains("no longer a coach", await SayAsync(app, "admin coach remove <@UCORA>", "UADMIN"), StringComparison.Ordinal);

        foreach (var path in new[] { "", "/chart.png", "/report.csv" })
        {
            var denied = await http.GetAsync(cora + path);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal("This link isn't valid.", await denied.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(bea)).StatusCode);
    }

    [Fact]
    public async Task ReportLink_StopsOpening_WhenItsCoachLeavesPeerBot()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = "UADMIN", ["PeerBot:PublicBaseUrl"] = PublicBase });
        Assert.Contains("Welcome to PeerBot", await SayAsync(app, "join role:peer subjects:math tz:America/Chicago", "UCORA"), StringComparison.Ordinal);
        Assert.Contains("now a coach", await SayAsync(app, "admin coach add <@UCORA|cora>", "UADMIN"), StringComparison.Ordinal);
        var link = await LinkAsync(app, "UCORA");
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(link)).StatusCode);

        Assert.Contains("erased", await SayAsync(app, "leave", "UCORA"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task ReportLink_OfAnAdmin_StopsOpening_WhenTheyAreNoLongerAnAdmin()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:PublicBaseUrl"] = PublicBase });
        app.Slack.Admins["UOWNER"] = true;
        var link = await LinkAsync(app, "UOWNER");
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(link)).StatusCode);

        app.Slack.Admins.TryRemove("UOWNER", out _);

        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Admins_InAMultiWorkspaceInstall_CountOnlyInTheWorkspaceTheirEntryNames()
    {
        await using var app = await PeerBotApp.StartAsync(new()
        {
            ["Slack:ClientId"] = "1234.5678",
            ["Slack:ClientSecret"] = "client-secret",
            ["PeerBot:Admins"] = "T100:UADMIN, UBARE, T200:UOTHER",
        });

        Assert.DoesNotContain(Refused, await SayAsync(app, "admin show", "UADMIN", "T100"), StringComparison.Ordinal);
        Assert.Contains(Refused, await SayAsync(app, "admin show", "UADMIN", "T200"), StringComparison.Ordinal);
        Assert.DoesNotContain(Refused, await SayAsync(app, "admin show", "UOTHER", "T200"), StringComparison.Ordinal);
        Assert.Contains(Refused, await SayAsync(app, "admin show", "UOTHER", "T100"), StringComparison.Ordinal);
        Assert.Contains(Refused, await SayAsync(app, "admin show", "UBARE", "T100"), StringComparison.Ordinal);
        Assert.Contains("Reports are for coaches", await SayAsync(app, "report", "UADMIN", "T200"), StringComparison.Ordinal);
        Assert.Contains(app.Logs.Lines, l => l.Contains("PeerBot__Admins has 1 entries without a workspace", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admins_InASingleWorkspaceInstall_MayBeBareIds()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = "UBARE" });

        Assert.DoesNotContain(Refused, await SayAsync(app, "admin show", "UBARE"), StringComparison.Ordinal);
        Assert.Contains(Refused, await SayAsync(app, "admin show", "USOMEONE"), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("without a workspace", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TeamsAdmins_AreNamedByTenantAndAzureAdObjectId_AndCountInThatTenantOnly()
    {
        const string aad = "7faf8ab2-3d56-4244-b585-20c8a42ed2b8", otherTenant = "0d9c3ab4-1111-4222-8333-944455556666";
        var (bf, app) = await TeamsApp.StartAsync(new() { ["PeerBot:Admins"] = $"{TeamsActivities.TenantId}:{aad}, 29:bare" });
        await using var _ = app;
        await using var __ = bf;

        Assert.DoesNotContain(Refused, await TeamsSayAsync(app, bf, "admin show", "29:ada", aad, TeamsActivities.TenantId), StringComparison.Ordinal);
        Assert.Contains(Refused, await TeamsSayAsync(app, bf, "admin show", "29:ada", aad, otherTenant), StringComparison.Ordinal);
        Assert.Contains(Refused, await TeamsSayAsync(app, bf, "admin show", "29:bare", null, TeamsActivities.TenantId), StringComparison.Ordinal);
    }

    private static async Task<string> TeamsSayAsync(PeerBotApp app, FakeBotFramework bf, string text, string user, string? aad, string tenant)
    {
        var teacher = app.TeamsTeacher(bf, user, "Ada Admin");
        teacher.Shape = activity =>
        {
            activity["from"]!["aadObjectId"] = aad;
            activity["channelData"]!["tenant"]!["id"] = tenant;
            activity["conversation"]!["id"] = $"a:personal-{user}-{tenant}";
        };
        return (await teacher.TypeAsync(text)).Text;
    }

    private static async Task<string> LinkAsync(PeerBotApp app, string coach)
    {
        var published = LinkPattern().Match(await SayAsync(app, "report", coach)).Value;
        Assert.StartsWith(PublicBase + "reports/", published, StringComparison.Ordinal);
        return app.BaseUrl + published[PublicBase.Length..];
    }

    /// <summary>The reply text to <c>/peer {text}</c> (inline, or through response_url when slow).</summary>
    private static async Task<string> SayAsync(PeerBotApp app, string text, string user, string team = "T100") =>
        (await app.SlackTeacher(user, team).TypeAsync(text)).Raw["text"]!.GetValue<string>();

    [GeneratedRegex(@"https://peerbot\.example\.org/reports/[A-Za-z0-9_\-\.]+")]
    private static partial Regex LinkPattern();
}
