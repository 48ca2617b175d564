using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Simulator;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Simulator;

/// <summary>The real bot with no chat platform configured (so the simulator is on), and the page's own JSON API.</summary>
public static class SimulatorHost
{
    /// <summary>Starts PeerBot as a newcomer would: no Slack or Teams settings at all (the test FakeSlack stays unused).</summary>
    public static Task<PeerBotApp> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = null,
            ["Slack:BotToken"] = null,
            ["Slack:ApiBaseUrl"] = null,
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        // Started off xunit's limited synchronization context: the bot's background services (outbox dispatcher,
        // Hangfire, event handlers) must not queue their continuations behind other tests' threads.
        return Task.Run(() => PeerBotApp.StartAsync(settings));
    }

    public static SimulatedWorkspace Workspace(this PeerBotApp app) => app.Services.GetRequiredService<SimulatedWorkspace>();

    public static async Task<HttpResponseMessage> PostJsonAsync(this PeerBotApp app, string path, object body)
    {
        var response = await app.Http().PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Calls the simulated Slack's Web API directly, as the bot's adapter does.</summary>
    public static async Task<JsonNode> WebApiAsync(this PeerBotApp app, string method, object body, string token = SimulatedSlackSettings.BotToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/simulator/slack/api/{method}") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        var response = await app.Http().SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Waits until the person has a modal open (one opened after an acknowledgement arrives a moment later).</summary>
    public static async Task<SimModal> WaitForModalAsync(this PeerBotApp app, string userId, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (app.Workspace().Modal(userId) is { } modal)
            {
                return modal;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No modal for {userId}; calls: " + string.Join(" | ", app.Workspace().CallsTo("views.open").Select(c => c.Ok)));
    }

    /// <summary>Waits until an item the page would show matches (replies through response_url and the outbox arrive a moment later).</summary>
    public static async Task<SimItem> WaitForItemAsync(this PeerBotApp app, Func<SimItem, bool> match, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (app.Workspace().Snapshot(0).Items.LastOrDefault(match) is { } item)
            {
                return item;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No such item; items: " + string.Join(" | ", app.Workspace().Snapshot(0).Items.Select(i => $"{i.Kind}:{i.Text[..Math.Min(60, i.Text.Length)]}")));
    }
}
