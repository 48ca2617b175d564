using System.Net;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Teams;

namespace PeerBot.Bot.Tests.Commands;

/// <summary>A teacher joins (by form and inline), looks at the profile, pauses, resumes and leaves — in Slack and in Teams, through their real endpoints.</summary>
public sealed class ProfileJourneyTests(TeamsApp bot) : IClassFixture<TeamsApp>
{
    private PeerBotApp App => bot.App;

    private Task<T?> MemberAsync<T>(Teacher teacher, string column) =>
        App.ScalarAsync<T>($"select {column} from members where external_user_id = $1", teacher.UserId);

    private static readonly Dictionary<string, string[]> Profile = new()
    {
        ["role"] = ["mentor"], ["subjects"] = ["Math, Science"], ["grades"] = ["6-8"], ["years"] = ["12"], ["capacity"] = ["2"],
        ["school"] = ["Lincoln MS"], ["availability"] = ["tue 15:30-16:30"],
    };

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task JoinWithoutFields_OpensTheProfileForm_AndSubmittingItSavesAndConfirms(string platform)
    {
        var teacher = bot.Teacher(platform, "J201");

        var form = await teacher.TypeAsync("join");

        Assert.Equal("profile", form.FormId);
        Assert.Contains("role", form.Fields);
        Assert.Contains("subjects", form.Fields);
        Assert.Contains("focus", form.Fields);
        var confirmation = await teacher.SubmitAsync(form, Profile);
        Assert.Contains("Welcome to PeerBot", confirmation.Text, StringComparison.Ordinal);
        Assert.Equal("mentor", await MemberAsync<string>(teacher, "role"));
        Assert.Equal(2, await MemberAsync<int>(teacher, "capacity"));
        Assert.Equal(new[] { "math", "science" }, await MemberAsync<string[]>(teacher, "subjects"));
        Assert.Equal(new[] { "tue 15:30-16:30" }, await MemberAsync<string[]>(teacher, "availability"));
    }

