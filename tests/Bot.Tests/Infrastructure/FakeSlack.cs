using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PeerBot.Bot.Tests.Infrastructure;

/// <summary>
/// Slack's Web API and response_url hooks, faked on 127.0.0.1: records every call and answers with the
/// real response fixtures, or with scripted answers (errors, 429s) queued per method.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedAnswer>> _scripted = new();

    private FakeSlack(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    /// <summary>People users.info knows: user id → time zone.</summary>
    public ConcurrentDictionary<string, string> TimeZones { get; } = new();

    public IReadOnlyList<SlackCall> Calls => [.. _calls];

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.MapPost("/api/{method}", (string method, HttpContext c) => fake.AnswerAsync(method, c));
        app.MapPost("/hooks/{**path}", (string path, HttpContext c) => fake.AnswerAsync("response_url", c));
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.First() + "/");
        return fake;
    }

    public Uri ResponseUrl(string id = "1") => new(BaseUrl, $"hooks/commands/T1/{id}");

    /// <summary>The next call to <paramref name="method"/> gets this answer instead of the default.</summary>
    public void Script(string method, int status, string body, string? retryAfter = null) =>
        _scripted.GetOrAdd(method, _ => new()).Enqueue(new ScriptedAnswer(status, body, retryAfter));

    public IReadOnlyList<SlackCall> CallsTo(string method) => [.. _calls.Where(c => c.Method == method)];

    public async Task<SlackCall> WaitForAsync(string method, int count = 1, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            var calls = CallsTo(method);
            if (calls.Count >= count)
            {
                return calls[count - 1];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Slack {method} was not called {count} time(s) within {timeoutMs} ms; calls: {string.Join(", ", _calls.Select(c => c.Method))}");
    }

    private async Task<IResult> AnswerAsync(string method, HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var call = new SlackCall(method, context.Request.Headers.Authorization.ToString(), context.Request.ContentType ?? "", body);
        _calls.Enqueue(call);
        if (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            if (scripted.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = scripted.RetryAfter;
            }

            return Results.Content(scripted.Body, "application/json", Encoding.UTF8, scripted.Status);
        }

        return method switch
        {
            "response_url" => Results.Text("ok"),
            "users.info" => Results.Json(UserInfo(call.Form.GetValueOrDefault("user") ?? "")),
            "chat.postMessage" => Results.Content(Paths.ReadFixture("slack_webapi_chat_postMessage_response.json"), "application/json"),
            "conversations.open" => Results.Content(Paths.ReadFixture("slack_webapi_conversations_open_response.json"), "application/json"),
            "views.open" or "views.publish" => Results.Json(new { ok = true, view = new { id = "V0001" } }),
            _ => Results.Json(new { ok = false, error = "unknown_method" }),
        };
    }

    private JsonObject UserInfo(string userId) => new()
    {
        ["ok"] = true,
        ["user"] = new JsonObject
        {
            ["id"] = userId,
            ["name"] = userId.ToLowerInvariant(),
            ["real_name"] = $"Teacher {userId}",
            ["tz"] = TimeZones.GetValueOrDefault(userId, "America/Chicago"),
            ["is_admin"] = false,
            ["profile"] = new JsonObject { ["display_name"] = $"Teacher {userId}" },
        },
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record ScriptedAnswer(int Status, string Body, string? RetryAfter);
}

/// <summary>One request PeerBot made to the fake Slack.</summary>
public sealed record SlackCall(string Method, string Authorization, string ContentType, string Body)
{
    public JsonNode? Json => ContentType.StartsWith("application/json", StringComparison.Ordinal) ? JsonNode.Parse(Body) : null;

    public Dictionary<string, string> Form =>
        ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal)
            ? Body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
                .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "")
            : [];
}
