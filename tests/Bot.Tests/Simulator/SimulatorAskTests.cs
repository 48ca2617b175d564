using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Simulator;

/// <summary>Ask a colleague in the simulator: the same command, and the time panel moves an unanswered question on.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class SimulatorAskTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await SimulatorHost.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AQuestionTypedOnThePage_ReachesTheFittingPeerAfterClass_WithoutNamingTheAsker()
    {
        foreach (var (user, profile) in new[] { ("U0ANA", "subjects:math grades:6-8 years:2"), ("U0BEN", "subjects:math grades:6-8 years:8"), ("U0CHLOE", "subjects:art grades:k-2 years:5") })
        {
            await _app.PostJsonAsync("/simulator/act/command", new { user, text = $"join role:peer {profile} tz:America/Chicago" });
            await _app.WaitForItemAsync(i => i.Kind == "ephemeral" && i.VisibleTo == user && i.Text.Contains("Welcome", StringComparison.Ordinal));
        }

        await _app.PostJsonAsync("/simulator/act/command", new { user = "U0ANA", text = "/peer ask How do you grade lab notebooks fast? #math" });
        await _app.WaitForItemAsync(i => i.Kind == "ephemeral" && i.VisibleTo == "U0ANA" && i.Text.Contains("Sent anonymously to 1 colleague", StringComparison.Ordinal));

        // After class comes with the panel: the offer waiting for Ben goes out; nobody claimed it, so it moves on to the next peer.
        var response = await _app.PostJsonAsync("/simulator/time/ask", new { });
        Assert.Contains("moved one school day on", (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var offer = await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel == "DU0BEN" && i.Text.Contains("lab notebooks", StringComparison.Ordinal));
        Assert.Contains("anonymously", offer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("U0ANA", offer.Text + offer.Blocks?.ToJsonString(), StringComparison.Ordinal);
        await _app.WaitForItemAsync(i => i.Kind == "message" && i.Channel == "DU0CHLOE" && i.Text.Contains("lab notebooks", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Workspace().Snapshot(0).Items, i => i.Channel == "DU0ANA" && i.Text.Contains("lab notebooks", StringComparison.Ordinal));
    }
}
