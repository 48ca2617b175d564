using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Tests.Slack;

public sealed class SlashCommandTests : IAsyncLifetime
{
    private readonly SlowCommand _slow = new();
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(
        new() { ["Slack:AckBudget"] = "00:00:00.500" },
        services => services.AddSingleton<ICommandHandler>(_slow));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Help_ListsEveryVerbWithAnExample()
    {
        var reply = await ReplyTo("help");
        var text = reply["text"]!.GetValue<string>();
        foreach (var verb in new[] { "help", "join", "profile", "pause", "resume", "leave" })
        {
            Assert.Contains($"`/peer {verb}", text, StringComparison.Ordinal);
        }

        Assert.Equal("ephemeral", reply["response_type"]!.GetValue<string>());
        Assert.Contains("*join [fields]*", reply["blocks"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("HELP")]
    [InlineData("hello")]
    public async Task EmptyOrGreeting_AnswersWithHelp(string text) =>
        Assert.Contains("/peer join", (await ReplyTo(text))["text"]!.GetValue<string>(), StringComparison.Ordinal);

    [Fact]
    public async Task UnknownVerb_SaysSoAndShowsHelp()
    {
        var text = (await ReplyTo("dance wildly"))["text"]!.GetValue<string>();
        Assert.Contains("I don't know \"dance\"", text, StringComparison.Ordinal);
        Assert.Contains("/peer join", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsignedRequest_IsRejectedWith401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(SlackSigner.Command("help"), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        var response = await _app.Http().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StaleRequest_IsRejectedWith401()
    {
        using var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command("help"), DateTimeOffset.UtcNow.AddMinutes(-6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Http().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task TamperedRequest_IsRejectedWith401()
    {
        using var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command("help"));
        request.Content = new StringContent(SlackSigner.Command("leave"), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Http().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task SignedWithAnotherSecret_IsRejectedWith401()
    {
        using var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command("help"), secret: "someone-elses-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Http().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task SslCheck_IsAnsweredWith200()
    {
        using var request = SlackSigner.Signed("/slack/commands", "ssl_check=1&token=legacy");
        var response = await _app.Http().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("slack_slash_command_docs_example.body.txt")]
    [InlineData("slack_slash_command_real_modified.body.txt")]
    [InlineData("slack_slash_command_org_level_app.body.txt")]
    [InlineData("slack_slash_command_signing_example.body.txt")]
    public async Task RealSlackPayloads_AreUnderstood(string fixture)
    {
        using var request = SlackSigner.Signed("/slack/commands", Paths.ReadFixture(fixture));
        var response = await _app.Http().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>();
        // Their verbs ("94070", "test", nothing) are not ours: each gets help, shown with the command the person used.
        Assert.Contains("join", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowWork_IsAcknowledgedAtOnce_AndAnsweredThroughResponseUrl()
    {
        // The work cannot finish until the acknowledgement has arrived: an acknowledgement that waited for it never comes.
        var sent = _app.SendCommandAsync("slow");
        Assert.True(await Task.WhenAny(sent, Task.Delay(TimeSpan.FromSeconds(30))) == sent, "the acknowledgement waited for the slow work");
        var response = await sent;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.True(_slow.Started, "the slow work should have begun before the acknowledgement");
        Assert.Empty(_app.Slack.CallsTo("response_url"));

        _slow.Finish();
        var posted = await _app.Slack.WaitForAsync("response_url");
        Assert.Equal("Finally done.", posted.Json!["text"]!.GetValue<string>());
        Assert.Equal("ephemeral", posted.Json!["response_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task CommandWithoutTeamOrUser_Is400()
    {
        using var request = SlackSigner.Signed("/slack/commands", "command=%2Fpeer&text=help");
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Http().SendAsync(request)).StatusCode);
    }

    private async Task<JsonNode> ReplyTo(string text)
    {
        var response = await _app.SendCommandAsync(text);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Work that takes as long as the test wants: it ends only when the test says so.</summary>
    private sealed class SlowCommand : ICommandHandler
    {
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _started;

        public CommandInfo Info { get; } = new("slow", "slow", "takes its time", "slow");

        public bool Started => _started;

        public void Finish() => _finish.TrySetResult();

        public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
        {
            _started = true;
            await _finish.Task.WaitAsync(ct);
            return new MessageReply(ChatMessage.Plain("Finally done."));
        }
    }
}
