using PeerBot.Bot.Tests.Teams;

namespace PeerBot.Bot.Tests.Infrastructure.Driver;

public static class TeacherExtensions
{
    /// <summary>A teacher in Slack team <paramref name="teamId"/> of this bot.</summary>
    public static SlackTeacher SlackTeacher(this PeerBotApp app, string userId, string teamId = "T100", string? userName = null) => new(app, userId, teamId, userName);

    /// <summary>A teacher in the Teams tenant of <see cref="TeamsActivities.TenantId"/>, chatting with this bot through <paramref name="bf"/>.</summary>
    /// <summary>The same teacher on either platform of a bot with both (<c>slack</c>: user id as given; <c>teams</c>: <c>29:</c> before it).</summary>
    public static Teacher Teacher(this TeamsApp bot, string platform, string user) => platform switch
    {
        "slack" => bot.App.SlackTeacher(user),
        "teams" => bot.App.TeamsTeacher(bot.BotFramework, "29:" + user),
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "slack or teams"),
    };

    public static TeamsTeacher TeamsTeacher(this PeerBotApp app, FakeBotFramework bf, string userId, string name = "Ana Ruiz") => new(app, bf, userId, name);
}
