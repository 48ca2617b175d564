using System.Net;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Teams;

public sealed class TeamsAuthenticationTests(TeamsApp teams) : IClassFixture<TeamsApp>
{
    private FakeBotFramework Bf => teams.BotFramework;

    [Fact]
    public async Task ValidChannelToken_IsAcceptedAndAnswered()
    {
        var activity = TeamsActivities.Personal(Bf, "help", userId: "29:valid");

        var response = await TeamsActivities.SendAsync(teams.App, Bf, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await Bf.WaitForActivitiesAsync(1, "a:personal-29:valid"));
    }

    [Theory]
    [InlineData("no token", HttpStatusCode.Unauthorized)]
    [InlineData("wrong audience", HttpStatusCode.Unauthorized)]
    [InlineData("wrong issuer", HttpStatusCode.Unauthorized)]
    [InlineData("expired", HttpStatusCode.Unauthorized)]
    [InlineData("bad signature", HttpStatusCode.Unauthorized)]
    [InlineData("serviceUrl mismatch", HttpStatusCode.Unauthorized)]
    [InlineData("missing endorsement", HttpStatusCode.Forbidden)]
    public async Task SpoiledToken_IsRefusedAndNothingIsProcessed(string spoiled, HttpStatusCode expected)
    {
        var userId = "29:" + spoiled.Replace(' ', '-');
        var activity = TeamsActivities.Personal(Bf, "join role:mentee subjects:math years:2", userId);
        var serviceUrl = Bf.ServiceUrl;
        var token = spoiled switch
        {
            "no token" => null,
            "wrong audience" => Bf.Mint(serviceUrl, audience: "some-other-bot"),
            "wrong issuer" => Bf.Mint(serviceUrl, issuer: "https://sts.windows.net/attacker/"),
            // Beyond the five minutes of allowed clock skew.
            "expired" => Bf.Mint(serviceUrl, expires: DateTime.UtcNow.AddMinutes(-6)),
            "bad signature" => Bf.Mint(serviceUrl, key: Bf.ForgedKey),
            "serviceUrl mismatch" => Bf.Mint("https://smba.trafficmanager.net/evil/"),
            "missing endorsement" => Bf.Mint(serviceUrl, key: Bf.WebChatKey),
            _ => throw new ArgumentOutOfRangeException(nameof(spoiled)),
        };

        var response = await TeamsActivities.SendAsync(teams.App, activity, token);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0L, await teams.App.ScalarAsync<long>("select count(*) from teams_conversations where user_id = $1", userId));
        Assert.Equal(0L, await teams.App.ScalarAsync<long>("select count(*) from members where external_user_id = $1", userId));
        Assert.Empty(Bf.ActivitiesTo($"a:personal-{userId}"));
    }

    [Fact]
    public async Task TokenWithinClockSkew_IsAccepted()
    {
        var activity = TeamsActivities.Personal(Bf, "hi", userId: "29:skew");

        var response = await TeamsActivities.SendAsync(teams.App, activity, Bf.Mint(Bf.ServiceUrl, expires: DateTime.UtcNow.AddMinutes(-3)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Teams:OpenIdMetadataUrl", "http://login.example.com/v1/.well-known/openidconfiguration")]
    [InlineData("Teams:TokenEndpoint", "http://login.example.com/botframework.com/oauth2/v2.0/token")]
    [InlineData("Teams:AppPassword", "")]
    public async Task UnsafeSettings_FailAtStart_NamingTheSetting(string setting, string value)
    {
        var settings = Bf.Settings;
        settings[setting] = value;

        var e = await Assert.ThrowsAnyAsync<Exception>(() => PeerBotApp.StartAsync(settings));

        Assert.Contains(setting, e.ToString());
    }

    [Fact]
    public async Task WithoutAppId_TheEndpointIsOff()
    {
        await using var app = await PeerBotApp.StartAsync();
        var activity = TeamsActivities.Personal(Bf, "help");

        var response = await TeamsActivities.SendAsync(app, Bf, activity);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