    [Fact]
    public async Task JoinWithoutFields_InSlack_OpensTheModalWithTheBotToken_AndTakesTheTimeZoneFromSlack()
    {
        var teacher = App.SlackTeacher("U202");
        App.Slack.TimeZones[teacher.UserId] = "America/Denver";

        var form = await teacher.TypeAsync("join");

        var open = Assert.Single(App.Slack.CallsTo("views.open"), c => c.Json!["view"]!.ToJsonString() == form.Raw.ToJsonString());
        Assert.Equal("Bearer xoxb-test-token", open.Authorization);
        await teacher.SubmitAsync(form, Profile);
        Assert.Equal("America/Denver", await MemberAsync<string>(teacher, "time_zone"));
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task FormSubmission_WithBadYears_NamesTheField_AndSavesNothing(string platform)
    {
        var teacher = bot.Teacher(platform, "J203");
        var form = await teacher.TypeAsync("join");

        var refused = await teacher.SubmitAsync(form, new Dictionary<string, string[]>(Profile) { ["years"] = ["lots"] });

        Assert.Contains("whole number", refused.FieldErrors["years"], StringComparison.Ordinal);
        Assert.Equal(0L, await App.ScalarAsync<long>("select count(*) from members where external_user_id = $1", teacher.UserId));
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task InlineJoin_SavesAtOnce(string platform)
    {
        var teacher = bot.Teacher(platform, "J204");

        var reply = await teacher.TypeAsync("join role:mentee subjects:math,science grades:6-8 years:2 school:\"Lincoln MS\" focus:ell tz:America/Chicago avail:\"tue 15:30-16:30,thu 07:00-07:45\"");

        Assert.Contains("Welcome to PeerBot", reply.Text, StringComparison.Ordinal);
        Assert.Equal("Lincoln MS", await MemberAsync<string>(teacher, "school"));
        Assert.Equal(new[] { "tue 15:30-16:30", "thu 07:00-07:45" }, await MemberAsync<string[]>(teacher, "availability"));
        // The time zone was given: Slack is asked once, for the person's name only (Teams names them on every message).
        Assert.Equal(platform == "slack" ? 1 : 0, App.Slack.CallsTo("users.info").Count(c => c.Form["user"] == teacher.UserId));
    }

    [Fact]
    public async Task InlineJoin_WithoutTimeZone_TakesItFromSlack()
    {
        var teacher = App.SlackTeacher("U205");
        App.Slack.TimeZones[teacher.UserId] = "Europe/Berlin";

        await teacher.TypeAsync("join role:peer subjects:art");

        Assert.Equal("Europe/Berlin", await MemberAsync<string>(teacher, "time_zone"));
        Assert.Contains(App.Slack.CallsTo("users.info"), c => c.Form["user"] == teacher.UserId);
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task InlineJoin_WithMistakes_NamesEachFieldAndShowsTheRightForm_AndSavesNothing(string platform)
    {
        var teacher = bot.Teacher(platform, "J206");

        var reply = (await teacher.TypeAsync("join role:wizard years:many grades:seventh")).Text;

        Assert.Matches(@"\*role\*", reply);
        Assert.Contains("mentee, mentor, both, peer", reply, StringComparison.Ordinal);
        Assert.Matches(@"\*years\*", reply);
        Assert.Matches(@"\*grades\*", reply);
        Assert.Contains($"{teacher.Prefix}join role:mentee", reply, StringComparison.Ordinal);
        Assert.Equal(0L, await App.ScalarAsync<long>("select count(*) from members where external_user_id = $1", teacher.UserId));
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task Profile_BeforeJoining_SaysHowToJoin(string platform)
    {
        var teacher = bot.Teacher(platform, "J207");
        Assert.Contains($"{teacher.Prefix}join", (await teacher.TypeAsync("profile")).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task Profile_ShowsWhatWasSaved_WithAnEditButton(string platform)
    {
        var teacher = bot.Teacher(platform, "J208");
        await teacher.TypeAsync("join role:both subjects:history grades:9-12 years:8 capacity:3 cohort:district-b");

        var profile = await teacher.TypeAsync("profile");

        Assert.Contains("history", profile.Text, StringComparison.Ordinal);
        Assert.Contains("mentors up to 3", profile.Text, StringComparison.Ordinal);
        Assert.Contains("district-b", profile.Text, StringComparison.Ordinal);
        Assert.Contains(profile.Buttons, b => b.ActionId == "profile.edit");
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task PauseThenResume_StopsAndRestartsTheMember(string platform)
    {
        var teacher = bot.Teacher(platform, "J209");
        await teacher.TypeAsync("join role:peer subjects:music");

        Assert.Contains("Paused for 3 weeks", (await teacher.TypeAsync("pause 3")).Text, StringComparison.Ordinal);
        var until = await MemberAsync<DateTime>(teacher, "paused_until");
        Assert.InRange(until, DateTime.UtcNow.AddDays(20.9), DateTime.UtcNow.AddDays(21.1));
        Assert.Contains("Paused until", (await teacher.TypeAsync("profile")).Text, StringComparison.Ordinal);

        Assert.Contains("Welcome back", (await teacher.TypeAsync("resume")).Text, StringComparison.Ordinal);
        Assert.Null(await MemberAsync<object>(teacher, "paused_until"));
    }

    [Theory]
    [InlineData("slack", "pause forever")]
    [InlineData("slack", "pause 0")]
    [InlineData("slack", "pause 99")]
    [InlineData("teams", "pause forever")]
    [InlineData("teams", "pause 99")]
    public async Task Pause_WithABadNumber_SaysHowToWriteIt(string platform, string text)
    {
        var teacher = bot.Teacher(platform, $"J210-{text.Replace(' ', '-')}");
        await teacher.TypeAsync("join role:peer subjects:music");

        Assert.Contains($"{teacher.Prefix}pause 3", (await teacher.TypeAsync(text)).Text, StringComparison.Ordinal);
        Assert.Null(await MemberAsync<object>(teacher, "paused_until"));
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task Leave_ErasesTheMembersPersonalData(string platform)
    {
        var teacher = bot.Teacher(platform, "J211");
        await teacher.TypeAsync("join role:mentee subjects:math school:\"Lincoln MS\"");
        Assert.Equal(1L, await App.ScalarAsync<long>("select count(*) from members where external_user_id = $1", teacher.UserId));

        var reply = await teacher.TypeAsync("leave");

        Assert.Contains("erased your profile", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0L, await App.ScalarAsync<long>("select count(*) from members where external_user_id = $1", teacher.UserId));
        Assert.Contains("haven't joined", (await teacher.TypeAsync("profile")).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task Leave_WhenNotAMember_SaysThereIsNothingToErase(string platform) =>
        Assert.Contains("nothing of yours to erase", (await bot.Teacher(platform, "J212").TypeAsync("leave")).Text, StringComparison.Ordinal);

    [Theory]
    [InlineData("slack")]
    [InlineData("teams")]
    public async Task EditProfileButton_OpensTheFormWithTheSavedValues(string platform)
    {
        var teacher = bot.Teacher(platform, "J213");
        await teacher.TypeAsync("join role:mentor subjects:chemistry years:15 capacity:2");
        var profile = await teacher.TypeAsync("profile");

        var form = await teacher.ClickAsync(profile, "profile.edit");

        Assert.Equal("profile", form.FormId);
        Assert.Contains("chemistry", form.Raw.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["mentor"], form.Initial("role"));
        Assert.Equal(["15"], form.Initial("years"));
    }

    [Fact]
    public async Task SlacksExamplePayloads_ForFormsAndButtonsWeDoNotKnow_AreAcknowledgedAndChangeNothing()
    {
        var members = await App.ScalarAsync<long>("select count(*) from members");
        Assert.Equal(HttpStatusCode.OK, (await App.SendInteractionAsync(Paths.ReadFixture("slack_view_submission.json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.SendInteractionAsync(Paths.ReadFixture("slack_block_actions.json"))).StatusCode);
        // Both are handled inline (an unknown form and an unknown button are refused before anything runs).
        Assert.Equal(members, await App.ScalarAsync<long>("select count(*) from members"));
    }

    [Fact]
    public async Task MalformedInteractionPayload_Is400()
    {
        using var request = SlackSigner.Signed("/slack/interactivity", "payload=%7Bnot-json");
        Assert.Equal(HttpStatusCode.BadRequest, (await App.Http().SendAsync(request)).StatusCode);
    }
}
